// The figures export: rows from the counters, ranked by the published rates, encoded as CSV for Excel.
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { byPublishedRates, publishedRates } from '#domain/published-rates.ts';
import { figuresCsv, figuresFileName } from '#http/figures-csv.ts';
import { type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import { exportFigures } from '#use-cases/export-figures.ts';
import { at, GRID_B, ladderRegistry } from './fixtures.ts';

let deps: FakeDeps;
const STREET = { scope: 'street', id: 's-1' } as const;

beforeEach(() => {
  deps = fakeDeps(ladderRegistry(), at(0));
  const unit = deps.registry.units.get(GRID_B.communityId);
  if (unit) deps.registry.units.set(unit.id, { ...unit, name: '荷花, "二"社区' });
  const totals = (figures: Record<string, number>) => figures;
  deps.stats.items.set(
    'street#s-1',
    totals({
      received: 10,
      closed: 8,
      closedOnTime: 6,
      reworked: 2,
      rated: 5,
      satisfied: 4,
      deferred: 1,
      overdue: 1,
    }),
  );
  deps.stats.items.set(
    'community#c-01',
    totals({ received: 4, closed: 4, closedOnTime: 2, reworked: 1, rated: 2, satisfied: 1 }),
  );
  deps.stats.items.set(
    'community#c-02',
    totals({
      received: 6,
      closed: 4,
      closedOnTime: 4,
      reworked: 1,
      rated: 3,
      satisfied: 3,
      deferred: 1,
      overdue: 1,
    }),
  );
});

describe('publishedRates', () => {
  it('divides as districts publish, and leaves a rate with nothing to divide empty', () => {
    // Act
    const rates = publishedRates({
      received: 3,
      closed: 0,
      closedOnTime: 0,
      reworked: 0,
      rated: 3,
      satisfied: 2,
    });

    // Assess
    expect(rates).toEqual({
      onTimeRate: null,
      satisfactionRate: 0.6667,
      reworkRate: null,
      deferralRate: null,
    });
  });

  it('ranks by satisfaction, then closing on time, then fewer reworks; no rate last', () => {
    // Prepare
    const unit = (satisfactionRate: number | null, onTimeRate: number | null, reworkRate: number | null) => ({
      satisfactionRate,
      onTimeRate,
      reworkRate,
      deferralRate: null,
    });
    const units = [
      unit(null, 1, 0),
      unit(0.9, 0.8, 0.2),
      unit(0.9, 0.8, 0.1),
      unit(0.9, 0.9, 0.5),
      unit(1, 0, 1),
    ];

    // Act
    const ranked = [...units].sort(byPublishedRates);

    // Assess
    expect(ranked).toEqual([units[4], units[3], units[2], units[1], units[0]]);
  });
});

describe('the figures export', () => {
  it('writes the unit, then its units one level down ranked, as CSV with a byte order mark', async () => {
    // Act
    const figures = await exportFigures(deps, STREET, {});
    const csv = await figuresCsv(figures);

    // Assess
    expect(csv.startsWith('\uFEFF层级,单位编号,单位名称,排名,受理,')).toBe(true);
    expect(csv).toContain('"荷花, ""二""社区"');
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(
      rows.map((row) => [row.单位编号, row.排名, row.满意率, row.按期办结率, row.返工率, row.延期率]),
    ).toEqual([
      ['s-1', '', '0.8', '0.75', '0.25', '0.1'],
      ['c-02', '1', '1', '1', '0.25', '0.1667'],
      ['c-01', '2', '0.5', '0.5', '0.25', '0'],
    ]);
    expect(rows[0]).toMatchObject({
      受理: '10',
      办结: '8',
      按期办结: '6',
      超期: '1',
      返工: '2',
      评价: '5',
      满意: '4',
    });
    expect(figuresFileName(STREET, figures)).toBe('figures-street-s-1-total.csv');
  });

  it('gives a period’s figures from the day items, the deferral rate included', async () => {
    // Prepare
    deps.stats.items.set('community#c-01 2025-03-03', {
      received: 2,
      closed: 1,
      closedOnTime: 1,
      rated: 1,
      satisfied: 1,
      deferred: 1,
    });

    // Act
    const figures = await exportFigures(deps, STREET, { period: 'month', date: '2025-03-15' });
    const rows = parse((await figuresCsv(figures)).slice(1), { columns: true }) as Record<string, string>[];

    // Assess
    expect(figures.range).toEqual({ from: '2025-03-01', to: '2025-03-31' });
    expect(rows.find((row) => row.单位编号 === 'c-01')).toMatchObject({
      受理: '2',
      满意率: '1',
      延期: '1',
      延期率: '0.5',
    });
    expect(figuresFileName(STREET, figures)).toBe('figures-street-s-1-2025-03-01_2025-03-31.csv');
  });
});
