import { ConcurrentUpdateError, IssueNotFoundError } from '#domain/errors.ts';
import type { Level } from '#domain/hierarchy.ts';
import type { TaskKind } from '#domain/issue.ts';
import { newNonce } from '#domain/links.ts';
import { whatFollowsRating } from '#domain/rating-transitions.ts';
import { openTask, whatFollowsTask } from '#domain/task-transitions.ts';
import type { StoredIssue } from '#ports';
import type { Deps } from './deps.ts';
import { escalatedMessage, ratingMessage, taskMessage } from './messages.ts';
import { pickAssignee } from './pick-assignee.ts';
import { stepFor, type WorkflowStep } from './workflow-steps.ts';

export type { WorkflowStep };

type StepDeps = Pick<
  Deps,
  | 'issues'
  | 'registry'
  | 'stats'
  | 'notifier'
  | 'taskCompleter'
  | 'clock'
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
  readonly timeoutSeconds: number;
  readonly taskToken: string;
}

/**
 * The workflow's wait for a person: creates the task (once), stores the workflow's current token beside it
 * and sends the link. Run again for the same task (a retry, or a resume after a restart with a new token), it
 * only swaps the token, re-sends the same link, and wakes the workflow at once if the task was decided.
 */
export async function runOfferTask(deps: StepDeps, request: OfferRequest): Promise<void> {
  let stored = await load(deps, request.issueId);
  if (stored.issue.task?.seq !== request.seq) {
    const { assignee, level } = await pickAssignee(deps, stored.issue, request.level, request.assigneeId);
    const now = deps.clock.now();
    const offered = openTask(stored.issue, {
      seq: request.seq,
      kind: request.task,
      level,
      assignee,
      nonce: newNonce(),
      now: now.toISOString(),
      // The wait is in real seconds; business time runs timeScale times faster.
      deadline: new Date(now.getTime() + request.timeoutSeconds * 1000 * deps.clock.timeScale).toISOString(),
    });
    // Nobody holds the new task's link yet, so nothing can wake the workflow before it is sent.
    stored = await deps.issues.save(offered, stored.issue.version, request.taskToken);
  } else {
    stored = await deps.issues.setWorkflowToken(request.issueId, request.taskToken);
  }
  const task = stored.issue.task;
  if (task?.status === 'open') await deps.notifier.send(taskMessage(deps, stored.issue, task));
  else await deps.taskCompleter.complete(request.taskToken, { decided: true });
}

/** What follows a task: its decision, or the escalation its deadline brings. */
export async function runSettleTask(
  deps: StepDeps,
  request: { issueId: string; seq: number },
): Promise<WorkflowStep> {
  for (let attempt = 1; ; attempt++) {
    const stored = await load(deps, request.issueId);
    const { issue, next, previousHolder } = whatFollowsTask(
      stored.issue,
      request.seq,
      deps.clock.now().toISOString(),
    );
    try {
      const saved = issue === stored.issue ? stored : await deps.issues.save(issue, stored.issue.version);
      const expired = saved.issue.task;
      if (previousHolder && expired && next.kind === 'offer') {
        deps.metrics.count('Escalation');
        await deps.notifier.send(escalatedMessage(saved.issue, expired, next.level));
      }
      return stepFor(next, saved.issue, deps.clock, deps.policy);
    } catch (error) {
      // A decision landed at the deadline: read it again and settle by it.
      if (!(error instanceof ConcurrentUpdateError) || attempt >= 3) throw error;
    }
  }
}

/** The wait for the resident's rating: asks for it once, or wakes the workflow if it is already in. */
export async function runAwaitRating(
  deps: StepDeps,
  request: { issueId: string; taskToken: string },
): Promise<void> {
  const stored = await deps.issues.setWorkflowToken(request.issueId, request.taskToken);
  const issue = stored.issue;
  if (issue.status !== 'resolved' || issue.rating?.round === issue.reworkCount) {
    await deps.taskCompleter.complete(request.taskToken, { rated: true });
  } else {
    const message = ratingMessage(deps, issue);
    if (message) await deps.notifier.send(message);
  }
}

/** Closes the case on a good rating or silence, or reopens it one level up on a bad one. */
export async function runSettleRating(deps: StepDeps, request: { issueId: string }): Promise<WorkflowStep> {
  for (let attempt = 1; ; attempt++) {
    const stored = await load(deps, request.issueId);
    const { issue, next } = whatFollowsRating(stored.issue, deps.clock.now().toISOString());
    try {
      const saved = issue === stored.issue ? stored : await deps.issues.save(issue, stored.issue.version);
      // Counted when the rework is decided, not again when a retried step finds it decided.
      if (saved !== stored && next.kind === 'offer') deps.metrics.count('BadRating');
      return stepFor(next, saved.issue, deps.clock, deps.policy);
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= 3) throw error;
    }
  }
}
