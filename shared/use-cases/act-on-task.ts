import { appealDeadline, requestAppeal } from '#domain/appeals.ts';
import {
  answerChange,
  approverLevelOf,
  DEFAULT_CHANGE_LIMITS,
  requestChange,
} from '#domain/change-requests.ts';
import { runningCoHandling } from '#domain/co-handling.ts';
import {
  ActionNotAllowedError,
  ConcurrentUpdateError,
  DepartmentNotFoundError,
  GridNotFoundError,
  IssueStateConflictError,
  WorkflowUnavailableError,
} from '#domain/errors.ts';
import type { Issue, TaskAction } from '#domain/issue.ts';
import { newNonce } from '#domain/links.ts';
import type { CaseOutcome } from '#domain/outcomes.ts';
import { APPEAL_WINDOW } from '#domain/rating-scale.ts';
import { decideTask, requireOpenTask } from '#domain/task-transitions.ts';
import type { StoredIssue } from '#ports';
import { askCoHandlers, reportAsCoHandler } from './co-handling.ts';
import type { Deps } from './deps.ts';
import { findLinkedIssue } from './find-linked-issue.ts';
import { appealUpheldMessage, changeRefusedMessage, changeRequestMessage } from './messages.ts';
import { pickAssignee } from './pick-assignee.ts';

export interface TaskRequest {
  readonly action: TaskAction;
  readonly note?: string | undefined;
  readonly gridId?: string | undefined;
  /** The department a transfer (转派) sends the case to. */
  readonly departmentId?: string | undefined;
  /** The departments a lead asks to co-handle the case (协办). */
  readonly departmentIds?: readonly string[] | undefined;
  /** A deferral's or pause's date: a China day (to the end of its office hours) or an instant. */
  readonly until?: string | undefined;
  /** A resolution's outcome (办理结果). */
  readonly outcome?: CaseOutcome | undefined;
}

type ActDeps = Pick<
  Deps,
  | 'issues'
  | 'keys'
  | 'clock'
  | 'registry'
  | 'calendars'
  | 'stats'
  | 'taskCompleter'
  | 'notifier'
  | 'publicUrl'
  | 'policy'
>;

/** A China day means the end of its office hours; an instant stays as it is. */
function instantOf(until: string | undefined): string | undefined {
  if (!until) return undefined;
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(until) ? `${until}T17:30:00+08:00` : until).toISOString();
}

const MAX_ATTEMPTS = 3;

/**
 * Applies the decision behind a link in one conditional write, then wakes the workflow. Of two requests
 * racing on one link, the loser re-reads and finds the link spent.
 */
export async function actOnTask(deps: ActDeps, token: string, request: TaskRequest): Promise<Issue> {
  let { stored, seq, approval, coHandler } = await findLinkedIssue(deps, token);
  if (coHandler) {
    if (request.action !== 'report') throw new ActionNotAllowedError(request.action, ['report']);
    return reportAsCoHandler(deps, token, request.note ?? '');
  }
  if (request.action === 'co_handle') return askCoHandlers(deps, token, request);
  const lead = stored.issue.task;
  if (!approval && lead?.seq === seq && runningCoHandling(stored.issue, lead)) {
    // The lead's link waits for its co-handlers; the workflow is not listening to it meanwhile.
    throw new ActionNotAllowedError(request.action, []);
  }
  if (approval || ['defer', 'pause', 'appeal'].includes(request.action)) {
    return changeCase(deps, token, request);
  }
  const targetGrid =
    request.action === 'reassign' ? await targetGridOf(deps, stored.issue, request) : undefined;
  const calendar = request.action === 'resume' ? await deps.calendars.calendar() : undefined;
  const department =
    request.action === 'transfer' ? await departmentOf(deps, request.departmentId) : undefined;
  for (let attempt = 1; ; attempt++) {
    const decided = decideTask(stored.issue, {
      seq,
      action: request.action,
      note: request.note,
      targetGrid,
      outcome: request.outcome,
      department,
      now: deps.clock.now().toISOString(),
      calendar,
    });
    try {
      const saved = await deps.issues.save(decided, stored.issue.version);
      await wake(deps, saved.workflowToken, request.action);
      return saved.issue;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= MAX_ATTEMPTS) throw error;
      ({ stored, seq, approval } = await findLinkedIssue(deps, token));
    }
  }
}

/**
 * A deferral or pause: the holder's request (their link stays open, the approver gets a link of their own),
 * or the approver's answer on that link (an approval spends the holder's task and wakes the workflow).
 */
async function changeCase(deps: ActDeps, token: string, request: TaskRequest): Promise<Issue> {
  const limits = deps.policy.changeLimits ?? DEFAULT_CHANGE_LIMITS;
  for (let attempt = 1; ; attempt++) {
    const { stored, seq, approval } = await findLinkedIssue(deps, token);
    const now = deps.clock.now().toISOString();
    const until = instantOf(request.until);
    let changed: Issue;
    if (approval) {
      if (request.action !== 'approve' && request.action !== 'refuse') {
        throw new ActionNotAllowedError(request.action, ['approve', 'refuse']);
      }
      changed = answerChange(stored.issue, {
        approve: request.action === 'approve',
        until,
        note: request.note,
        now,
        limits,
      });
    } else {
      changed = await asked(deps, stored, seq, request, now);
    }
    try {
      const saved = await deps.issues.save(changed, stored.issue.version);
      await tell(deps, saved, approval, request.action);
      return saved.issue;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function asked(deps: ActDeps, stored: StoredIssue, seq: number, request: TaskRequest, now: string) {
  if (request.action === 'appeal') return appealed(deps, stored, seq, request, now);
  const kind = request.action === 'pause' ? 'pause' : 'defer';
  const task = requireOpenTask(stored.issue, seq, now);
  const level = approverLevelOf(kind, task.level);
  const { assignee, level: approverLevel } = await pickAssignee(deps, stored.issue, level);
  return requestChange(stored.issue, {
    kind,
    task,
    reason: request.note ?? '',
    until: instantOf(request.until) ?? '',
    approver: assignee,
    approverLevel,
    nonce: newNonce(),
    now,
    limits: deps.policy.changeLimits ?? DEFAULT_CHANGE_LIMITS,
  });
}

/** The rework holder's appeal against the bad rating, to the level above, within the appeal window. */
async function appealed(deps: ActDeps, stored: StoredIssue, seq: number, request: TaskRequest, now: string) {
  const task = requireOpenTask(stored.issue, seq, now);
  const rating = stored.issue.rating;
  const calendar = await deps.calendars.calendar();
  const window = deps.policy.appealWindow ?? APPEAL_WINDOW;
  const { assignee, level } = await pickAssignee(deps, stored.issue, approverLevelOf('appeal', task.level));
  return requestAppeal(stored.issue, {
    task,
    reason: request.note ?? '',
    approver: assignee,
    approverLevel: level,
    nonce: newNonce(),
    now,
    deadline: rating ? appealDeadline(rating, window, calendar) : now,
  });
}

/** After a request or its answer is stored: tells whom it concerns and, where the task was spent, wakes the workflow. */
export async function tell(deps: ActDeps, saved: StoredIssue, approval: boolean, action: TaskAction) {
  const { issue } = saved;
  if (!approval) {
    const message = changeRequestMessage(deps, issue);
    if (message) await deps.notifier.send(message);
  } else if (action === 'refuse') {
    const message = changeRefusedMessage(issue);
    if (message) await deps.notifier.send(message);
  } else if (issue.request?.kind === 'appeal') {
    const message = appealUpheldMessage(deps, issue);
    if (message) await deps.notifier.send(message);
    // Only a closing appeal spends the rework task; otherwise the workflow's wait goes on undisturbed.
    if (issue.status === 'closed') await wake(deps, saved.workflowToken, action);
  } else {
    await wake(deps, saved.workflowToken, action);
  }
}

/** The grid a reassignment names: another grid, and one the registry holds. */
export async function targetGridOf(deps: Pick<Deps, 'registry'>, issue: Issue, request: TaskRequest) {
  if (!request.gridId) throw new GridNotFoundError('', 'gridId');
  if (request.gridId === issue.gridId) throw new IssueStateConflictError('The case is already in this grid.');
  const grid = await deps.registry.getGrid(request.gridId);
  if (!grid) throw new GridNotFoundError(request.gridId, 'gridId');
  return grid;
}

/** The department a transfer names; a unit that is not one (a grid, a community) is as unknown as a typo. */
export async function departmentOf(deps: Pick<Deps, 'registry'>, departmentId: string | undefined) {
  const department = departmentId ? await deps.registry.getDepartment(departmentId) : undefined;
  if (!department) throw new DepartmentNotFoundError(departmentId ?? '');
  return department;
}

/** Completes the workflow's wait with the decision stored on the case. */
export async function wake(deps: Pick<Deps, 'taskCompleter'>, token: string | undefined, action: TaskAction) {
  // No token yet means the workflow has not reached its wait; when it does, it finds the decision stored.
  if (!token) return;
  try {
    await deps.taskCompleter.complete(token, { action });
  } catch (error) {
    throw new WorkflowUnavailableError(error);
  }
}
