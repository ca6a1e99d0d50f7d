import { nextWorkingMorning, reminderPoints, SUPERVISION_TERM, termsOf } from '#domain/case-deadlines.ts';
import { coHandlerSettled } from '#domain/co-handling.ts';
import { durationToMs, secondsUntil } from '#domain/duration.ts';
import type { DepartmentDesk } from '#domain/escalation.ts';
import type { Level } from '#domain/hierarchy.ts';
import type { Issue, NextStep, Task, TaskKind } from '#domain/issue.ts';
import { deadlineAfter, type WorkCalendar } from '#domain/working-time.ts';
import type { Clock, Policy } from '#ports';

/** What the state machine carries between states in `$.step`: the next wait and how long it may last. */
export type WorkflowStep =
  | {
      readonly next: 'offer';
      readonly seq: number;
      readonly task: TaskKind;
      readonly level: Level;
      readonly assigneeId?: string | undefined;
      /** Which wait of the task this is: 0 when offered, one more after each reminder. */
      readonly round: number;
      /** The task's deadline and reminder instants, planned once when the task is first offered. */
      readonly deadline: string;
      readonly remindAt: readonly string[];
      readonly holder?: Task['holder'];
      readonly department?: DepartmentDesk | undefined;
      readonly timeoutSeconds: number;
    }
  | {
      readonly next: 'rating';
      /** 0 for the first invitation, 1 after the one re-invitation (邀评). */
      readonly round: number;
      /** When the rating window ends, planned once when the case is resolved. */
      readonly closeAt: string;
      /** When the one re-invitation goes out, if the district wants one and it falls inside the window. */
      readonly reinviteAt?: string | undefined;
      readonly timeoutSeconds: number;
    }
  | {
      readonly next: 'cohandle';
      /** The lead's task and the plan of its wait, resumed when every co-handler's wait is over. */
      readonly seq: number;
      readonly round: number;
      readonly deadline: string;
      readonly remindAt: readonly string[];
      /** One wait per co-handler still working (the state machine's Map runs them side by side). */
      readonly coHandlers: readonly { readonly seq: number; readonly timeoutSeconds: number }[];
    }
  | { readonly next: 'closed' }
  /** This execution ends here; the execution named `execution` carries the case on. */
  | { readonly next: 'continued'; readonly execution: string };

/**
 * Waits of one task an execution goes through before it hands the case to a fresh execution: a case chased
 * at the district for years never nears Step Functions' history limit (25,000 events) or its one-year run.
 */
export const ROUNDS_PER_EXECUTION = 50;

/** The execution that carries the case on after `step`, when this one has waited long enough. */
export function continuationOf(issueId: string, step: WorkflowStep): string | undefined {
  if (step.next !== 'offer' || step.round === 0 || step.round % ROUNDS_PER_EXECUTION !== 0) return undefined;
  return `${issueId}-${step.round / ROUNDS_PER_EXECUTION + 1}`;
}

/** A task's deadline and the reminder instants before it: planned once, carried by the workflow. */
export interface WaitPlan {
  readonly deadline: string;
  readonly remindAt: readonly string[];
}

/** The instant the wait of `round` ends: the next reminder point, the deadline, then each working morning. */
function wakeAt(plan: WaitPlan, round: number, now: Date, calendar: WorkCalendar) {
  const points = plan.remindAt;
  const point = points[round];
  if (point) return new Date(point);
  if (round === points.length) return new Date(plan.deadline);
  return nextWorkingMorning(now, calendar);
}

/**
 * The deadline of a new task: an accept or supervision task gets the case's accept term; a resolve task the
 * case's own resolve deadline, or a supervision deadline once that has passed.
 */
function deadlineOf(issue: Issue, task: TaskKind, now: Date, calendar: WorkCalendar): Date {
  const terms = termsOf(issue);
  if (task !== 'resolve') return deadlineAfter(now, terms.accept, terms.timeBasis, calendar);
  if (issue.pause) return new Date(issue.pause.until);
  // A supervisor's 督办 from the workbench names its own deadline, which stands while it lies ahead.
  if (issue.supervisedUntil && issue.supervisedUntil > now.toISOString())
    return new Date(issue.supervisedUntil);
  if (issue.overdue) return deadlineAfter(now, SUPERVISION_TERM, terms.timeBasis, calendar);
  if (issue.resolveDeadline) return new Date(issue.resolveDeadline);
  return resolveDeadlineFrom(firstOffered(issue), issue, calendar);
}

/** The case's resolve deadline for a clock that started at `start`. */
export function resolveDeadlineFrom(start: Date, issue: Issue, calendar: WorkCalendar): Date {
  const terms = termsOf(issue);
  return deadlineAfter(start, terms.resolve, terms.timeBasis, calendar);
}

interface Offer {
  readonly seq: number;
  readonly task: TaskKind;
  readonly level: Level;
  readonly assigneeId?: string | undefined;
  readonly holder?: Task['holder'];
  readonly round?: number | undefined;
  readonly department?: DepartmentDesk | undefined;
}

function offerStep(
  issue: Issue,
  offer: Offer,
  clock: Clock,
  calendar: WorkCalendar,
  current?: WaitPlan,
): WorkflowStep {
  const now = clock.now();
  const round = offer.round ?? 0;
  const task = issue.task?.seq === offer.seq ? issue.task : undefined;
  let plan: WaitPlan;
  if (task) {
    plan = current ?? { deadline: task.deadline, remindAt: [] };
  } else {
    const deadline = deadlineOf(issue, offer.task, now, calendar);
    // The resolve deadline's reminders count from the first assignment, the start of the case's clock.
    const start = offer.task === 'resolve' && !issue.overdue ? firstOffered(issue) : now;
    // A paused case's clock and reminders stop: its wait simply ends at the pause's date.
    const remindAt = issue.pause ? [] : reminderPoints(start, deadline, now, termsOf(issue), calendar);
    plan = { deadline: deadline.toISOString(), remindAt };
  }
  return {
    next: 'offer',
    seq: offer.seq,
    task: offer.task,
    level: offer.level,
    ...(offer.assigneeId ? { assigneeId: offer.assigneeId } : {}),
    ...(offer.holder ? { holder: offer.holder } : {}),
    ...(offer.department ? { department: offer.department } : {}),
    round,
    deadline: plan.deadline,
    remindAt: plan.remindAt,
    timeoutSeconds: secondsUntil(wakeAt(plan, round, now, calendar), clock),
  };
}

/** When the case's clock started: its first task, or its intake. */
function firstOffered(issue: Issue): Date {
  const assigned = issue.timeline.find((event) => event.type === 'assigned');
  return new Date(assigned?.at ?? issue.createdAt);
}

/** The step that starts an issue's workflow: offer it to its grid with the category's acceptance deadline. */
export function firstStep(issue: Issue, clock: Clock, calendar: WorkCalendar): WorkflowStep {
  return offerStep(issue, { seq: 1, task: 'accept', level: 'grid' }, clock, calendar);
}

/** The first wait for a rating: until the re-invitation, if there is one, else until the window ends. */
function ratingStep(clock: Clock, policy: Policy): WorkflowStep {
  const now = clock.now().getTime();
  const closeAt = new Date(now + durationToMs(policy.ratingWindow));
  const reinviteMs = policy.reinviteAfter ? durationToMs(policy.reinviteAfter) : Number.POSITIVE_INFINITY;
  const reinviteAt = reinviteMs < closeAt.getTime() - now ? new Date(now + reinviteMs) : undefined;
  return {
    next: 'rating',
    round: 0,
    closeAt: closeAt.toISOString(),
    ...(reinviteAt ? { reinviteAt: reinviteAt.toISOString() } : {}),
    timeoutSeconds: secondsUntil(reinviteAt ?? closeAt, clock),
  };
}

/**
 * The second wait for a rating, after the first ended at the re-invitation instant with the case still unrated:
 * until the window ends. Undefined when the wait that ended was the last one (or the case moved on). A re-invited
 * case costs three more state transitions (SettleRating, WhatNext?, AwaitRating) and two more invocations.
 */
export function reinvitationStep(
  ended: { round?: number | undefined; closeAt?: string | undefined; reinviteAt?: string | undefined },
  issue: Issue,
  clock: Clock,
): WorkflowStep | undefined {
  const unrated = issue.status === 'resolved' && issue.rating?.round !== issue.reworkCount;
  if (!unrated || ended.round !== 0 || !ended.reinviteAt || !ended.closeAt) return undefined;
  if (clock.now().toISOString() >= ended.closeAt) return undefined;
  const closeAt = ended.closeAt;
  return { next: 'rating', round: 1, closeAt, timeoutSeconds: secondsUntil(new Date(closeAt), clock) };
}

/**
 * The workflow step that carries out `next`: a task's wait, the rating window, or the end. `current` is the
 * plan of the wait that just ended, kept when the same task waits again.
 */
export function stepFor(
  next: NextStep,
  issue: Issue,
  clock: Clock,
  policy: Policy,
  calendar: WorkCalendar,
  current?: WaitPlan,
  round = 0,
): WorkflowStep {
  switch (next.kind) {
    case 'offer':
      return offerStep(issue, next, clock, calendar, current);
    case 'cohandle':
      return coHandlingStep(issue, next.seq, clock, current, round);
    case 'rating':
      return ratingStep(clock, policy);
    case 'closed':
      return { next: 'closed' };
  }
}

/** The co-handlers' waits, each until its own deadline, carrying the lead's wait to resume after them. */
function coHandlingStep(issue: Issue, seq: number, clock: Clock, plan: WaitPlan | undefined, round: number) {
  const now = clock.now().toISOString();
  const task = issue.task;
  const working = (issue.coHandling?.coHandlers ?? []).filter(
    (coHandler) => !coHandlerSettled(coHandler, now),
  );
  return {
    next: 'cohandle',
    seq,
    round,
    deadline: plan?.deadline ?? task?.deadline ?? now,
    remindAt: plan?.remindAt ?? [],
    coHandlers: working.map((coHandler) => ({
      seq: coHandler.seq,
      timeoutSeconds: secondsUntil(new Date(coHandler.deadline), clock),
    })),
  } satisfies WorkflowStep;
}
