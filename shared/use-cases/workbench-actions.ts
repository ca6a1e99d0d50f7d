import { type AuditAction, auditEntry } from '#domain/audit.ts';
import { DEFAULT_CHANGE_LIMITS } from '#domain/change-requests.ts';
import type { WorkbenchUnit } from '#domain/contact.ts';
import {
  type DepartmentSupervisor,
  superviseForDepartment,
  takeOverForDepartment,
  withinDepartment,
} from '#domain/department-workbench.ts';
import { ConcurrentUpdateError, IssueNotFoundError } from '#domain/errors.ts';
import { isUnitLevel } from '#domain/hierarchy.ts';
import type { Issue, TaskAction } from '#domain/issue.ts';
import { roleAt } from '#domain/registry.ts';
import {
  decideRequest,
  LadderActionError,
  mergeCase,
  NotASupervisorError,
  reassignCase,
  requireWorkbenchAction,
  type Supervisor,
  superviseCase,
  takeOverCase,
  transferCase,
  type WorkbenchAction,
  withinUnit,
} from '#domain/workbench-actions.ts';
import type { StoredIssue } from '#ports';
import { departmentOf, targetGridOf, tell, wake } from './act-on-task.ts';
import type { Deps } from './deps.ts';
import { mergedMessage } from './messages.ts';

/** A workbench action as the route validated it; `version` is the case's version the supervisor saw. */
export type WorkbenchRequest = { readonly version: number; readonly note?: string | undefined } & (
  | { readonly action: 'supervise'; readonly until: string }
  | { readonly action: 'take_over' }
  | { readonly action: 'reassign'; readonly gridId: string }
  | { readonly action: 'transfer'; readonly departmentId: string }
  | {
      readonly action: 'decide_change';
      readonly decision: 'approve' | 'refuse';
      readonly until?: string | undefined;
    }
  | { readonly action: 'decide_appeal'; readonly decision: 'uphold' | 'reject' }
  | { readonly action: 'merge'; readonly intoCaseId: string }
);

type WorkbenchDeps = Pick<
  Deps,
  | 'issues'
  | 'registry'
  | 'clock'
  | 'keys'
  | 'publicUrl'
  | 'notifier'
  | 'taskCompleter'
  | 'audit'
  | 'policy'
  | 'calendars'
  | 'stats'
>;

/** Who acts from the workbench: a supervisor of the ladder, or a department's. */
export type WorkbenchActor = Supervisor | DepartmentSupervisor;

/**
 * The signed-in supervisor as the registry lists them now (a token outlives a move to another unit): a
 * supervisor of the unit the token names, at a level above the grid, or the supervisor of the department it names.
 */
export async function supervisorOf(
  deps: Pick<Deps, 'registry'>,
  principal: { readonly personId: string | undefined; readonly unit: WorkbenchUnit },
): Promise<WorkbenchActor> {
  const { personId, unit } = principal;
  const person = personId ? await deps.registry.getPerson(personId) : undefined;
  if (!person || person.unitId !== unit.id) throw new NotASupervisorError();
  const assignee = { id: person.id, name: person.name, role: person.role };
  if (unit.scope === 'department') {
    const department = await deps.registry.getDepartment(unit.id);
    if (person.role !== 'department_supervisor' || !department) throw new NotASupervisorError();
    return { assignee, department: { id: department.id, name: department.name } };
  }
  const level = unit.scope;
  if (!isUnitLevel(level) || person.role !== roleAt(level)) throw new NotASupervisorError();
  return { assignee, level, unitId: unit.id };
}

const isDepartment = (actor: WorkbenchActor): actor is DepartmentSupervisor => 'department' in actor;

/** A case the supervisor may act on: one in their unit (or department's list). Any other is as unknown as a missing one. */
async function caseInUnit(deps: Pick<Deps, 'issues'>, caseId: string, actor: WorkbenchActor) {
  const stored = await deps.issues.get(caseId);
  const within =
    stored && (isDepartment(actor) ? withinDepartment(stored.issue, actor) : withinUnit(stored.issue, actor));
  if (!stored || !within) throw new IssueNotFoundError(caseId);
  return stored;
}

const AUDITED: Record<WorkbenchAction, AuditAction> = {
  supervise: 'supervised',
  take_over: 'took_over',
  reassign: 'reassigned',
  transfer: 'transferred',
  decide_change: 'decided_change',
  decide_appeal: 'decided_appeal',
  merge: 'merged',
};

interface Decided {
  readonly issue: Issue;
  /** What the audit trail says beside the action: targets and answers, never a resident's contact. */
  readonly detail: string;
  /** What follows the write: wake the workflow, tell people. */
  readonly after: (saved: StoredIssue) => Promise<void>;
}

/**
 * Applies a supervisor's action to a case in one write conditional on the version they saw (a stale version
 * is a 409 and writes nothing), records it in the audit trail, then wakes the workflow as a link would.
 */
export async function actOnWorkbench(
  deps: WorkbenchDeps,
  supervisor: WorkbenchActor,
  caseId: string,
  request: WorkbenchRequest,
): Promise<Issue> {
  requireWorkbenchAction(
    isDepartment(supervisor) ? { scope: 'department' } : { scope: supervisor.level },
    request.action,
  );
  const stored = await caseInUnit(deps, caseId, supervisor);
  if (stored.issue.version !== request.version) {
    throw new ConcurrentUpdateError(
      `The case changed since you saw it (version ${request.version}, now ${stored.issue.version}); reload it.`,
    );
  }
  const decided = isDepartment(supervisor)
    ? decideForDepartment(deps, supervisor, stored.issue, request)
    : await decide(deps, supervisor, stored.issue, request);
  const saved = await deps.issues.save(decided.issue, request.version);
  await deps.audit.record(
    auditEntry(deps.clock.now(), supervisor.assignee.id, AUDITED[request.action], {
      caseId,
      detail: decided.detail,
    }),
  );
  await decided.after(saved);
  return saved.issue;
}

/** A department supervisor's action: only those `requireWorkbenchAction` let through reach here. */
function decideForDepartment(
  deps: WorkbenchDeps,
  supervisor: DepartmentSupervisor,
  issue: Issue,
  request: WorkbenchRequest,
): Decided {
  const now = deps.clock.now().toISOString();
  const { note } = request;
  if (request.action === 'supervise') {
    const until = new Date(request.until).toISOString();
    return {
      issue: superviseForDepartment(issue, supervisor, { note, now, until }),
      detail: `keep with the department's handler until ${until}${said(note)}`,
      after: (saved) => wake(deps, saved.workflowToken, 'keep'),
    };
  }
  if (request.action === 'take_over') {
    return {
      issue: takeOverForDepartment(issue, supervisor, { note, now }),
      detail: said(note).trim(),
      after: (saved) => wake(deps, saved.workflowToken, 'takeover'),
    };
  }
  throw new LadderActionError(request.action);
}

async function decide(
  deps: WorkbenchDeps,
  supervisor: Supervisor,
  issue: Issue,
  request: WorkbenchRequest,
): Promise<Decided> {
  const now = deps.clock.now().toISOString();
  const note = request.note;
  const woken = (action: TaskAction) => (saved: StoredIssue) => wake(deps, saved.workflowToken, action);
  switch (request.action) {
    case 'supervise': {
      const until = new Date(request.until).toISOString();
      const decided = superviseCase(issue, supervisor, { note, now, until });
      return { issue: decided, detail: `keep with holder until ${until}${said(note)}`, after: woken('keep') };
    }
    case 'take_over':
      return {
        issue: takeOverCase(issue, supervisor, { note, now }),
        detail: said(note).trim(),
        after: woken('takeover'),
      };
    case 'reassign': {
      const grid = await targetGridOf(deps, issue, request);
      return {
        issue: reassignCase(issue, supervisor, { note, now, grid }),
        detail: `from grid ${issue.gridId} to grid ${grid.id}${said(note)}`,
        after: woken('reassign'),
      };
    }
    case 'transfer': {
      const department = await departmentOf(deps, request.departmentId);
      return {
        issue: transferCase(issue, supervisor, { note, now, department }),
        detail: `to department ${department.id}${said(note)}`,
        after: woken('transfer'),
      };
    }
    case 'decide_change':
    case 'decide_appeal': {
      const approve = request.decision === 'approve' || request.decision === 'uphold';
      const until = request.action === 'decide_change' ? request.until : undefined;
      const kind = request.action === 'decide_appeal' ? 'appeal' : 'change';
      const limits = deps.policy.changeLimits ?? DEFAULT_CHANGE_LIMITS;
      const asked = issue.request?.kind ?? '';
      return {
        issue: decideRequest(issue, supervisor, kind, { approve, until, note, now, limits }),
        detail: `${request.decision} ${asked}${said(note)}`,
        // The answer reaches people and the workflow exactly as an approval link's does.
        after: (saved) => tell(deps, saved, true, approve ? 'approve' : 'refuse'),
      };
    }
    case 'merge': {
      const kept = await caseInUnit(deps, request.intoCaseId, supervisor);
      const merged = mergeCase(issue, kept.issue, supervisor, { note, now });
      return {
        issue: merged,
        detail: `into ${kept.issue.id}${said(note)}`,
        after: async (saved) => {
          await wake(deps, saved.workflowToken, 'merge');
          const message = mergedMessage(deps, saved.issue, kept.issue);
          if (message) await deps.notifier.send(message);
        },
      };
    }
  }
}

const said = (note: string | undefined) => (note ? `: ${note}` : '');
