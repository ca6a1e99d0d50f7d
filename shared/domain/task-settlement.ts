import { DEFAULT_CALENDAR } from './china-calendar.ts';
import { runningCoHandling } from './co-handling.ts';
import { whatFollowsDeadline } from './deadline-transitions.ts';
import * as departments from './department-transitions.ts';
import { IssueStateConflictError } from './errors.ts';
import { type Desk, nextUp } from './escalation.ts';
import { GRID_LEVEL } from './hierarchy.ts';
import type { Assignee, Issue, NextStep, Task, TaskKind } from './issue.ts';
import { advance } from './task-transitions.ts';
import type { WorkCalendar } from './working-time.ts';

export interface Settlement {
  readonly issue: Issue;
  readonly next: NextStep;
  /** Whoever lost the case to an escalation, to be told. */
  readonly previousHolder?: Assignee | undefined;
}

/**
 * Decides what follows a task once the workflow wakes up, by its decision or by its wait running out (see
 * `whatFollowsDeadline`). Calling it again for the same task returns the stored answer, so a retried step
 * changes nothing twice.
 */
export function whatFollowsTask(
  issue: Issue,
  seq: number,
  now: string,
  /** The wait that ended: its round, the reminders planned before its deadline, and whether it was the co-handlers'. */
  wait: { round: number; planned: number; ended?: 'offer' | 'cohandle' | undefined } = {
    round: 0,
    planned: 0,
  },
  /** The district's calendar (a pause that runs to its date counts by it); the shipped one otherwise. */
  calendar: WorkCalendar = DEFAULT_CALENDAR,
): Settlement {
  const after = `task:${seq}`;
  if (issue.next?.after === after) return { issue, next: issue.next };
  const task = issue.task;
  // The wait ended before its task existed: the deadline passed while the offer step was still being retried,
  // or while the engine was down. Nobody was asked, so nobody failed: offer the same task again.
  if (issue.next?.kind === 'offer' && issue.next.seq === seq && (task?.seq ?? 0) < seq) {
    return { issue, next: issue.next };
  }
  if (!task && seq === 1 && issue.status === 'submitted') {
    return { issue, next: { kind: 'offer', after: 'intake', seq, task: 'accept', level: issue.level } };
  }
  if (!task || task.seq !== seq)
    throw new IssueStateConflictError(`Task ${seq} is not current on ${issue.id}`);
  if (task.status === 'open') {
    if (!runningCoHandling(issue, task)) return whatFollowsDeadline(issue, task, wait, now, calendar);
    // The lead asked for co-handlers: wait for them all, then resume the lead's own wait where it was.
    const next: NextStep =
      wait.ended === 'cohandle'
        ? { ...resumedWait(task), after: `cohandle:${seq}`, round: wait.round }
        : { kind: 'cohandle', after: `cohandle:${seq}`, seq };
    return { issue, next };
  }
  const offer = (kind: TaskKind, desk: Desk, assigneeId?: string): NextStep => ({
    kind: 'offer',
    after,
    seq: seq + 1,
    task: kind,
    level: desk.level,
    ...(assigneeId ? { assigneeId } : {}),
    ...(desk.department ? { department: desk.department } : {}),
  });
  const action = task.decision?.action;
  const next: NextStep =
    action === 'hand_back'
      ? { kind: 'closed', after }
      : (departments.afterTransfer(issue, task, after) ??
        (action === 'accept'
          ? offer('resolve', task, task.assignee.id)
          : action === 'decline'
            ? offer('accept', { level: nextUp(task.level) })
            : action === 'reassign'
              ? offer('accept', { level: GRID_LEVEL })
              : action === 'keep' && task.holder
                ? offer('resolve', task.holder, task.holder.assignee.id)
                : action && ['keep', 'takeover', 'defer', 'pause', 'resume'].includes(action)
                  ? offer('resolve', task, task.assignee.id)
                  : { kind: 'rating', after }));
  return { issue: advance(issue, now, { next }), next };
}

/** The lead's own task, waiting again after its co-handlers: same link, same deadline. */
function resumedWait(task: Task): Extract<NextStep, { kind: 'offer' }> {
  return {
    kind: 'offer',
    after: `task:${task.seq}`,
    seq: task.seq,
    task: task.kind,
    level: task.level,
    assigneeId: task.assignee.id,
    ...(task.department ? { department: task.department } : {}),
  };
}
