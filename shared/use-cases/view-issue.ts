import { IssueNotFoundError } from '#domain/errors.ts';
import { isIssueId } from '#domain/links.ts';
import { type PublicIssueView, publicViewOf } from '#domain/public-view.ts';
import type { Deps } from './deps.ts';

/** What anyone may see of a case; an id that is malformed or unknown is "not found" alike. */
export async function viewIssue(deps: Pick<Deps, 'issues' | 'clock'>, id: string): Promise<PublicIssueView> {
  const stored = isIssueId(id) ? await deps.issues.get(id) : undefined;
  if (!stored) throw new IssueNotFoundError(id);
  return publicViewOf(stored.issue, deps.clock.now().toISOString());
}
