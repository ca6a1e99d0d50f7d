import { dailyDeltasOf } from '#domain/daily-stats.ts';
import { deltasBetween, snapshotOf } from '#domain/stats.ts';
import type { IssueStore, StatsStore, StoredIssue } from '#ports';

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
