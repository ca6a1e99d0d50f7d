import { resumed } from './change-requests.ts';
import { nextUp, overdueReason } from './escalation.ts';
import { isTopLevel } from './hierarchy.ts';
import type { Issue, NextStep, Task, TimelineEvent } from './issue.ts';
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
  const chased = isTopLevel(task.level) && round > planned;
  if (round < planned || chased || issue.next?.after === wait.after) return { issue, next: wait };
  const after = `task:${task.seq}`;
  const stamp = (changes: Partial<Issue>, event: TimelineEvent): Issue => ({
    ...issue,
    ...changes,
    timeline: withEvent(issue.timeline, event),
    updatedAt: now,
    version: issue.version + 1,
  });
  if (isTopLevel(task.level)) {
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
      level: task.level,
      assigneeId: task.assignee.id,
    };
    const { event, ...changes } = resumed(issue, now, calendar);
    return { issue: stamp({ task: expired, next, ...changes }, event), next };
  }
  const to = nextUp(task.level);
  if (task.kind === 'accept') {
    const next: NextStep = { kind: 'offer', after, seq: task.seq + 1, task: 'accept', level: to };
    const event: TimelineEvent = {
      at: now,
      type: 'escalated',
      from: task.level,
      to,
      reason: overdueReason(task.level, task.kind),
    };
    return {
      issue: stamp({ task: expired, overdue: true, next }, event),
      next,
      previousHolder: task.assignee,
    };
  }
  // A supervision task nobody answered climbs once more, still about the same holder.
  const holder = task.kind === 'supervise' ? task.holder : { assignee: task.assignee, level: task.level };
  const next: NextStep = {
    kind: 'offer',
    after,
    seq: task.seq + 1,
    task: 'supervise',
    level: to,
    ...(holder ? { holder } : {}),
  };
  const event: TimelineEvent = {
    at: now,
    type: 'escalated',
    from: task.level,
    to,
    reason: overdueReason(task.level, task.kind),
  };
  return { issue: stamp({ task: expired, overdue: true, next }, event), next, previousHolder: task.assignee };
}
