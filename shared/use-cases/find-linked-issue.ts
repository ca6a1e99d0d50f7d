import { coHandlerOf } from '#domain/co-handling.ts';
import { LinkNotFoundError } from '#domain/errors.ts';
import { linkMatches, parseLinkToken } from '#domain/links.ts';
import type { StoredIssue } from '#ports';
import type { Deps } from './deps.ts';

/**
 * The issue an approval link belongs to, after checking its signature against the task's nonce. A link that
 * is malformed, forged or names no task of the issue is "not found", whatever the reason, so probing learns
 * nothing.
 */
export async function findLinkedIssue(
  deps: Pick<Deps, 'issues' | 'keys'>,
  token: string,
): Promise<{ stored: StoredIssue; seq: number; approval: boolean; coHandler?: true }> {
  const link = parseLinkToken(token);
  if (!link) throw new LinkNotFoundError();
  const stored = await deps.issues.get(link.issueId);
  const { task, pastTasks, request } = stored?.issue ?? { pastTasks: [] };
  const nonce = task?.seq === link.seq ? task.nonce : pastTasks.find((past) => past.seq === link.seq)?.nonce;
  if (stored && nonce && linkMatches(deps.keys.linkKey, link, nonce)) {
    return { stored, seq: link.seq, approval: false };
  }
  // A co-handling department's link (协办): numbered apart from the lead's tasks, signed with its own nonce.
  const coHandler = stored && coHandlerOf(stored.issue, link.seq);
  if (stored && coHandler && linkMatches(deps.keys.linkKey, link, coHandler.nonce)) {
    return { stored, seq: link.seq, approval: false, coHandler: true };
  }
  // The approval link of a deferral or pause request: the same task, signed with the request's own nonce.
  if (stored && request?.seq === link.seq && linkMatches(deps.keys.linkKey, link, request.nonce)) {
    return { stored, seq: link.seq, approval: true };
  }
  throw new LinkNotFoundError();
}
