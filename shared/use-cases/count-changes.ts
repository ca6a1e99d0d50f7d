import { changeOf } from '#domain/daily-stats.ts';
import type { Issue } from '#domain/issue.ts';
import { slowestChangesBetween } from '#domain/slowest-cases.ts';
import type { Calendars, SlowestCases, StatsStore } from '#ports';

/** One change of a case as the change stream carries it: its position in the shard, when, and both states. */
export interface CaseChange {
  /** Compares as a string in stream order within one shard. */
  readonly position: string;
  readonly at: string;
  readonly before?: Issue | undefined;
  readonly after?: Issue | undefined;
}

/**
 * Adds a batch of one shard's case changes to the figures: each change moves the counters by the difference of
 * its two states (`changeOf`), the batch's differences are summed per counter item and each item is written
 * once; closed cases enter their units' slowest-cases lists of the month. Delivered again, in whole or in part,
 * the batch changes nothing.
 */
export async function countChanges(
  deps: { stats: StatsStore; slowestCases: SlowestCases; calendars: Calendars },
  shard: string,
  changes: readonly CaseChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const calendar = await deps.calendars.calendar();
  const lists = changes
    .map(({ position, before, after }) => ({
      position,
      lists: slowestChangesBetween(before, after, calendar),
    }))
    .filter((change) => Object.keys(change.lists).length > 0);
  await Promise.all([
    deps.stats.applyChanges(
      shard,
      changes.map(({ position, at, before, after }) => ({ position, at, change: changeOf(before, after) })),
    ),
    lists.length > 0 ? deps.slowestCases.apply(shard, lists) : undefined,
  ]);
}
