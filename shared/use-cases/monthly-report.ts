import { type DayRange, periodContaining } from '#domain/periods.ts';
import { type PublishedRates, publishedRates, type RateInputs } from '#domain/published-rates.ts';
import { SLOWEST_SHOWN, type SlowCase } from '#domain/slowest-cases.ts';
import { scopeKey, type UnitScope } from '#domain/stats.ts';
import type { NamedUnit } from './dashboard.ts';
import type { Deps } from './deps.ts';
import { exportFigures, type FigureRow } from './export-figures.ts';
import { unitPeriodStats } from './unit-stats.ts';

/** A month's counts and the rates they give. */
export interface MonthFigures extends PublishedRates {
  readonly counts: RateInputs & { readonly overdue: number; readonly solvedOrAnswered: number };
}

/** What the printable monthly report shows of one unit. */
export interface MonthlyReport {
  readonly unit: NamedUnit;
  /** `yyyy-mm`, China time. */
  readonly month: string;
  readonly range: DayRange;
  readonly previousMonth: string;
  /** Received and closed on each day of the month, zeros filled in. */
  readonly days: readonly { day: string; received: number; closed: number }[];
  readonly figures: MonthFigures;
  /** The month before, for comparison. */
  readonly previous: MonthFigures;
  /** The units one level down, best first (none for a grid or a department). */
  readonly ranking: readonly FigureRow[];
  /** The slowest cases closed in the month, slowest first. */
  readonly slowest: readonly (SlowCase & { readonly gridName: string })[];
  readonly asOf: string | null;
}

const monthBefore = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number - 2, 1)).toISOString().slice(0, 7);
};

async function monthFigures(
  deps: Pick<Deps, 'stats'>,
  unit: { scope: UnitScope; id: string },
  range: DayRange,
): Promise<MonthFigures & { asOf: string | null }> {
  const period = await unitPeriodStats(deps, { ...unit, range });
  const { received, closed, closedOnTime, overdue, reworked, rated, satisfied, deferred } = period;
  const counts = {
    received,
    closed,
    closedOnTime,
    overdue,
    reworked,
    rated,
    satisfied,
    deferred,
    solvedOrAnswered: period.solvedOrAnswered,
  };
  return { ...publishedRates(counts), counts, asOf: period.asOf };
}

/**
 * A unit's monthly report: a month's day items, the month before's, the units one level down ranked, and the
 * slowest cases from the list the counting consumer keeps. A fixed number of reads whatever the number of
 * cases: one Query of the month's day items per unit, one item for the slowest cases, the cached grid list.
 */
export async function monthlyReport(
  deps: Pick<Deps, 'registry' | 'stats' | 'slowestCases' | 'clock'>,
  unit: { scope: UnitScope; id: string },
  month: string,
): Promise<MonthlyReport> {
  const range = periodContaining('month', `${month}-01`);
  const previousMonth = monthBefore(month);
  const key = scopeKey(unit.scope, unit.id);
  const [exported, current, previous, stored, slowest, grids] = await Promise.all([
    exportFigures(deps, unit, { period: 'month', date: range.from }),
    monthFigures(deps, unit, range),
    monthFigures(deps, unit, periodContaining('month', `${previousMonth}-01`)),
    deps.stats.readDaily(key, range.from, range.to),
    deps.slowestCases.read(key, month),
    deps.registry.allGrids(),
  ]);
  const rows: FigureRow[] = [];
  for await (const row of exported.rows) rows.push(row);
  const [own, ...ranking] = rows;
  const days = Array.from({ length: Number(range.to.slice(8)) }, (_, i) => {
    const day = `${month}-${String(i + 1).padStart(2, '0')}`;
    return { day, received: stored.get(day)?.received ?? 0, closed: stored.get(day)?.closed ?? 0 };
  });
  const gridNames = new Map(grids.map((grid) => [grid.id, grid.name]));
  const { asOf, ...figures } = current;
  return {
    unit: { scope: unit.scope, id: unit.id, name: own?.name ?? unit.id },
    month,
    range,
    previousMonth,
    days,
    figures,
    previous: { ...publishedRates(previous.counts), counts: previous.counts },
    ranking,
    slowest: slowest
      .slice(0, SLOWEST_SHOWN)
      .map((entry) => ({ ...entry, gridName: gridNames.get(entry.gridId) ?? entry.gridId })),
    asOf,
  };
}
