import { resumed } from './change-requests.ts';
import { type Desk, isTopDesk, nextDeskUp, overdueReason } from './escalation.ts';
import type { Holder, Issue, NextStep, Task, TimelineEvent } from './issue.ts';
import type { WorkCalendar } from './working-time.ts';

/** What a passed wait leads to; `previousHolder` lost the case and is told. */
export interface DeadlineSettlement {
  readonly issue: Issue;
  readonly next: NextStep;
  readonly previousHolder?: Task['assignee'] | undefined;
}

/** Adds an event, folding a repeat of the last one (same type, same person) into it with a count. */
export function withEvent(timeline: readonly TimelineEvent[], event: TimelineEvent): TimelineEvent[] {
  const last = timeline[timeline.length - 1];
  if (last && event.type === 'reminded' && last.type === 'reminded' && last.to === event.to) {
    return [...timeline.slice(0, -1), { ...event, count: (last.count ?? 1) + 1 }];
  }
  return [...timeline, event];
}

/** The same task parked again for its next wait; nothing is stored, so a retried step gives the same answer. */
function again(task: Task, round: number): NextStep {
  return {
    kind: 'offer',
    after: `task:${task.seq}:${round}`,
    seq: task.seq,
    task: task.kind,
    level: task.level,
    assigneeId: task.assignee.id,
    round,
    ...(task.department ? { department: task.department } : {}),
  };
}

/** The desk as the next step and the timeline name it: a level, and a department's desk when there is one. */
function deskOf(desk: Desk) {
  return { level: desk.level, ...(desk.department ? { department: desk.department } : {}) };
}

/** The escalation entry from one desk to the next; a department's desk is named by its department, never a person. */
function escalated(task: Task, to: Desk, now: string): TimelineEvent {
  const department = to.department ?? task.department;
  return {
    at: now,
    type: 'escalated',
    from: task.department ? `department_${task.department.rung}` : task.level,
    to: to.department ? `department_${to.department.rung}` : to.level,
    reason: overdueReason(task.level, task.kind, task.department),
    ...(department ? { department: department.name } : {}),
  };
}

/**
 * What follows a task whose wait of `round` timed out with nobody acting; the workflow planned `planned`
 * reminders before the deadline (the plan lives in the workflow's data, not on the case). Before the deadline
 * a reminder point passed: the same task waits again and its offer step sends the reminder. At the deadline
 * an accept or supervision task climbs one level; a passed resolve deadline marks the case overdue and gives
 * the level above a supervision task (督办). At the district the case stays put, chased each working morning.
 */
export function whatFollowsDeadline(
  issue: Issue,
  task: Task,
  { round, planned }: { round: number; planned: number },
  now: string,
  calendar: WorkCalendar,
): DeadlineSettlement {
  const wait = again(task, round + 1);
  // Past the deadline at the district only the first wake is news; a retried step finds it stored.
  const chased = isTopDesk(task) && round > planned;
  if (round < planned || chased || issue.next?.after === wait.after) return { issue, next: wait };
  const after = `task:${task.seq}`;
  const stamp = (changes: Partial<Issue>, event: TimelineEvent): Issue => ({
    ...issue,
    ...changes,
    timeline: withEvent(issue.timeline, event),
    updatedAt: now,
    version: issue.version + 1,
  });
  if (isTopDesk(task)) {
    const reason = overdueReason(task.level, task.kind);
    const marked = stamp(
      { overdue: true, next: wait },
      { at: now, type: 'escalated', from: task.level, to: task.level, reason },
    );
    return { issue: marked, next: wait };
  }
  const expired: Task = { ...task, status: 'expired' };
  if (issue.pause && task.kind === 'resolve') {
    // The pause ran to its date: the clock starts again, with a fresh link for the holder.
    const next: NextStep = {
      kind: 'offer',
      after,
      seq: task.seq + 1,
      task: 'resolve',
      assigneeId: task.assignee.id,
      ...deskOf(task),
    };
    const { event, ...changes } = resumed(issue, now, calendar);
    return { issue: stamp({ task: expired, next, ...changes }, event), next };
  }
  const to = nextDeskUp(task);
  const event = escalated(task, to, now);
  if (task.kind === 'accept') {
    const next: NextStep = { kind: 'offer', after, seq: task.seq + 1, task: 'accept', ...deskOf(to) };
    return {
      issue: stamp({ task: expired, overdue: true, next }, event),
      next,
      previousHolder: task.assignee,
    };
  }
  // A supervision task nobody answered climbs once more, still about the same holder.
  const holder: Holder | undefined =
    task.kind === 'supervise' ? task.holder : { assignee: task.assignee, ...deskOf(task) };
  const next: NextStep = {
    kind: 'offer',
    after,
    seq: task.seq + 1,
    task: 'supervise',
    ...deskOf(to),
    ...(holder ? { holder } : {}),
  };
  return { issue: stamp({ task: expired, overdue: true, next }, event), next, previousHolder: task.assignee };
}
