import { termsOf } from '#domain/case-deadlines.ts';
import { categoryOf } from '#domain/categories.ts';
import {
  askCoHandling,
  type CoHandler,
  type CoHandlerOffer,
  coHandlerOf,
  coHandlerSettled,
  MAX_CO_HANDLERS,
  reportCoHandling,
  runningCoHandling,
} from '#domain/co-handling.ts';
import {
  ActionNotAllowedError,
  ConcurrentUpdateError,
  DepartmentNotFoundError,
  WorkflowUnavailableError,
} from '#domain/errors.ts';
import type { Issue, Task } from '#domain/issue.ts';
import { linkToken, newNonce } from '#domain/links.ts';
import { quotedResidentText } from '#domain/plain-text.ts';
import { allowedActions, requireOpenTask } from '#domain/task-transitions.ts';
import { deadlineAfter, timeBetween, type WorkCalendar } from '#domain/working-time.ts';
import type { Notification } from '#ports';
import type { Deps } from './deps.ts';
import { findLinkedIssue } from './find-linked-issue.ts';
import { pickAssignee } from './pick-assignee.ts';

type CoDeps = Pick<Deps, 'issues' | 'keys' | 'clock' | 'registry' | 'calendars' | 'stats' | 'taskCompleter'>;

const MAX_ATTEMPTS = 3;

/**
 * A co-handler gets half the time the lead has left on its task, on the case's clock: the lead keeps the other
 * half to resolve with their reports (or without those whose deadline passed). Never less than the category's
 * accept term, so a lead whose own deadline is (nearly) gone still gives co-handlers a working chance.
 */
export function coHandlerDeadline(issue: Issue, task: Task, now: Date, calendar: WorkCalendar): string {
  const terms = termsOf(issue);
  const left = timeBetween(now, new Date(task.deadline), terms.timeBasis, calendar);
  const half = deadlineAfter(now, `PT${Math.max(1, Math.floor(left / 2000))}S`, terms.timeBasis, calendar);
  const floor = deadlineAfter(now, terms.accept, terms.timeBasis, calendar);
  return new Date(Math.max(half.getTime(), floor.getTime())).toISOString();
}

/**
 * The lead names co-handling departments (协办): every department is checked (it exists, it is not the lead's
 * own, it is named once) before anything is written; then one conditional write opens every co-handler's
 * task, and the workflow is woken to run their waits side by side.
 */
export async function askCoHandlers(
  deps: CoDeps,
  token: string,
  request: { departmentIds?: readonly string[] | undefined; note?: string | undefined },
): Promise<Issue> {
  const ids = request.departmentIds ?? [];
  if (ids.length === 0 || ids.length > MAX_CO_HANDLERS) {
    throw new DepartmentNotFoundError('', 'departmentIds', `Name 1 to ${MAX_CO_HANDLERS} departments`);
  }
  let { stored, seq } = await findLinkedIssue(deps, token);
  const lead = requireCoHandleOffered(
    stored.issue,
    requireOpenTask(stored.issue, seq, deps.clock.now().toISOString()),
  );
  const offers: CoHandlerOffer[] = [];
  for (const [index, id] of ids.entries()) {
    const department = await deps.registry.getDepartment(id);
    const field = `departmentIds.${index}`;
    if (!department) throw new DepartmentNotFoundError(id, field);
    if (department.id === lead.department?.id || ids.indexOf(id) !== index) {
      throw new DepartmentNotFoundError(id, field, `${id} leads the case or is named twice`);
    }
    const desk = { id: department.id, name: department.name, rung: 'handler' as const };
    const { assignee } = await pickAssignee(deps, stored.issue, lead.level, undefined, desk);
    offers.push({ department, assignee, nonce: newNonce() });
  }
  const calendar = await deps.calendars.calendar();
  for (let attempt = 1; ; attempt++) {
    const now = deps.clock.now();
    const task = requireOpenTask(stored.issue, seq, now.toISOString());
    requireCoHandleOffered(stored.issue, task);
    const asked = askCoHandling(stored.issue, task, {
      offers,
      note: request.note ?? '',
      deadline: coHandlerDeadline(stored.issue, task, now, calendar),
      now: now.toISOString(),
    });
    try {
      const saved = await deps.issues.save(asked, stored.issue.version);
      await wake(deps, saved.workflowToken, { action: 'co_handle' });
      return saved.issue;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= MAX_ATTEMPTS) throw error;
      ({ stored, seq } = await findLinkedIssue(deps, token));
    }
  }
}

/**
 * A co-handler's report (协办反馈) in one conditional write; of two co-handlers reporting at once, the loser
 * re-reads and writes its report over the winner's, never instead of it. Its wait in the workflow is woken
 * with the token the wait stored (absent while the wait is starting: it then finds the report itself).
 */
export async function reportAsCoHandler(deps: CoDeps, token: string, note: string): Promise<Issue> {
  let { stored, seq } = await findLinkedIssue(deps, token);
  for (let attempt = 1; ; attempt++) {
    const reported = reportCoHandling(stored.issue, seq, note, deps.clock.now().toISOString());
    try {
      const saved = await deps.issues.save(reported, stored.issue.version);
      await wake(deps, saved.coHandlerTokens?.[seq], { reported: true });
      return saved.issue;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= MAX_ATTEMPTS * 2) throw error;
      ({ stored, seq } = await findLinkedIssue(deps, token));
    }
  }
}

/**
 * The workflow's wait for one co-handler (an iteration of the co-handling Map): stores its token, then sends
 * the link, or wakes the wait at once when the co-handler reported, its deadline passed, or the lead's task
 * moved on. Run again after a restart, it swaps the token and sends the same link again.
 */
export async function runAwaitCoHandler(
  deps: CoDeps & Pick<Deps, 'notifier' | 'publicUrl'>,
  request: { issueId: string; seq: number; taskToken: string },
): Promise<void> {
  const stored = await deps.issues.setWorkflowToken(request.issueId, request.taskToken, request.seq);
  const issue = stored.issue;
  const coHandler = coHandlerOf(issue, request.seq);
  const now = deps.clock.now().toISOString();
  const running = issue.task && runningCoHandling(issue, issue.task);
  if (!coHandler || !running || coHandlerSettled(coHandler, now)) {
    await deps.taskCompleter.complete(request.taskToken, { settled: true });
    return;
  }
  await deps.notifier.send(coHandlerMessage(deps, issue, coHandler));
}

/** The message that asks a co-handling department to do its part and report, with its own link. */
export function coHandlerMessage(
  deps: Pick<Deps, 'keys' | 'publicUrl'>,
  issue: Issue,
  coHandler: CoHandler,
): Notification {
  const lead = issue.task?.department?.name ?? issue.coHandling?.by.name ?? '';
  const due = new Date(coHandler.deadline).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
  });
  return {
    id: `${issue.id}:co-handle:${coHandler.seq}`,
    to: coHandler.assignee.id,
    subject: `【协办】${categoryOf(issue.category).name}（${coHandler.department.name}）`,
    text: `${coHandler.assignee.name}，案件 ${issue.caseNumber ?? issue.id} 由${lead}主办，请协办并反馈：${quotedResidentText(issue.description, 40)}。截止时间 ${due}。`,
    link: `${deps.publicUrl}/tasks/${linkToken(deps.keys.linkKey, issue.id, coHandler.seq, coHandler.nonce)}`,
  };
}

async function wake(deps: Pick<Deps, 'taskCompleter'>, token: string | undefined, output: object) {
  if (!token) return;
  try {
    await deps.taskCompleter.complete(token, output);
  } catch (error) {
    throw new WorkflowUnavailableError(error);
  }
}

function requireCoHandleOffered(issue: Issue, task: Task): Task {
  const allowed = allowedActions(task, issue);
  if (!allowed.includes('co_handle')) throw new ActionNotAllowedError('co_handle', allowed);
  return task;
}
