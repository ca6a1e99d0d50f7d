import { FiguresNotPublishedError } from '#domain/errors.ts';
import { type StatScope, type StatsView, scopeKey, statsView, zeroCounters } from '#domain/stats.ts';
import type { Deps } from './deps.ts';

/**
 * The published figures of one unit, from its one counter item (never a scan); a unit with none counts zero.
 * A person's own figures are for their supervisors, not for publication.
 */
export async function unitStats(deps: Pick<Deps, 'stats'>, scope: StatScope, id: string): Promise<StatsView> {
  if (scope === 'worker') throw new FiguresNotPublishedError(scope);
  const key = scopeKey(scope, id);
  const counters = (await deps.stats.read([key])).get(key) ?? zeroCounters();
  return statsView(scope, id, counters);
}
