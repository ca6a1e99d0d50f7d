import { IssueNotFoundError } from '#domain/errors.ts';
import { isIssueId, trackingTokenMatches } from '#domain/links.ts';
import { type PublicIssueView, publicViewOf } from '#domain/public-view.ts';
import type { Deps } from './deps.ts';

/**
 * What anyone may see of a case; with its tracking token the resident also sees the notes. An id that is
 * malformed or unknown is "not found" alike.
 */
export async function viewIssue(
  deps: Pick<Deps, 'issues' | 'clock' | 'calendars' | 'keys'>,
  id: string,
  trackingToken?: string,
): Promise<PublicIssueView> {
  const stored = isIssueId(id) ? await deps.issues.get(id) : undefined;
  if (!stored) throw new IssueNotFoundError(id);
  const resident = trackingToken !== undefined && trackingTokenMatches(deps.keys.linkKey, id, trackingToken);
  const calendar = await deps.calendars.calendar();
  const audience = resident ? 'resident' : 'public';
  return publicViewOf(stored.issue, deps.clock.now().toISOString(), audience, calendar);
}
