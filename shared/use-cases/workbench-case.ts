import { auditEntry } from '#domain/audit.ts';
import {
  caseInUnit,
  contactKeyOf,
  maskPhone,
  normalizedPhone,
  unitHoldsCase,
  type WorkbenchUnit,
} from '#domain/contact.ts';
import { IssueNotFoundError } from '#domain/errors.ts';
import { LEVELS, type Level } from '#domain/hierarchy.ts';
import type { Assignee, Issue, Reporter, Task, TimelineEvent } from '#domain/issue.ts';
import { workbenchActionsOf } from '#domain/workbench-actions.ts';
import type { Deps } from './deps.ts';

/** A signed-in supervisor: the unit they act for and, when the token names one, their registry id. */
export interface Supervisor {
  readonly unit: WorkbenchUnit;
  readonly personId: string | undefined;
}

/** How many cases a search by phone number returns at most (a resident rarely reports more). */
export const CONTACT_SEARCH_LIMIT = 50;

/** The reporter as the supervisor may see them: the phone masked unless their unit holds the case. */
export function reporterView(
  issue: Issue,
  unit: WorkbenchUnit,
  reveal: boolean,
): (Reporter & { masked: boolean }) | undefined {
  const reporter = issue.reporter;
  if (!reporter) return undefined;
  const whole = reveal && unitHoldsCase(issue, unit);
  return {
    ...reporter,
    ...(reporter.phone ? { phone: whole ? reporter.phone : maskPhone(reporter.phone) } : {}),
    ...(reporter.email && !whole ? { email: '***' } : {}),
    masked: !whole,
  };
}

/**
 * Whether a person's name may be shown: they work at or below the supervisor's level, inside the unit; to a
 * department, only its own people (where the task or entry names the department of the case's latest transfer).
 */
function personInView(
  issue: Issue,
  at: { level?: Level | undefined; department?: string | undefined },
  unit: WorkbenchUnit,
): boolean {
  if (unit.scope === 'department') {
    const own = issue.transfer?.department;
    return own?.id === unit.id && at.department !== undefined && at.department === own.name;
  }
  const { level } = at;
  return (
    level !== undefined && caseInUnit(issue, unit) && LEVELS.indexOf(level) <= LEVELS.indexOf(unit.scope)
  );
}

function personView(person: Assignee, visible: boolean): Omit<Assignee, 'name'> & { name?: string } {
  return visible ? person : { id: person.role, role: person.role };
}

function eventView(issue: Issue, event: TimelineEvent, unit: WorkbenchUnit) {
  const visible = personInView(
    issue,
    { level: event.level ?? issue.level, department: event.department },
    unit,
  );
  return {
    ...event,
    ...(event.by ? { by: personView(event.by, visible) } : {}),
    ...(event.assignee ? { assignee: personView(event.assignee, visible) } : {}),
  };
}

function taskView(issue: Issue, task: Task, unit: WorkbenchUnit) {
  const { nonce: _nonce, holder, ...rest } = task;
  const desk = (at: Pick<Task, 'level' | 'department'>) => ({
    level: at.level,
    department: at.department?.name,
  });
  return {
    ...rest,
    assignee: personView(task.assignee, personInView(issue, desk(task), unit)),
    ...(holder
      ? {
          holder: {
            ...holder,
            assignee: personView(holder.assignee, personInView(issue, desk(holder), unit)),
          },
        }
      : {}),
  };
}

/** A case's lookup refused the same way whether it is missing or outside the unit: nothing is given away. */
async function caseWithin(
  deps: Pick<Deps, 'caseIndex'>,
  unit: WorkbenchUnit,
  caseId: string,
): Promise<Issue> {
  const [issue] = await deps.caseIndex.byIds([caseId]);
  if (!issue || !caseInUnit(issue, unit)) throw new IssueNotFoundError(caseId);
  return issue;
}

/**
 * The case page: the case, its whole timeline, its open task and past ones, who holds it (unit names; people
 * where the supervisor may see them) and its version. A phone shown whole is recorded in the audit trail first.
 */
export async function casePage(
  deps: Pick<Deps, 'caseIndex' | 'registry' | 'audit' | 'clock'>,
  supervisor: Supervisor,
  caseId: string,
) {
  const { unit } = supervisor;
  const issue = await caseWithin(deps, unit, caseId);
  const reporter = reporterView(issue, unit, true);
  if (reporter && !reporter.masked) {
    await deps.audit.record(
      auditEntry(deps.clock.now(), supervisor.personId ?? `${unit.scope}:${unit.id}`, 'viewed_contact', {
        caseId: issue.id,
      }),
    );
  }
  const units = await deps.registry.getUnits([issue.communityId, issue.streetId, issue.districtId]);
  const grid = await deps.registry.getGrid(issue.gridId);
  const names = Object.fromEntries(units.map((u) => [u.id, u.name]));
  const { timeline, task, pastTasks, reporter: _reporter, next: _next, ...rest } = issue;
  return {
    case: { ...rest, ...(reporter ? { reporter } : {}) },
    units: {
      grid: { id: issue.gridId, name: grid?.name ?? issue.gridId },
      community: { id: issue.communityId, name: names[issue.communityId] ?? issue.communityId },
      street: { id: issue.streetId, name: names[issue.streetId] ?? issue.streetId },
      district: { id: issue.districtId, name: names[issue.districtId] ?? issue.districtId },
    },
    holder: {
      level: issue.level,
      ...(task ? { assignee: taskView(issue, task, unit).assignee } : {}),
      ...(task?.department ? { department: task.department } : {}),
      yours: unitHoldsCase(issue, unit),
    },
    task: task ? taskView(issue, task, unit) : undefined,
    pastTasks: pastTasks.map(({ nonce: _nonce, ...past }) => past),
    timeline: timeline.map((event) => eventView(issue, event, unit)),
    /** The workbench actions the supervisor's kind of unit may take at all (the page offers no others). */
    actions: workbenchActionsOf(unit),
    version: issue.version,
  };
}

/** Cases found by number or phone number, within the supervisor's unit only (newest first). */
export async function searchCases(
  deps: Pick<Deps, 'caseIndex' | 'keys'>,
  unit: WorkbenchUnit,
  query: { readonly caseNumber?: string | undefined; readonly phone?: string | undefined },
): Promise<Issue[]> {
  let found: Issue[] = [];
  if (query.caseNumber) {
    const issue = await deps.caseIndex.byNumber(query.caseNumber.trim().toUpperCase());
    found = issue ? [issue] : [];
  } else if (query.phone && normalizedPhone(query.phone).length > 0) {
    found = await deps.caseIndex.byContact(
      contactKeyOf(deps.keys.linkKey, query.phone),
      CONTACT_SEARCH_LIMIT,
    );
  }
  return (
    found
      // An entry outliving its case's contacts (dropped before the erasure, so only after a failed sweep) finds nothing.
      .filter((issue) => caseInUnit(issue, unit) && !issue.contactsErasedAt)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  );
}

/** One line of the list: what a supervisor scans for, the reporter's phone always masked (the case page shows more). */
export function caseSummary(issue: Issue) {
  return {
    id: issue.id,
    caseNumber: issue.caseNumber,
    category: issue.category,
    description: issue.description.slice(0, 120),
    address: 'address' in issue.location ? issue.location.address : undefined,
    gridId: issue.gridId,
    status: issue.status,
    level: issue.level,
    source: issue.source ?? 'web',
    overdue: issue.overdue,
    deferred: (issue.deferrals ?? 0) > 0,
    paused: issue.pause !== undefined,
    resolveDeadline: issue.resolveDeadline,
    createdAt: issue.createdAt,
    phone: issue.reporter?.phone ? maskPhone(issue.reporter.phone) : undefined,
    version: issue.version,
  };
}
