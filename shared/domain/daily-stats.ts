import type { Issue } from './issue.ts';
import type { CounterDeltas, StatScope } from './stats.ts';

const WORKER_SCOPE: StatScope = 'worker';

/** The figures kept per day (China Standard Time), for the dashboard's 30-day chart. */
export const DAILY_COUNTER_NAMES = ['received', 'closed'] as const;
export type DailyCounters = Record<(typeof DAILY_COUNTER_NAMES)[number], number>;

/** Per-day increments: scope key (`grid#g-001`) → day (`2026-11-28`) → counters, zeros left out. */
export type DailyDeltas = Record<string, Record<string, Partial<DailyCounters>>>;

/** The calendar day of an instant in China Standard Time (UTC+8 all year), as `yyyy-mm-dd`. */
export function chinaDay(instant: string | Date): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The per-day share of a difference: an issue is received on the day it was reported (also when a
 * reassignment moves it to another grid, so each day's received figures add up to the totals) and closed on
 * the day it closed. Only units (district to grid) have a daily chart; a worker's figures are totals only,
 * which spares two counter writes per case.
 */
export function dailyDeltasOf(issue: Issue, deltas: CounterDeltas): DailyDeltas {
  const closedAt = issue.timeline.findLast((event) => event.type === 'closed')?.at ?? issue.updatedAt;
  const daily: DailyDeltas = {};
  const add = (scope: string, day: string, name: 'received' | 'closed', value: number | undefined) => {
    if (!value) return;
    const days = daily[scope] ?? {};
    daily[scope] = days;
    const counters = days[day] ?? {};
    days[day] = counters;
    counters[name] = (counters[name] ?? 0) + value;
  };
  for (const [scope, delta] of Object.entries(deltas)) {
    if (scope.startsWith(`${WORKER_SCOPE}#`)) continue;
    add(scope, chinaDay(issue.createdAt), 'received', delta.received);
    add(scope, chinaDay(closedAt), 'closed', delta.closed);
  }
  return daily;
}
