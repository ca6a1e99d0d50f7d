import { caseInUnit } from './contact.ts';
import { IssueStateConflictError } from './errors.ts';
import type { Assignee, Issue, Task } from './issue.ts';
import type { Department } from './registry.ts';
import { decideTask } from './task-transitions.ts';
import { holderOf, keepWithHolder, openTaskOf, type WorkbenchDecision } from './workbench-actions.ts';

/** A department's supervisor signed in at the workbench, as the registry lists them now. */
export interface DepartmentSupervisor {
  readonly assignee: Assignee;
  readonly department: Pick<Department, 'id' | 'name'>;
}

/** Whether the case is one the department's list shows: its latest transfer went to the department. */
export function withinDepartment(issue: Issue, supervisor: DepartmentSupervisor): boolean {
  return caseInUnit(issue, { scope: 'department', id: supervisor.department.id });
}

/**
 * The case's open task at one of the department's desks (handler or supervisor), or a 409: a case the department
 * returned, or that climbed past it to the district, is no longer the department's to act on.
 */
function departmentTaskOf(issue: Issue, supervisor: DepartmentSupervisor, now: string): Task {
  const task = openTaskOf(issue, now);
  if (task.department?.id !== supervisor.department.id) {
    throw new IssueStateConflictError(
      `${supervisor.department.name} no longer holds the case; its list keeps it for reference.`,
    );
  }
  if (task.kind === 'resolve' && task.department.rung === 'supervisor') {
    throw new IssueStateConflictError('Your desk holds the case already: resolve or return it on its link.');
  }
  return task;
}

/**
 * The open task as the department supervisor's own supervision task (督办) at their desk, about the handler:
 * the transitions of a department's supervision link (keep, take over) then apply as they would to that link.
 */
function asDepartmentSupervisor(issue: Issue, task: Task, supervisor: DepartmentSupervisor): Issue {
  const standIn: Task = {
    ...task,
    kind: 'supervise',
    assignee: supervisor.assignee,
    department: { ...supervisor.department, rung: 'supervisor' },
    holder: holderOf(task),
  };
  return { ...issue, task: standIn };
}

/** 督办 inside a department: its handler keeps the case under the supervisor's note and deadline. */
export function superviseForDepartment(
  issue: Issue,
  supervisor: DepartmentSupervisor,
  decision: WorkbenchDecision & { readonly until: string },
): Issue {
  const task = departmentTaskOf(issue, supervisor, decision.now);
  if (task.kind === 'accept') {
    throw new IssueStateConflictError('Nobody in the department has signed for the case yet: take it over.');
  }
  return keepWithHolder(asDepartmentSupervisor(issue, task, supervisor), task.seq, decision);
}

/** The department's supervisor takes the case from its handler: a resolve task at the supervisor's desk. */
export function takeOverForDepartment(
  issue: Issue,
  supervisor: DepartmentSupervisor,
  decision: WorkbenchDecision,
): Issue {
  const task = departmentTaskOf(issue, supervisor, decision.now);
  return decideTask(asDepartmentSupervisor(issue, task, supervisor), {
    seq: task.seq,
    action: 'takeover',
    note: decision.note,
    now: decision.now,
  });
}
