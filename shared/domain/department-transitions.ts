import { ActionNotAllowedError, IssueStateConflictError } from './errors.ts';
import type { DepartmentDesk } from './escalation.ts';
import type { Issue, NextStep, Task, TaskAction, TimelineEvent } from './issue.ts';
import type { Department } from './registry.ts';

/**
 * What a department's own task offers: sign for the case (签收) or resolve it, or return it (退回) to whoever
 * transferred it; its supervisor's supervision task (督办) keeps the case with the handler or takes it over.
 */
export function departmentActions(task: Pick<Task, 'kind'>): readonly TaskAction[] {
  if (task.kind === 'accept') return ['accept', 'return'];
  if (task.kind === 'resolve') return ['resolve', 'return', 'co_handle'];
  return ['keep', 'takeover'];
}

/** The department a task's timeline entries name, so the public reads the department, not its people. */
export function departmentNamed(task: { readonly department?: DepartmentDesk | undefined }) {
  return task.department ? { department: task.department.name } : {};
}

/** A case's change and its timeline entry: one conditional write carries both. */
interface Change {
  readonly changes: Partial<Issue>;
  readonly event: TimelineEvent;
}

/** A transfer decided on `task`, or a department's return of the case. */
export function transferOrReturn(
  issue: Issue,
  task: Task,
  decision: { action: TaskAction; department?: Pick<Department, 'id' | 'name'>; note?: string; now: string },
): Change {
  return decision.action === 'transfer'
    ? transferred(issue, task, decision.department, decision.note, decision.now)
    : returned(issue, task, decision.note, decision.now);
}

/**
 * A transfer (转派) decided on `task`: the case goes to `department`, which gets an accept task, while the
 * case's resolve deadline keeps running; the sender is remembered for a return.
 */
export function transferred(
  issue: Issue,
  task: Task,
  department: Pick<Department, 'id' | 'name'> | undefined,
  reason: string | undefined,
  at: string,
): Change {
  if (!department) throw new ActionNotAllowedError('transfer without a department', ['transfer']);
  if (!reason) throw new ActionNotAllowedError('transfer without a reason', ['transfer']);
  return {
    changes: {
      transfer: {
        department: { id: department.id, name: department.name },
        from: { assignee: task.assignee, level: task.level },
        at,
      },
      transfers: (issue.transfers ?? 0) + 1,
    },
    event: {
      at,
      type: 'transferred',
      level: task.level,
      by: task.assignee,
      to: department.id,
      department: department.name,
      note: reason,
    },
  };
}

/** A department's return (退回) of a case transferred to it: whoever sent it gets it back, with the reason. */
export function returned(issue: Issue, task: Task, reason: string | undefined, at: string): Change {
  const transfer = issue.transfer;
  if (!task.department || !transfer || transfer.returned) {
    throw new IssueStateConflictError(`Issue ${issue.id} was not transferred to this department`);
  }
  if (!reason) throw new ActionNotAllowedError('return without a reason', ['return']);
  return {
    changes: { transfer: { ...transfer, returned: true } },
    event: {
      at,
      type: 'returned',
      level: transfer.from.level,
      by: task.assignee,
      from: task.department.id,
      to: transfer.from.assignee.id,
      department: task.department.name,
      note: reason,
    },
  };
}

/**
 * The task that follows a transfer or a return: the department's on-duty handler signs for it, or the sender
 * gets a resolve task again.
 */
export function afterTransfer(issue: Issue, task: Task, after: string): NextStep | undefined {
  const transfer = issue.transfer;
  const action = task.decision?.action;
  if (!transfer || (action !== 'transfer' && action !== 'return')) return undefined;
  const seq = task.seq + 1;
  if (action === 'return') {
    const { assignee, level } = transfer.from;
    return { kind: 'offer', after, seq, task: 'resolve', level, assigneeId: assignee.id };
  }
  return {
    kind: 'offer',
    after,
    seq,
    task: 'accept',
    level: task.level,
    department: { ...transfer.department, rung: 'handler' },
  };
}
