import { logger } from '#adapters/logger.ts';
import { appealableRating } from '#domain/appeals.ts';
import type { ChangeRequest } from '#domain/change-requests.ts';
import { requireReportable } from '#domain/co-handling.ts';
import { LinkUsedError } from '#domain/errors.ts';
import type { Issue, Task, TaskAction } from '#domain/issue.ts';
import { publicViewOf } from '#domain/public-view.ts';
import { allowedActions, requireOpenTask } from '#domain/task-transitions.ts';
import type { Deps } from './deps.ts';
import { findLinkedIssue } from './find-linked-issue.ts';

export interface TaskView {
  readonly issue: Issue;
  readonly task: Task;
  readonly actions: readonly TaskAction[];
  /** On an approval link: the deferral or pause asked for. */
  readonly request?: ChangeRequest | undefined;
  /** The time the view was taken, for the time left. */
  readonly now: string;
}

/**
 * What the holder of a link sees; viewing never changes anything (mail scanners fetch links too). Links get
 * forwarded, so the resident's contact comes only with the task that follows an acceptance (a resolve task
 * goes to whoever accepted) and only while it is open; each showing is logged, without the contact.
 */
export async function viewTask(
  deps: Pick<Deps, 'issues' | 'keys' | 'clock'>,
  token: string,
): Promise<TaskView> {
  const { stored, seq, approval, coHandler } = await findLinkedIssue(deps, token);
  const now = deps.clock.now().toISOString();
  if (coHandler) return coHandlerView(stored.issue, seq, now);
  if (approval) {
    const { reporter: _hidden, ...issue } = stored.issue;
    const { request, task } = issue;
    if (request?.status !== 'pending' || !task) throw new LinkUsedError(issue.id, publicViewOf(issue, now));
    return { issue, task, actions: ['approve', 'refuse'], request, now };
  }
  const task = requireOpenTask(stored.issue, seq, now);
  const { reporter, ...withoutContact } = stored.issue;
  // While its co-handlers work, the lead's link shows them and offers nothing (see allowedActions).
  const shown = task.kind === 'resolve' && reporter !== undefined;
  if (shown)
    logger.info('reporter contact shown', { issueId: stored.issue.id, seq, assigneeId: task.assignee.id });
  return {
    issue: shown ? stored.issue : withoutContact,
    task,
    // The rework holder may also appeal the bad rating that reopened the case (申诉复核).
    actions: [
      ...allowedActions(task, stored.issue),
      ...(appealableRating(stored.issue) ? ['appeal' as const] : []),
    ],
    now,
  };
}

/**
 * A co-handling department's link: the case without the resident's contact (the lead holds the case and calls
 * the resident), its own deadline, and one action, to report.
 */
function coHandlerView(issue: Issue, seq: number, now: string): TaskView {
  const coHandler = requireReportable(issue, seq, now);
  const { reporter: _hidden, ...withoutContact } = issue;
  const task: Task = {
    seq,
    kind: 'resolve',
    level: issue.task?.level ?? issue.level,
    assignee: coHandler.assignee,
    nonce: coHandler.nonce,
    offeredAt: issue.coHandling?.at ?? now,
    deadline: coHandler.deadline,
    department: { ...coHandler.department, rung: 'handler' },
    status: 'open',
  };
  return { issue: withoutContact, task, actions: ['report'], now };
}
