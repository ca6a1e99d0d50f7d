import { type DayRange, type PeriodKind, periodContaining } from '#domain/periods.ts';
import {
  byPublishedRates,
  type PublishedRates,
  publishedRates,
  type RateInputs,
} from '#domain/published-rates.ts';
import type { UnitScope } from '#domain/stats.ts';
import { chinaDay } from '#domain/working-time.ts';
import { type NamedUnit, unitFigures } from './dashboard.ts';
import type { Deps } from './deps.ts';
import { unitPeriodStats } from './unit-stats.ts';

/** One row of the figures export: a unit, its counts and published rates, and its rank among its siblings. */
export interface FigureRow extends NamedUnit, PublishedRates {
  /** 1 for the best of the units one level down; the unit asked for itself has none. */
  readonly rank: number | null;
  readonly counts: RateInputs & { readonly overdue: number };
}

export interface FigureExport {
  /** The period's days, or none for the totals since the first case. */
  readonly range: DayRange | null;
  readonly rows: AsyncIterable<FigureRow>;
}

function row(ref: NamedUnit, counts: FigureRow['counts'], rank: number | null): FigureRow {
  return { ...ref, ...publishedRates(counts), rank, counts };
}

/**
 * The figures of a unit and of its units one level down, ranked by the published rates: totals, or a named
 * period's figures (around `date`, today by default) from the units' day items. Rows come as an iterator, so
 * the encoder writes each as it is read.
 */
export async function exportFigures(
  deps: Pick<Deps, 'registry' | 'stats' | 'clock'>,
  unit: { scope: UnitScope; id: string },
  request: { period?: PeriodKind | undefined; date?: string | undefined },
): Promise<FigureExport> {
  const figures = await unitFigures(deps, unit.scope, unit.id);
  const refs = [figures.unit, ...figures.children];
  const range = request.period
    ? periodContaining(request.period, request.date ?? chinaDay(deps.clock.now()))
    : null;
  const countsOf = async (ref: (typeof refs)[number]): Promise<FigureRow['counts']> => {
    if (!range) {
      const { received, closed, closedOnTime, overdue, reworked, rated, satisfied, deferred } = ref.stats;
      return { received, closed, closedOnTime, overdue, reworked, rated, satisfied, deferred };
    }
    const period = await unitPeriodStats(deps, { scope: ref.scope, id: ref.id, range });
    const { received, closed, closedOnTime, overdue, reworked, rated, satisfied, deferred } = period;
    return { received, closed, closedOnTime, overdue, reworked, rated, satisfied, deferred };
  };
  async function* rows(): AsyncGenerator<FigureRow> {
    const [own, ...children] = await Promise.all(refs.map(countsOf));
    yield row(figures.unit, own as FigureRow['counts'], null);
    const ranked = figures.children
      .map((ref, index) => row(ref, children[index] as FigureRow['counts'], null))
      .sort(byPublishedRates);
    for (const [index, child] of ranked.entries()) yield { ...child, rank: index + 1 };
  }
  return { range, rows: rows() };
}
