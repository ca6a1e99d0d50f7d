import type { ChangeRequest } from './change-requests.ts';
import { IssueStateConflictError } from './errors.ts';
import type { Assignee, Issue, Rating, Task } from './issue.ts';
import { verdictOf } from './rating-scale.ts';
import { deadlineAfter, type WorkCalendar } from './working-time.ts';

/**
 * The rating an appeal (申诉复核) would be against: the bad rating of the last round, which reopened the case
 * and has not been appealed yet. Undefined when there is none to appeal.
 */
export function appealableRating(issue: Issue): Rating | undefined {
  const rating = issue.rating;
  if (!rating || issue.status === 'closed' || issue.reworkCount === 0) return undefined;
  if (rating.round !== issue.reworkCount - 1 || !verdictOf(rating).reopens || rating.appeal) return undefined;
  return rating;
}

/** The last instant a rating may be appealed: `window` of working time after it was given. */
export function appealDeadline(rating: Pick<Rating, 'at'>, window: string, calendar: WorkCalendar): string {
  return deadlineAfter(new Date(rating.at), window, 'working', calendar).toISOString();
}

export interface NewAppeal {
  readonly task: Task;
  readonly reason: string;
  readonly approver: Assignee;
  readonly approverLevel: ChangeRequest['approverLevel'];
  readonly nonce: string;
  readonly now: string;
  /** From `appealDeadline`. */
  readonly deadline: string;
}

/**
 * Records the rework holder's appeal against the bad rating that reopened the case, as a change request the
 * level above answers through its own approval link. The holder's link and the rework go on meanwhile.
 */
export function requestAppeal(issue: Issue, appeal: NewAppeal): Issue {
  const { task, now } = appeal;
  const rating = issue.rating;
  if (!rating || rating.round !== issue.reworkCount - 1 || !verdictOf(rating).reopens) {
    throw new IssueStateConflictError('Only the bad rating that reopened the case can be appealed.');
  }
  if (rating.appeal) throw new IssueStateConflictError('This rating has already been appealed.');
  if (issue.request?.status === 'pending') {
    throw new IssueStateConflictError('Another request is already waiting for its answer.');
  }
  if (now > appeal.deadline) {
    throw new IssueStateConflictError(`The time to appeal this rating ended at ${appeal.deadline}.`);
  }
  const request: ChangeRequest = {
    kind: 'appeal',
    seq: task.seq,
    nonce: appeal.nonce,
    by: task.assignee,
    approver: appeal.approver,
    approverLevel: appeal.approverLevel,
    reason: appeal.reason,
    at: now,
    status: 'pending',
  };
  return {
    ...issue,
    request,
    rating: { ...rating, appeal: { status: 'pending', by: task.assignee, reason: appeal.reason, at: now } },
    timeline: [...issue.timeline, { at: now, type: 'appealed', by: task.assignee, note: appeal.reason }],
    updatedAt: now,
    version: issue.version + 1,
  };
}

/** Whether the rework has not started: its first task is still waiting to be accepted. */
function reworkNotStarted(issue: Issue): Task | undefined {
  const task = issue.task;
  return issue.status === 'assigned' && task?.kind === 'accept' && task.status === 'open' ? task : undefined;
}

/**
 * The supervisor's review of an appeal. Upheld: the rating leaves the satisfaction figures (it stays in the
 * record) and, if the rework has not started, its task is spent and the case closes, so the workflow ends.
 * Rejected: nothing else changes; the rework goes on.
 */
export function answerAppeal(
  issue: Issue,
  answer: { approve: boolean; note?: string | undefined; now: string },
): Issue {
  const request = issue.request;
  const rating = issue.rating;
  if (request?.kind !== 'appeal' || request.status !== 'pending' || rating?.appeal?.status !== 'pending') {
    throw new IssueStateConflictError('No appeal is waiting for its answer.');
  }
  const { now } = answer;
  const by = request.approver;
  const note = answer.note ? { note: answer.note } : {};
  const status = answer.approve ? 'upheld' : 'rejected';
  const decided = {
    ...issue,
    request: { ...request, status: answer.approve ? 'approved' : 'refused' },
    rating: { ...rating, appeal: { ...rating.appeal, status, decidedBy: by, decidedAt: now, ...note } },
    timeline: [
      ...issue.timeline,
      { at: now, type: answer.approve ? 'appeal_upheld' : 'appeal_rejected', by, ...note },
    ],
    updatedAt: now,
    version: issue.version + 1,
  } satisfies Issue;
  const task = answer.approve ? reworkNotStarted(issue) : undefined;
  if (!task) return decided;
  // Stored as the task's settlement, so the woken workflow finds the case closed and ends.
  const next = { kind: 'closed', after: `task:${task.seq}` } as const;
  return {
    ...decided,
    task: { ...task, status: 'used', decision: { action: 'appeal', at: now } },
    status: 'closed',
    outcome: 'unsatisfied',
    next,
    timeline: [...decided.timeline, { at: now, type: 'closed', outcome: 'unsatisfied' }],
  };
}
