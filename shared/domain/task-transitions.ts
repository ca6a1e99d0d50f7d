import { resumed } from './change-requests.ts';
import { DEFAULT_CALENDAR } from './china-calendar.ts';
import { runningCoHandling } from './co-handling.ts';
import { withEvent } from './deadline-transitions.ts';
import * as departments from './department-transitions.ts';
import { ActionNotAllowedError, IssueStateConflictError, LinkGoneError, LinkUsedError } from './errors.ts';
import { type DepartmentDesk, isTopDesk } from './escalation.ts';
import { GRID_LEVEL, isTopLevel, type Level } from './hierarchy.ts';
import type { Assignee, Issue, PastTask, Task, TaskAction, TaskKind, TimelineEvent } from './issue.ts';
import type { CaseOutcome } from './outcomes.ts';
import { publicViewOf } from './public-view.ts';
import type { Department, Grid } from './registry.ts';
import type { WorkCalendar } from './working-time.ts';

export interface TaskOffer {
  readonly seq: number;
  readonly kind: TaskKind;
  readonly level: Level;
  readonly assignee: Assignee;
  readonly nonce: string;
  readonly now: string;
  readonly deadline: string;
  readonly holder?: Task['holder'];
  readonly department?: DepartmentDesk | undefined;
  /** The case's resolve deadline, set by its first assignment (or first after a rework) and kept after. */
  readonly resolveDeadline?: string | undefined;
}

/** The issue with `changes` applied, one event appended, and its version bumped: every transition writes this way. */
export function advance(issue: Issue, now: string, changes: Partial<Issue>, event?: TimelineEvent): Issue {
  return {
    ...issue,
    ...changes,
    timeline: event ? [...issue.timeline, event] : issue.timeline,
    updatedAt: now,
    version: issue.version + 1,
  };
}

function retire(task: Task | undefined): PastTask[] {
  if (!task) return [];
  const status = task.status === 'open' ? 'revoked' : task.status;
  return [{ seq: task.seq, nonce: task.nonce, status }];
}

/** Gives the case to one person with a deadline; any earlier task's link stops working. */
export function openTask(issue: Issue, offer: TaskOffer): Issue {
  if (issue.status === 'closed') throw new IssueStateConflictError(`Issue ${issue.id} is closed`);
  const task: Task = {
    seq: offer.seq,
    kind: offer.kind,
    level: offer.level,
    assignee: offer.assignee,
    nonce: offer.nonce,
    offeredAt: offer.now,
    deadline: offer.deadline,
    ...(offer.holder ? { holder: offer.holder } : {}),
    ...(offer.department ? { department: offer.department } : {}),
    status: 'open',
  };
  const accountable = offer.assignee.role === 'grid_worker' ? { workerId: offer.assignee.id } : {};
  const resolveDeadline = issue.resolveDeadline ?? offer.resolveDeadline;
  const event: TimelineEvent | undefined =
    offer.kind === 'resolve'
      ? undefined
      : {
          at: offer.now,
          type: offer.kind === 'accept' ? 'assigned' : 'supervised',
          level: offer.level,
          assignee: offer.assignee,
          ...departments.departmentNamed(offer),
        };
  return advance(
    issue,
    offer.now,
    {
      task,
      pastTasks: [...issue.pastTasks, ...retire(issue.task)],
      level: offer.level,
      status: offer.kind === 'accept' ? 'assigned' : 'in_progress',
      ...(resolveDeadline ? { resolveDeadline } : {}),
      ...accountable,
    },
    event,
  );
}

/** Records a reminder (催办) of the open task for the wait of `round`; repeats fold into one timeline entry. */
export function remindTask(issue: Issue, round: number, now: string): Issue {
  const task = issue.task;
  if (task?.status !== 'open' || (task.reminded ?? 0) >= round) return issue;
  return {
    ...issue,
    task: { ...task, reminded: round },
    reminders: (issue.reminders ?? 0) + 1,
    timeline: withEvent(issue.timeline, {
      at: now,
      type: 'reminded',
      level: task.level,
      to: task.assignee.id,
    }),
    updatedAt: now,
    version: issue.version + 1,
  };
}

/**
 * The actions an open task offers: a resolve task also asks for time, transfers, or resumes a pause; whoever is
 * offered or holds a hotline case may also hand it back to the hotline (退单).
 */
export function allowedActions(
  task: Pick<Task, 'kind' | 'level' | 'department'> & { readonly seq?: number },
  issue?: Pick<Issue, 'pause' | 'partnerOrder' | 'coHandling'>,
): readonly TaskAction[] {
  // While co-handlers work the lead waits for them: its link shows where each stands, and offers nothing yet.
  if (issue && runningCoHandling(issue, task)) return [];
  const own = ownActions(task, issue);
  return issue?.partnerOrder && task.kind !== 'supervise' ? [...own, 'hand_back'] : own;
}

function ownActions(
  task: Pick<Task, 'kind' | 'level' | 'department'>,
  issue?: Pick<Issue, 'pause'>,
): readonly TaskAction[] {
  if (task.department) return departments.departmentActions(task);
  if (task.kind === 'resolve')
    return issue?.pause ? ['resolve', 'resume'] : ['resolve', 'defer', 'pause', 'transfer', 'co_handle'];
  if (task.kind === 'supervise') return ['keep', 'takeover', 'reassign'];
  if (task.level === GRID_LEVEL) return ['accept', 'decline'];
  if (isTopLevel(task.level)) return ['accept', 'reassign'];
  return ['accept', 'decline', 'reassign'];
}

export interface TaskDecision {
  readonly seq: number;
  readonly action: TaskAction;
  readonly note?: string | undefined;
  readonly targetGrid?: Pick<Grid, 'id' | 'communityId' | 'streetId' | 'districtId'> | undefined;
  /** How the work ended, on a resolution (办理结果): `solved` unless said otherwise. */
  readonly outcome?: CaseOutcome | undefined;
  readonly department?: Pick<Department, 'id' | 'name'> | undefined;
  readonly now: string;
  /** The district's calendar, which a resume counts the paused time by; the shipped one otherwise. */
  readonly calendar?: WorkCalendar | undefined;
}

/** Fails unless `seq` names the issue's open task, before its deadline. */
export function requireOpenTask(issue: Issue, seq: number, now: string): Task {
  const task = issue.task?.seq === seq ? issue.task : undefined;
  const past = issue.pastTasks.find((candidate) => candidate.seq === seq);
  const status = task?.status ?? past?.status;
  // A spent link says where the case is now, so its holder knows whom to call instead.
  const current = () => publicViewOf(issue, now);
  if (status === 'used') throw new LinkUsedError(issue.id, current());
  if (status === 'revoked' || status === 'expired' || issue.status === 'closed') {
    throw new LinkGoneError(issue.id, status === 'expired' ? 'expired' : 'revoked', current());
  }
  if (!task) throw new LinkGoneError(issue.id, 'revoked', current());
  // At the district a passed deadline changes nothing: the case stays there under supervision, link and all.
  if (now >= task.deadline && !isTopDesk(task)) throw new LinkGoneError(issue.id, 'expired', current());
  return task;
}

const UNIT_OF = { community: 'communityId', street: 'streetId' } as const;

/**
 * A supervisor moves cases only within their own part of the tree: a community's supervisor to grids of that
 * community, a street's to grids of that street; the district's anywhere.
 */
function requireJurisdiction(issue: Issue, level: Level, grid: NonNullable<TaskDecision['targetGrid']>) {
  if (level !== 'community' && level !== 'street') return;
  const unit = UNIT_OF[level];
  if (grid[unit] !== issue[unit]) {
    throw new ActionNotAllowedError(`reassign to grid ${grid.id}, outside ${level} ${issue[unit]}`, [
      'reassign within your own unit',
    ]);
  }
}

/** Applies a worker's or supervisor's decision from an approval link; the link is spent by it. */
export function decideTask(issue: Issue, decision: TaskDecision): Issue {
  const task = requireOpenTask(issue, decision.seq, decision.now);
  const allowed = allowedActions(task, issue);
  if (!allowed.includes(decision.action)) throw new ActionNotAllowedError(decision.action, allowed);
  const by = task.assignee;
  const at = decision.now;
  const spent: Task = {
    ...task,
    status: 'used',
    decision: {
      action: decision.action,
      at,
      ...(decision.note ? { note: decision.note } : {}),
      ...(decision.targetGrid ? { gridId: decision.targetGrid.id } : {}),
      ...(decision.department ? { departmentId: decision.department.id } : {}),
    },
  };
  const note = decision.note ? { note: decision.note } : {};
  // A department's people act in its name: the timeline names the department for the public.
  const who = { by, ...departments.departmentNamed(task) };
  switch (decision.action) {
    case 'accept':
      return advance(issue, at, { task: spent, status: 'in_progress' }, { at, type: 'accepted', ...who });
    case 'decline':
      return advance(issue, at, { task: spent }, { at, type: 'declined', by, ...note });
    case 'resolve': {
      const outcome = decision.outcome ?? 'solved';
      return advance(
        issue,
        at,
        { task: spent, status: 'resolved', resolution: { by, level: task.level, at, ...note, outcome } },
        { at, type: 'resolved', ...who, ...note },
      );
    }
    case 'hand_back': {
      // Ends the case: the hotline takes it back, so no rating is asked and the workflow closes it.
      const resolution = { by, level: task.level, at, ...note, outcome: 'out_of_remit' as const };
      const event: TimelineEvent = { at, type: 'handed_back', by, ...note };
      return advance(issue, at, { task: spent, status: 'closed', resolution }, event);
    }
    case 'resume': {
      const { event, ...changes } = resumed(issue, at, decision.calendar ?? DEFAULT_CALENDAR, by);
      return advance(issue, at, { task: spent, ...changes }, event);
    }
    case 'defer':
    case 'pause':
    case 'approve':
    case 'refuse':
    case 'appeal':
    case 'co_handle':
    case 'report':
    case 'merge':
      // A merge is a supervisor's, from the workbench (workbench-actions.ts); no link offers it. Requests, their
      // answers and co-handling change the case without spending the link (change-requests.ts, co-handling.ts).
      throw new ActionNotAllowedError(decision.action, allowed);
    case 'keep':
    case 'takeover':
      return advance(
        issue,
        at,
        { task: spent },
        { at, type: 'supervised', by, reason: decision.action, ...note },
      );
    case 'transfer':
    case 'return': {
      const { changes, event } = departments.transferOrReturn(issue, task, decision);
      return advance(issue, at, { task: spent, ...changes }, event);
    }
    case 'reassign': {
      const grid = decision.targetGrid;
      if (!grid) throw new ActionNotAllowedError('reassign without a grid', allowed);
      requireJurisdiction(issue, task.level, grid);
      return advance(
        issue,
        at,
        {
          task: spent,
          gridId: grid.id,
          communityId: grid.communityId,
          streetId: grid.streetId,
          districtId: grid.districtId,
        },
        { at, type: 'reassigned', by, from: issue.gridId, to: grid.id, ...note },
      );
    }
  }
}
