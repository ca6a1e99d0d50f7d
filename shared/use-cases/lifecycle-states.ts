import { finishCoHandling, runningCoHandling } from '#domain/co-handling.ts';
import { ConcurrentUpdateError, IssueNotFoundError } from '#domain/errors.ts';
import type { DepartmentDesk } from '#domain/escalation.ts';
import type { Level } from '#domain/hierarchy.ts';
import type { Task, TaskKind } from '#domain/issue.ts';
import { newNonce } from '#domain/links.ts';
import { recordReinvitation, whatFollowsRating } from '#domain/rating-transitions.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { openTask, remindTask } from '#domain/task-transitions.ts';
import type { StoredIssue, WorkflowStarter } from '#ports';
import type { Deps } from './deps.ts';
import { escalatedMessage, ratingMessage, reminderMessage, taskMessage } from './messages.ts';
import { pickAssignee } from './pick-assignee.ts';
import {
  continuationOf,
  reinvitationStep,
  resolveDeadlineFrom,
  stepFor,
  type WorkflowStep,
} from './workflow-steps.ts';

export type { WorkflowStep };

type StepDeps = Pick<
  Deps,
  | 'issues'
  | 'registry'
  | 'stats'
  | 'notifier'
  | 'taskCompleter'
  | 'clock'
  | 'calendars'
  | 'policy'
  | 'keys'
  | 'metrics'
  | 'publicUrl'
>;

async function load(deps: Pick<Deps, 'issues'>, issueId: string): Promise<StoredIssue> {
  const stored = await deps.issues.get(issueId);
  if (!stored) throw new IssueNotFoundError(issueId);
  return stored;
}

export interface OfferRequest {
  readonly issueId: string;
  readonly seq: number;
  readonly task: TaskKind;
  readonly level: Level;
  readonly assigneeId?: string | undefined;
  /** 0 for the task's first wait; each later round follows a reminder point and sends that reminder. */
  readonly round: number;
  readonly deadline: string;
  readonly remindAt: readonly string[];
  readonly holder?: Task['holder'];
  /** A department's task: its desk, from which the assignee is picked. */
  readonly department?: DepartmentDesk | undefined;
  readonly taskToken: string;
}

/**
 * The workflow's wait for a person: creates the task (once), stores the workflow's current token beside it
 * and sends the link. Run again for the same task (a retry, or a resume after a restart with a new token), it
 * only swaps the token, re-sends the same link, and wakes the workflow at once if the task was decided.
 */
export async function runOfferTask(deps: StepDeps, request: OfferRequest): Promise<void> {
  let stored = await load(deps, request.issueId);
  for (let attempt = 1; ; attempt++) {
    try {
      stored = await parkOn(deps, stored, request);
      break;
    } catch (error) {
      // A decision landed meanwhile: read it again; the task is spent and the workflow is woken below.
      if (!(error instanceof ConcurrentUpdateError) || attempt >= 3) throw error;
      stored = await load(deps, request.issueId);
    }
  }
  const task = stored.issue.task;
  // Decided, or its holder asked for co-handlers (the wake may have been lost to a crash): settle it now.
  if (task?.status !== 'open' || runningCoHandling(stored.issue, task)) {
    await deps.taskCompleter.complete(request.taskToken, { decided: true });
  } else if (request.round > 0) {
    const overdue = request.round > request.remindAt.length;
    await deps.notifier.send(reminderMessage(deps, stored.issue, task, request.round, overdue));
  } else {
    await deps.notifier.send(taskMessage(deps, stored.issue, task));
  }
}

/** Stores the wait's token with the task: opening the task, recording the reminder of this round, or neither. */
async function parkOn(deps: StepDeps, stored: StoredIssue, request: OfferRequest): Promise<StoredIssue> {
  const issue = stored.issue;
  const now = deps.clock.now();
  if (issue.task?.seq !== request.seq) {
    const { assignee, level, department } = await pickAssignee(
      deps,
      issue,
      request.level,
      request.assigneeId,
      request.department,
    );
    const calendar = await deps.calendars.calendar();
    const offered = openTask(issue, {
      seq: request.seq,
      kind: request.task,
      level,
      assignee,
      nonce: newNonce(),
      now: now.toISOString(),
      deadline: request.deadline,
      holder: request.holder,
      department,
      resolveDeadline: issue.resolveDeadline ?? resolveDeadlineFrom(now, issue, calendar).toISOString(),
    });
    // Nobody holds the new task's link yet, so nothing can wake the workflow before it is sent.
    return deps.issues.save(offered, issue.version, request.taskToken);
  }
  // Back from its co-handlers, the lead's wait marks their co-handling over: its link offers actions again.
  const reminded = remindTask(finishCoHandling(issue, now.toISOString()), request.round, now.toISOString());
  if (reminded !== issue) {
    // One write carries the change and the new token: a reminder costs no more than re-parking.
    return deps.issues.save(reminded, issue.version, request.taskToken);
  }
  // The same wait run again (a retried step, or a wait taken up again after a restart): its token is stored.
  if (stored.workflowToken === request.taskToken) return stored;
  return deps.issues.setWorkflowToken(request.issueId, request.taskToken);
}

/**
 * Settles the task (below), then hands a long-lived case to a fresh execution through `starter` when this one
 * has waited long enough; the start is named, so a retried step starts it once.
 */
export async function runSettleTaskOrContinue(
  deps: StepDeps,
  request: SettleRequest,
  starter: WorkflowStarter,
): Promise<WorkflowStep> {
  const step = await runSettleTask(deps, request);
  const execution = continuationOf(request.issueId, step);
  if (!execution) return step;
  await starter.start(execution, { issueId: request.issueId, step });
  return { next: 'continued', execution };
}

export interface SettleRequest {
  readonly issueId: string;
  readonly seq: number;
  /** The wait that ended and its plan (`WorkflowStep`). */
  readonly round?: number;
  readonly deadline?: string;
  readonly remindAt?: readonly string[];
  /** Which wait ended: the task's own (`offer`), or its co-handlers' (`cohandle`). */
  readonly ended?: 'offer' | 'cohandle' | undefined;
}

/** What follows a task: its decision, the next reminder, or the escalation its deadline brings. */
export async function runSettleTask(deps: StepDeps, request: SettleRequest): Promise<WorkflowStep> {
  const calendar = await deps.calendars.calendar();
  for (let attempt = 1; ; attempt++) {
    const stored = await load(deps, request.issueId);
    const { issue, next, previousHolder } = whatFollowsTask(
      stored.issue,
      request.seq,
      deps.clock.now().toISOString(),
      { round: request.round ?? 0, planned: request.remindAt?.length ?? 0, ended: request.ended },
      calendar,
    );
    try {
      const saved = issue === stored.issue ? stored : await deps.issues.save(issue, stored.issue.version);
      const expired = saved.issue.task;
      if (previousHolder && expired && next.kind === 'offer') {
        deps.metrics.count('Escalation');
        await deps.notifier.send(escalatedMessage(saved.issue, expired, next.level));
      }
      const plan = request.deadline
        ? { deadline: request.deadline, remindAt: request.remindAt ?? [] }
        : undefined;
      return stepFor(next, saved.issue, deps.clock, deps.policy, calendar, plan, request.round);
    } catch (error) {
      // A decision landed at the deadline: read it again and settle by it.
      if (!(error instanceof ConcurrentUpdateError) || attempt >= 3) throw error;
    }
  }
}

/**
 * The wait for the resident's rating: asks for it (in the second round, once more: 邀评), or wakes the
 * workflow if it is already in.
 */
export async function runAwaitRating(
  deps: StepDeps,
  request: { issueId: string; taskToken: string; step?: RatingWait | undefined },
): Promise<void> {
  const stored = await deps.issues.setWorkflowToken(request.issueId, request.taskToken);
  const issue = stored.issue;
  if (issue.status !== 'resolved' || issue.rating?.round === issue.reworkCount) {
    await deps.taskCompleter.complete(request.taskToken, { rated: true });
    return;
  }
  if (!request.step?.round) {
    const message = ratingMessage(deps, issue);
    if (message) await deps.notifier.send(message);
    return;
  }
  const reinvited = recordReinvitation(issue, deps.clock.now().toISOString());
  if (reinvited === issue) return;
  const message = ratingMessage(deps, issue, 'again');
  if (message) await deps.notifier.send(message);
  // A rating landing meanwhile wakes the workflow itself, with the token stored above.
  await deps.issues.save(reinvited, issue.version).catch((error: unknown) => {
    if (!(error instanceof ConcurrentUpdateError)) throw error;
  });
}

type RatingWait = {
  round?: number | undefined;
  closeAt?: string | undefined;
  reinviteAt?: string | undefined;
};

/**
 * Invites once more when the first wait ended unrated at the re-invitation instant; otherwise closes the case
 * on a good rating or silence, or reopens it one level up on a bad one.
 */
export async function runSettleRating(
  deps: StepDeps,
  request: { issueId: string; step?: RatingWait | undefined },
): Promise<WorkflowStep> {
  const calendar = await deps.calendars.calendar();
  for (let attempt = 1; ; attempt++) {
    const stored = await load(deps, request.issueId);
    const again = request.step && reinvitationStep(request.step, stored.issue, deps.clock);
    if (again) return again;
    const { issue, next } = whatFollowsRating(stored.issue, deps.clock.now().toISOString());
    try {
      const saved = issue === stored.issue ? stored : await deps.issues.save(issue, stored.issue.version);
      // Counted when the rework is decided, not again when a retried step finds it decided.
      if (saved !== stored && next.kind === 'offer') deps.metrics.count('BadRating');
      return stepFor(next, saved.issue, deps.clock, deps.policy, calendar);
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= 3) throw error;
    }
  }
}
