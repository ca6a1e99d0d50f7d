import { categoryOf } from '#domain/categories.ts';
import type { Issue, Task, TaskAction } from '#domain/issue.ts';

const ACTION_LABELS: Record<TaskAction, string> = {
  accept: '接收',
  decline: '退回',
  resolve: '已办结',
  reassign: '改派到其他网格',
};
const LEVEL_NAMES = { grid: '网格', community: '社区', street: '街道', district: '区' } as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:36rem;padding:1rem;color:#1a1a1a}
h1{font-size:1.3rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{color:#555}
form{margin:1rem 0;padding:1rem;border:1px solid #ccc;border-radius:.5rem}label{display:block;margin-bottom:.5rem}
textarea,input{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}button{font:inherit;padding:.6rem 1.2rem;
margin-top:.5rem;border:0;border-radius:.4rem;background:#0b5cad;color:#fff}.note{color:#555}</style></head>
<body>${body}</body></html>`;
}

function actionForm(action: TaskAction): string {
  const field =
    action === 'decline'
      ? '<label>退回原因<textarea name="note" required maxlength="1000"></textarea></label>'
      : action === 'resolve'
        ? '<label>办理情况<textarea name="note" maxlength="1000"></textarea></label>'
        : action === 'reassign'
          ? '<label>改派到网格编号<input name="gridId" required maxlength="64"></label>'
          : '';
  return `<form method="post"><input type="hidden" name="action" value="${action}">${field}<button type="submit">${ACTION_LABELS[action]}</button></form>`;
}

/** The page behind an approval link: the case and one form per action. Showing it never acts. */
export function taskPage(issue: Issue, task: Task, actions: readonly TaskAction[]): string {
  const contact = issue.reporter
    ? `<dt>反映人</dt><dd>${escapeHtml([issue.reporter.name, issue.reporter.phone, issue.reporter.email].filter(Boolean).join('，'))}</dd>`
    : '';
  const deadline = new Date(task.deadline).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
  });
  return page(
    `${categoryOf(issue.category).name} · ${issue.id}`,
    `<h1>${escapeHtml(categoryOf(issue.category).name)}</h1>
<p>${escapeHtml(issue.description)}</p>
<dl><dt>案件编号</dt><dd>${issue.id}</dd><dt>层级</dt><dd>${LEVEL_NAMES[task.level]}</dd>
<dt>承办人</dt><dd>${escapeHtml(task.assignee.name)}</dd><dt>截止时间</dt><dd>${deadline}</dd>${contact}</dl>
${actions.map(actionForm).join('\n')}
<p class="note">此链接仅限本人使用，提交一次后失效。</p>`,
  );
}

/** The page after an action, or for a link that no longer works. */
export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
