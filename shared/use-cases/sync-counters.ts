import type { Issue } from '#domain/issue.ts';
import { type CounterDeltas, deltasBetween, snapshotOf } from '#domain/stats.ts';
import type { DailyDeltas, IssueStore, StatsStore, StoredIssue } from '#ports';

/**
 * Brings the counters behind /stats up to date with one issue: adds the difference between what the
 * counters hold for it and what its state says now. Only workflow steps call this, and they run one at a
 * time per issue, so no two callers add the same difference.
 */
export async function syncCounters(deps: { issues: IssueStore; stats: StatsStore }, stored: StoredIssue) {
  const snapshot = snapshotOf(stored.issue);
  const deltas = deltasBetween(stored.counted, snapshot);
  if (Object.keys(deltas).length === 0) return;
  await deps.stats.apply(deltas, dailyDeltasOf(stored.issue, deltas));
  await deps.issues.markCounted(stored.issue.id, snapshot, stored.countedVersion);
}

/** The calendar day of an instant in China Standard Time (UTC+8 all year), as `yyyy-mm-dd`. */
export function chinaDay(instant: string | Date): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The per-day share of a difference: an issue is received on the day it was reported (also when a
 * reassignment moves it to another grid, so each day's received figures add up to the totals) and closed on
 * the day it closed.
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
    add(scope, chinaDay(issue.createdAt), 'received', delta.received);
    add(scope, chinaDay(closedAt), 'closed', delta.closed);
  }
  return daily;
}
