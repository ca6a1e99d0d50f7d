import { parseBreakdownFigure } from '#domain/daily-stats.ts';
import { FiguresNotPublishedError } from '#domain/errors.ts';
import { type DayRange, type PeriodKind, periodContaining } from '#domain/periods.ts';
import {
  BREAKDOWNS,
  type Breakdown,
  PERIOD_COUNTER_NAMES,
  type PeriodCounterName,
  type StatScope,
  type StatsView,
  satisfactionRateOf,
  scopeKey,
  statsView,
  zeroCounters,
} from '#domain/stats.ts';
import { chinaDay } from '#domain/working-time.ts';
import type { Deps } from './deps.ts';

export type PeriodCounters = Record<PeriodCounterName, number>;

/** A unit's figures for a range of days, with each breakdown value's share when one was asked for. */
export interface PeriodStatsView extends PeriodCounters, DayRange {
  readonly scope: StatScope;
  readonly id: string;
  readonly satisfactionRate: number | null;
  /** Each share holds the figures its breakdown splits (`closed` alone for outcomes). */
  readonly breakdown?: Record<string, Record<string, Partial<PeriodCounters>>> | undefined;
  /** When the newest change these figures include was made; null before anything was counted. */
  readonly asOf: string | null;
}

export type TotalStatsView = StatsView & { readonly asOf: string | null };

const zeroPeriod = (): PeriodCounters =>
  Object.fromEntries(PERIOD_COUNTER_NAMES.map((name) => [name, 0])) as PeriodCounters;

function published(scope: StatScope): void {
  if (scope === 'worker') throw new FiguresNotPublishedError(scope);
}

/**
 * The published figures of one unit, from its one counter item (never a scan); a unit with none counts zero.
 * A person's own figures are for their supervisors, not for publication.
 */
export async function unitStats(
  deps: Pick<Deps, 'stats'>,
  scope: StatScope,
  id: string,
): Promise<TotalStatsView> {
  published(scope);
  const key = scopeKey(scope, id);
  const [counters, asOf] = await Promise.all([deps.stats.read([key]), deps.stats.countedUpTo()]);
  return { ...statsView(scope, id, counters.get(key) ?? zeroCounters()), asOf: asOf ?? null };
}

/**
 * A unit's figures for a range of China days, summed from its day items (one Query of at most a year of items,
 * however many cases are stored), broken down by `breakdown` when asked.
 */
export async function unitPeriodStats(
  deps: Pick<Deps, 'stats'>,
  request: { scope: StatScope; id: string; range: DayRange; breakdown?: Breakdown | undefined },
): Promise<PeriodStatsView> {
  const { scope, id, range, breakdown } = request;
  published(scope);
  const [days, asOf] = await Promise.all([
    deps.stats.readDaily(scopeKey(scope, id), range.from, range.to),
    deps.stats.countedUpTo(),
  ]);
  const totals = zeroPeriod();
  const shares: Record<string, Partial<PeriodCounters>> = {};
  const split: readonly PeriodCounterName[] = breakdown ? BREAKDOWNS[breakdown].counters : [];
  for (const figures of days.values()) {
    for (const name of PERIOD_COUNTER_NAMES) totals[name] += figures[name] ?? 0;
    if (!breakdown) continue;
    for (const [name, value] of Object.entries(figures)) {
      const share = parseBreakdownFigure(breakdown, name);
      if (!share) continue;
      const counts = shares[share.value] ?? Object.fromEntries(split.map((counter) => [counter, 0]));
      shares[share.value] = counts;
      counts[share.counter] = (counts[share.counter] ?? 0) + value;
    }
  }
  return {
    scope,
    id,
    ...range,
    ...totals,
    satisfactionRate: satisfactionRateOf(totals),
    ...(breakdown ? { breakdown: { [breakdown]: shares } } : {}),
    asOf: asOf ?? null,
  };
}

/** What GET /stats asks: a unit, and optionally a named period (around `date`) or a range, and a breakdown. */
export interface StatsRequest {
  readonly scope: StatScope;
  readonly id: string;
  readonly period?: PeriodKind | undefined;
  readonly date?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly breakdown?: Breakdown | undefined;
}

/**
 * The totals of a unit, or its figures for the period or range asked (a named period around today by default).
 * A department's figures are read signed in (`signedIn`, once its supervisor's scope was checked), never on the
 * public route.
 */
export async function askedStats(
  deps: Pick<Deps, 'stats' | 'clock'>,
  request: StatsRequest,
  access: 'public' | 'signedIn' = 'public',
): Promise<TotalStatsView | PeriodStatsView> {
  const { scope, id, period, date, from, to, breakdown } = request;
  if (scope === 'department' && access === 'public')
    throw new FiguresNotPublishedError(scope, 'are read signed in, on /dashboard/api/stats');
  if (from && to) return unitPeriodStats(deps, { scope, id, range: { from, to }, breakdown });
  if (!period) return unitStats(deps, scope, id);
  const range = periodContaining(period, date ?? chinaDay(deps.clock.now()));
  return unitPeriodStats(deps, { scope, id, range, breakdown });
}
