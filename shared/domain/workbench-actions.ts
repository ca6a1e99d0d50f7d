import { answerChange, type ChangeLimits } from './change-requests.ts';
import { DomainError, InvalidChangeDateError, IssueStateConflictError, OutsideUnitError } from './errors.ts';
import { isTopDesk } from './escalation.ts';
import {
  GRID_LEVEL,
  gridPosition,
  type LadderPosition,
  LEVELS,
  type Level,
  type UnitLevel,
  unitIdAt,
} from './hierarchy.ts';
import type { Assignee, Holder, Issue, Task, TaskAction } from './issue.ts';
import type { Department, Grid } from './registry.ts';
import { advance, decideTask } from './task-transitions.ts';

/** What a supervisor does to a case from the workbench; each is one conditional write on the case. */
export const WORKBENCH_ACTIONS = [
  'supervise',
  'take_over',
  'reassign',
  'transfer',
  'decide_change',
  'decide_appeal',
  'merge',
] as const;
export type WorkbenchAction = (typeof WORKBENCH_ACTIONS)[number];

/**
 * What a department's supervisor may do from the workbench: supervise (督办) their own handler or take the case
 * over at their own desk, as their supervision link offers. Moving a case on the ladder (take over at a level,
 * reassign, transfer, merge) and answering requests or appeals are the ladder's.
 */
export const DEPARTMENT_WORKBENCH_ACTIONS: readonly WorkbenchAction[] = ['supervise', 'take_over'];

/** The workbench actions a kind of unit may take at all: the one home of who may act from the workbench. */
export function workbenchActionsOf(unit: { readonly scope: string }): readonly WorkbenchAction[] {
  return unit.scope === 'department' ? DEPARTMENT_WORKBENCH_ACTIONS : WORKBENCH_ACTIONS;
}

/** A department's supervisor asked for an action of the ladder's (403, saying which they may take). */
export class LadderActionError extends DomainError {
  constructor(readonly action: WorkbenchAction) {
    const own = DEPARTMENT_WORKBENCH_ACTIONS.join(', ');
    super(
      `A department's supervisor may ${own} at its own desks only; ${action} is for community, street or district.`,
    );
  }
}

/** Refuses an action the unit's kind may not take (LadderActionError), before anything is read. */
export function requireWorkbenchAction(unit: { readonly scope: string }, action: WorkbenchAction): void {
  if (!workbenchActionsOf(unit).includes(action)) throw new LadderActionError(action);
}

/** A signed-in supervisor as the registry knows them: who, at which level, for which unit. */
export interface Supervisor {
  readonly assignee: Assignee;
  readonly level: UnitLevel;
  readonly unitId: string;
}

/** The action is one the supervisor's level may not take on this case (e.g. an appeal decided two levels up). */
export class WrongLevelError extends DomainError {
  constructor(message: string) {
    super(message);
  }
}

/** The token names no supervisor of its unit in the registry (a grid worker, a moved or unknown person). */
export class NotASupervisorError extends DomainError {
  constructor() {
    super('Only a supervisor of the unit the token names acts from the workbench.');
  }
}

/** Whether a case (or a grid's position) lies within the supervisor's unit. */
export function withinUnit(position: LadderPosition, supervisor: Supervisor): boolean {
  return unitIdAt(position, supervisor.level) === supervisor.unitId;
}

const rank = (level: Level) => LEVELS.indexOf(level);

/** Who holds a case with an open task: its assignee, or, on a supervision task, the holder it is about. */
export function holderOf(task: Task): Holder {
  return task.holder ?? { assignee: task.assignee, level: task.level, department: task.department };
}

/** The case's open task, or a 409 saying the case is not waiting on anyone a supervisor could act over. */
export function openTaskOf(issue: Issue, now: string): Task {
  const task = issue.task;
  if (issue.status === 'closed' || issue.status === 'resolved') {
    throw new IssueStateConflictError(`The case is ${issue.status}; nobody holds it any more.`);
  }
  // A passed deadline is being settled by the workflow right now (escalation); acting on it would race that.
  if (task?.status !== 'open' || (now >= task.deadline && !isTopDesk(task))) {
    throw new IssueStateConflictError(
      'The case is between two steps of its workflow; reload it and try again.',
    );
  }
  return task;
}

/**
 * The open task as the supervisor's own supervision task (督办) at their level, about its current holder: the
 * link path's transitions then apply to the supervisor's decision as they would to a supervision link's.
 */
function asSupervisor(issue: Issue, task: Task, supervisor: Supervisor, kind: Task['kind']): Issue {
  const { department: _department, ...rest } = task;
  const standIn: Task = {
    ...rest,
    kind,
    level: supervisor.level,
    assignee: supervisor.assignee,
    holder: holderOf(task),
  };
  return { ...issue, task: standIn };
}

export interface WorkbenchDecision {
  readonly note?: string | undefined;
  readonly now: string;
}

/**
 * 督办 from the workbench: the holder keeps the case under the supervisor's note and deadline. Only a level above
 * the holder supervises; the holder's link is spent and the workflow gives them a fresh one running to `until`.
 */
export function superviseCase(
  issue: Issue,
  supervisor: Supervisor,
  decision: WorkbenchDecision & { readonly until: string },
): Issue {
  const task = openTaskOf(issue, decision.now);
  if (task.kind === 'accept') {
    throw new IssueStateConflictError('Nobody has signed for the case yet: take it over or reassign it.');
  }
  const holder = holderOf(task);
  if (
    rank(supervisor.level) <= rank(holder.level) &&
    !(task.kind === 'supervise' && task.level === supervisor.level)
  ) {
    throw new WrongLevelError(`Only a level above the holder's (${holder.level}) supervises this case.`);
  }
  return keepWithHolder(asSupervisor(issue, task, supervisor, 'supervise'), task.seq, decision);
}

/** The holder keeps the case to a supervision deadline: `standIn` holds the supervisor's own 督办 task, decided `keep`. */
export function keepWithHolder(
  standIn: Issue,
  seq: number,
  decision: WorkbenchDecision & { readonly until: string },
): Issue {
  const { now, until } = decision;
  if (until <= now) throw new InvalidChangeDateError('The supervision deadline must lie in the future.');
  const decided = decideTask(standIn, { seq, action: 'keep', note: decision.note, now });
  const [event, ...earlier] = [...decided.timeline].reverse();
  const timeline = event ? [...earlier.reverse(), { ...event, until }] : decided.timeline;
  return { ...decided, supervisedUntil: until, timeline };
}

/** The supervisor's level takes the case (接管): it gets a resolve task of its own. */
export function takeOverCase(issue: Issue, supervisor: Supervisor, decision: WorkbenchDecision): Issue {
  const task = openTaskOf(issue, decision.now);
  const ownSupervision = task.kind === 'supervise' && task.level === supervisor.level;
  // A supervisor offered the case's supervision task (督办) may take it over; one who holds its work already holds it.
  if (task.assignee.id === supervisor.assignee.id && !ownSupervision) {
    throw new IssueStateConflictError('You already hold this case.');
  }
  if (rank(supervisor.level) <= rank(task.level) && !ownSupervision) {
    throw new WrongLevelError(`Only a level above the case's (${task.level}) takes it over.`);
  }
  return decideTask(asSupervisor(issue, task, supervisor, 'supervise'), {
    seq: task.seq,
    action: 'takeover',
    note: decision.note,
    now: decision.now,
  });
}

type TargetGrid = Pick<Grid, 'id' | 'communityId' | 'streetId' | 'districtId'>;

/** Sends the case to another grid of the supervisor's unit, whose worker on duty is offered it. */
export function reassignCase(
  issue: Issue,
  supervisor: Supervisor,
  decision: WorkbenchDecision & { readonly grid: TargetGrid },
): Issue {
  const task = openTaskOf(issue, decision.now);
  const { grid } = decision;
  if (!withinUnit(gridPosition(grid), supervisor)) throw new OutsideUnitError(GRID_LEVEL, grid.id);
  return decideTask(asSupervisor(issue, task, supervisor, 'supervise'), {
    seq: task.seq,
    action: 'reassign',
    note: decision.note,
    targetGrid: grid,
    now: decision.now,
  });
}

/** Transfers the case (转派) to a functional department; a return (退回) gives it back to the supervisor. */
export function transferCase(
  issue: Issue,
  supervisor: Supervisor,
  decision: WorkbenchDecision & { readonly department: Pick<Department, 'id' | 'name'> },
): Issue {
  const task = openTaskOf(issue, decision.now);
  if (task.department) {
    throw new IssueStateConflictError(`The department ${task.department.name} holds the case already.`);
  }
  if (issue.pause) throw new IssueStateConflictError('The case is paused; it is resumed before it moves.');
  return decideTask(asSupervisor(issue, task, supervisor, 'resolve'), {
    seq: task.seq,
    action: 'transfer',
    note: decision.note,
    department: decision.department,
    now: decision.now,
  });
}

export interface RequestDecision extends WorkbenchDecision {
  readonly approve: boolean;
  /** An approved deferral's or pause's date, when the supervisor sets another than the one asked for. */
  readonly until?: string | undefined;
  readonly limits: ChangeLimits;
}

/**
 * The answer to a pending deferral or pause (at the approver's level or above), or to an appeal against a
 * rating (only at the level one up from the accountable unit), given in the supervisor's name.
 */
export function decideRequest(
  issue: Issue,
  supervisor: Supervisor,
  kind: 'change' | 'appeal',
  decision: RequestDecision,
): Issue {
  const request = issue.request;
  const appeal = request?.kind === 'appeal';
  if (request?.status !== 'pending' || appeal !== (kind === 'appeal')) {
    throw new IssueStateConflictError(
      kind === 'appeal'
        ? 'No appeal is waiting for its answer.'
        : 'No deferral or pause is waiting for its answer.',
    );
  }
  const level = request.approverLevel;
  if (appeal ? supervisor.level !== level : rank(supervisor.level) < rank(level)) {
    throw new WrongLevelError(
      appeal
        ? `An appeal is decided at the ${level} level, one up from the accountable unit.`
        : `This request is decided at the ${level} level or above.`,
    );
  }
  return answerChange(
    { ...issue, request: { ...request, approver: supervisor.assignee } },
    {
      approve: decision.approve,
      until: decision.until,
      note: decision.note,
      now: decision.now,
      limits: decision.limits,
    },
  );
}

/**
 * Closes a duplicate pointing at the case it repeats: its open task is spent and the workflow, woken, finds the
 * case closed and ends. A merged case counts in no figure: the kept case counts for both.
 */
export function mergeCase(
  duplicate: Issue,
  kept: Pick<Issue, 'id' | 'caseNumber' | 'mergedInto'>,
  supervisor: Supervisor,
  decision: WorkbenchDecision,
): Issue {
  if (kept.id === duplicate.id) throw new IssueStateConflictError('A case cannot be merged into itself.');
  if (kept.mergedInto) {
    throw new IssueStateConflictError(
      `Case ${kept.id} was itself merged into ${kept.mergedInto}; merge into that.`,
    );
  }
  const task = openTaskOf(duplicate, decision.now);
  const at = decision.now;
  const note = decision.note ? { note: decision.note } : {};
  const action: TaskAction = 'merge';
  return advance(
    duplicate,
    at,
    {
      task: { ...task, status: 'used', decision: { action, at, ...note } },
      status: 'closed',
      mergedInto: kept.id,
      // Stored as the task's settlement, so the woken workflow finds the case closed and ends.
      next: { kind: 'closed', after: `task:${task.seq}` },
    },
    { at, type: 'merged', by: supervisor.assignee, to: kept.caseNumber ?? kept.id, ...note },
  );
}
