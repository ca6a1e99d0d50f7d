// The link page's co-handling (协办) parts: the lead's form naming departments, the co-handler's report form,
// and, on the lead's page, where each co-handler stands.
import { coHandlerStatus, MAX_CO_HANDLERS, runningCoHandling } from '#domain/co-handling.ts';
import type { Issue, Task, TaskAction } from '#domain/issue.ts';
import { escapeHtml } from './html.ts';
import type { Lang } from './lang.ts';
import { formatTime } from './scripts/time-text.ts';

const TEXT = {
  zh: {
    departments: '协办单位（部门编号，至少一个）',
    reason: '协办事项（必填，协办单位可见）',
    report: '协办情况（必填，主办单位可见）',
    title: '协办单位',
    waiting: '协办单位全部反馈或期限届满后，可在此页办结。',
    status: { reported: '已反馈', pending: '办理中', overdue: '已超期未反馈' },
  },
  en: {
    departments: 'Co-handling departments (ids, at least one)',
    reason: 'What they should do (required; they read it)',
    report: 'What your department did (required; the lead reads it)',
    title: 'Co-handling departments',
    waiting: 'Once every co-handler reported or its deadline passed, resolve the case on this page.',
    status: { reported: 'reported', pending: 'working on it', overdue: 'deadline passed, no report' },
  },
} as const;

/**
 * The fields of the lead's co-handling form or a co-handler's report form ('' for other actions).
 * `ownList` adds the department suggestions the page's script fills, when no transfer form brings them.
 */
export function coHandlingField(lang: Lang, action: TaskAction, ownList: boolean): string {
  const t = TEXT[lang];
  if (action === 'report') {
    return `<label for="report-note">${t.report}</label><textarea id="report-note" name="note" required maxlength="1000"></textarea>`;
  }
  if (action !== 'co_handle') return '';
  const inputs = Array.from(
    { length: MAX_CO_HANDLERS },
    (_, index) =>
      `<input id="co-handle-department-${index}" name="departmentIds" maxlength="64" list="department-options" autocomplete="off"${index === 0 ? ' required' : ''}>`,
  ).join('');
  const list = ownList ? '<datalist id="department-options"></datalist>' : '';
  return `<label for="co-handle-department-0">${t.departments}</label>${inputs}${list}<label for="co-handle-note">${t.reason}</label><textarea id="co-handle-note" name="note" required maxlength="1000"></textarea>`;
}

/** On the lead's page: each co-handler, whether it reported (and what), is still working, or let its deadline pass. */
export function coHandlersSection(lang: Lang, issue: Issue, task: Task, now: string): string {
  const coHandling = issue.coHandling;
  if (!coHandling || coHandling.leadSeq !== task.seq) return '';
  const t = TEXT[lang];
  const rows = coHandling.coHandlers.map((coHandler) => {
    const status = coHandlerStatus(coHandler, now);
    const report = coHandler.report ? `<br>${escapeHtml(coHandler.report.note)}` : '';
    return `<li data-status="${status}"><strong>${escapeHtml(coHandler.department.name)}</strong> · ${t.status[status]} · ${formatTime(coHandler.deadline, lang)}${report}</li>`;
  });
  const waiting = runningCoHandling(issue, task) ? `<p class="hint">${t.waiting}</p>` : '';
  return `<section id="co-handlers"><h2>${t.title}</h2><ul>${rows.join('')}</ul>${waiting}</section>`;
}
