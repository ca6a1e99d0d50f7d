import type { Issue } from '#domain/issue.ts';
import { linkToken } from '#domain/links.ts';
import type { Deps } from './deps.ts';

const POLL_MS = 150;

/**
 * The link of the task the workflow offers right after `accepted` was decided: the resolve task of the same
 * person. Waits up to `waitMs` for the workflow to offer it (it usually takes well under a second), so the
 * worker who accepted can go on to the resolve form at once instead of waiting for the next message;
 * undefined when it has not come by then.
 */
export async function followUpTaskLink(
  deps: Pick<Deps, 'issues' | 'keys'>,
  accepted: Issue,
  waitMs: number,
): Promise<string | undefined> {
  const acceptedBy = accepted.task?.assignee.id;
  const after = accepted.task?.seq ?? 0;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const task = (await deps.issues.get(accepted.id))?.issue.task;
    if (task && task.seq > after && task.status === 'open') {
      const same = task.kind === 'resolve' && task.assignee.id === acceptedBy;
      return same ? linkToken(deps.keys.linkKey, accepted.id, task.seq, task.nonce) : undefined;
    }
    if (Date.now() + POLL_MS > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
