import { categoryOf } from '#domain/categories.ts';
import type { ChangeRequest } from '#domain/change-requests.ts';
import type { Issue, Task, TaskAction } from '#domain/issue.ts';
import { CASE_OUTCOMES, OUTCOME_NAMES } from '#domain/outcomes.ts';
import type { PublicIssueView } from '#domain/public-view.ts';
import type { PhotoView } from '#use-cases/photos.ts';
import { assetUrl } from './assets.ts';
import { coHandlersSection, coHandlingField } from './co-handling-section.ts';
import { escapeHtml, layout } from './html.ts';
import { type Lang, LEVEL_NAMES, LEVEL_TITLES, langQuery, STATUS_NAMES } from './lang.ts';
import { photoGallery } from './photo-gallery.ts';
import { photoScriptText, workPhotoForm } from './photo-text.ts';
import { formatTime, timeLeft } from './scripts/time-text.ts';

const TEXT = {
  zh: {
    actions: {
      accept: '接收',
      decline: '退回',
      resolve: '已办结',
      reassign: '改派',
      keep: '督办原承办人',
      takeover: '本级接手',
      defer: '申请延期',
      pause: '申请挂起',
      resume: '恢复办理',
      approve: '批准',
      refuse: '不予批准',
      hand_back: '退回12345热线',
      appeal: '对差评申诉',
      transfer: '转派',
      return: '退回转派人',
      co_handle: '发起协办',
      report: '反馈协办情况',
      merge: '并案',
    },
    // An appeal's approver decides on the accountable unit's case, not on a request for time: 申诉复核 wording.
    appealDecision: {
      approve: '支持申诉',
      refuse: '驳回申诉',
    },
    transferTo: '转派至职能部门（编号）',
    transferReason: '转派理由（必填）',
    returnReason: '退回理由（必填）',
    reason: '理由',
    until: '日期',
    declineReason: '退回原因（必填）',
    resolveNote: '办理情况或说明（结果不是“已解决”时必填，反映人可见）',
    outcome: '办理结果',
    reassignTo: '改派到网格（编号）',
    caseId: '案件编号',
    declineOpen: '退回…',
    handBackReason: '退单原因（必填，热线平台可见）',
    handBackOpen: '退单…',
    done: { accept: '已接收。办完后请在此页反馈办结（也会收到短信链接）。' },
    level: '层级',
    holder: '承办人',
    deadline: '办理时限',
    reporter: '反映人',
    anonymous: '匿名',
    afterAccept: '接收后可见',
    kind: { accept: '请接收或退回', resolve: '办结后请反馈', supervise: '已超办结期限，请督办' },
    once: '此链接仅限本人使用，提交一次后失效。',
    progress: '查看办理经过',
    left: '剩余 {}',
    late: '已超期 {}',
    gone: '此链接已不能使用',
    used: '此链接已经使用过。',
    expired: '此任务已超过时限，已转交上一级。',
    revoked: '此任务已转交他人，链接已作废。',
    heldBy: '目前由{level}的 {name} 承办。',
    resolvedNow: '案件已办结，正在等待反映人评价。',
    closedNow: '案件已结案。',
  },
  en: {
    actions: {
      accept: 'Accept',
      decline: 'Decline',
      resolve: 'Mark resolved',
      reassign: 'Reassign',
      keep: 'Keep with holder',
      takeover: 'Take over',
      defer: 'Ask for more time',
      pause: 'Ask for a pause',
      resume: 'Resume',
      approve: 'Approve',
      refuse: 'Refuse',
      hand_back: 'Return to the hotline',
      appeal: 'Appeal the rating',
      transfer: 'Transfer',
      return: 'Return to sender',
      co_handle: 'Ask departments to co-handle',
      report: 'Report to the lead',
      merge: 'Merge',
    },
    appealDecision: {
      approve: 'Uphold the appeal',
      refuse: 'Reject the appeal',
    },
    transferTo: 'Transfer to department (id)',
    transferReason: 'Reason for the transfer (required)',
    returnReason: 'Reason for returning (required)',
    reason: 'Reason',
    until: 'Date',
    declineReason: 'Reason for declining (required)',
    resolveNote: 'What was done, or why (required unless solved; the resident reads it)',
    outcome: 'Outcome',
    reassignTo: 'Reassign to grid (id)',
    caseId: 'Case number',
    declineOpen: 'Decline…',
    handBackReason: 'Why it is not ours (required; the hotline sees it)',
    handBackOpen: 'Return to the hotline…',
    done: {
      accept: 'Accepted. Report the result on this page once done (a message with the link follows too).',
    },
    level: 'Handled at',
    holder: 'Held by',
    deadline: 'Deadline',
    reporter: 'Resident',
    anonymous: 'anonymous',
    afterAccept: 'shown once you accept',
    kind: {
      accept: 'Accept or decline',
      resolve: 'Report back when resolved',
      supervise: 'Past its resolve deadline: supervise',
    },
    once: 'This link is for you alone and works once.',
    progress: 'See the case history',
    left: '{} left',
    late: 'overdue by {}',
    gone: 'This link no longer works',
    used: 'This link has already been used.',
    expired: 'The deadline of this task passed; the case went up one level.',
    revoked: 'The task moved on to someone else; this link was revoked.',
    heldBy: 'It is now held by {name} ({level}).',
    resolvedNow: 'The case is resolved and waits for the resident’s rating.',
    closedNow: 'The case is closed.',
  },
} as const;

type Text = (typeof TEXT)[Lang];

/** The resolve form's fields: the outcome (solved unless chosen otherwise) and the note the resident reads. */
function resolveFields(t: Text, lang: Lang): string {
  const options = CASE_OUTCOMES.options
    .map((outcome) => `<option value="${outcome}">${OUTCOME_NAMES[lang][outcome]}</option>`)
    .join('');
  return `<label for="resolve-outcome">${t.outcome}</label><select id="resolve-outcome" name="outcome">${options}</select><label for="resolve-note">${t.resolveNote}</label><textarea id="resolve-note" name="note" maxlength="1000"></textarea>`;
}

/** A button's words: on an appeal's approval link, approving upholds the appeal and refusing rejects it. */
function actionLabel(t: Text, action: TaskAction, request: ChangeRequest | undefined): string {
  if (request?.kind === 'appeal' && (action === 'approve' || action === 'refuse'))
    return t.appealDecision[action];
  return t.actions[action];
}

function actionForm(
  t: Text,
  lang: Lang,
  action: TaskAction,
  target: string,
  request: ChangeRequest | undefined,
  ownList = false,
): string {
  const appeal = request?.kind === 'appeal';
  const field =
    action === 'decline' || action === 'hand_back'
      ? `<label for="${action}-note">${action === 'decline' ? t.declineReason : t.handBackReason}</label><textarea id="${action}-note" name="note" required maxlength="1000"></textarea>`
      : action === 'resolve'
        ? resolveFields(t, lang)
        : action === 'reassign'
          ? `<label for="reassign-grid">${t.reassignTo}</label><input id="reassign-grid" name="gridId" required maxlength="64" list="grid-options" autocomplete="off"><datalist id="grid-options"></datalist>`
          : action === 'defer' || action === 'pause' || (action === 'approve' && !appeal)
            ? `<label for="${action}-until">${t.until}</label><input id="${action}-until" name="until" type="date"${action === 'approve' ? '' : ' required'}><label for="${action}-note">${t.reason}</label><textarea id="${action}-note" name="note"${action === 'approve' ? '' : ' required'} maxlength="1000"></textarea>`
            : action === 'refuse' || action === 'approve'
              ? `<label for="${action}-note">${t.reason}</label><textarea id="${action}-note" name="note" maxlength="1000"></textarea>`
              : action === 'appeal'
                ? `<label for="appeal-note">${t.reason}</label><textarea id="appeal-note" name="note" required maxlength="1000"></textarea>`
                : transferField(t, action) || coHandlingField(lang, action, ownList);
  const folded = action === 'decline' || action === 'hand_back';
  const style =
    folded || action === 'return' ? ' class="danger"' : action === 'reassign' ? ' class="secondary"' : '';
  const form = `<form class="${field ? 'full' : 'inline'}" method="post" action="${escapeHtml(target)}"><input type="hidden" name="action" value="${action}">${field}<button type="submit"${style}>${actionLabel(t, action, request)}</button></form>`;
  // Folded until asked for: on a small screen the accept button and the way to decline then both show at once,
  // and a reason box cannot be mistaken for part of accepting.
  return folded
    ? `<details class="decline"><summary class="button danger">${action === 'decline' ? t.declineOpen : t.handBackOpen}</summary>${form}</details>`
    : form;
}

/** The transfer form's department and reason; a department's return asks for its reason. */
function transferField(t: Text, action: TaskAction): string {
  if (action === 'transfer') {
    return `<label for="transfer-department">${t.transferTo}</label><input id="transfer-department" name="departmentId" required maxlength="64" list="department-options" autocomplete="off"><datalist id="department-options"></datalist><label for="transfer-note">${t.transferReason}</label><textarea id="transfer-note" name="note" required maxlength="1000"></textarea>`;
  }
  if (action === 'return') {
    return `<label for="return-note">${t.returnReason}</label><textarea id="return-note" name="note" required maxlength="1000"></textarea>`;
  }
  return '';
}

/** What the holder asked for, on the approver's link. */
function requestOf(t: Text, lang: Lang, request: ChangeRequest): string {
  return `<dt>${t.actions[request.kind]}</dt><dd>${escapeHtml(request.by.name)}${request.until ? `: ${formatTime(request.until, lang)}` : ''}<br>${escapeHtml(request.reason)}</dd>`;
}

function contactOf(t: Text, issue: Issue, task: Task): string {
  const reporter = issue.reporter;
  if (!reporter) {
    const hidden = task.kind === 'accept' && !issue.anonymous;
    return `<dt>${t.reporter}</dt><dd>${hidden ? t.afterAccept : t.anonymous}</dd>`;
  }
  const parts = [
    reporter.name ? escapeHtml(reporter.name) : '',
    reporter.phone
      ? `<a href="tel:${escapeHtml(reporter.phone.replace(/[ -]/g, ''))}">${escapeHtml(reporter.phone)}</a>`
      : '',
    reporter.email ? `<a href="mailto:${escapeHtml(reporter.email)}">${escapeHtml(reporter.email)}</a>` : '',
  ].filter(Boolean);
  return `<dt>${t.reporter}</dt><dd>${parts.join('<br>')}</dd>`;
}

export interface TaskPageInput {
  readonly issue: Issue;
  readonly task: Task;
  readonly actions: readonly TaskAction[];
  /** On an approval link: the deferral or pause asked for. */
  readonly request?: ChangeRequest | undefined;
  readonly now: string;
  /** The link's own path: where the forms post, and the language switch. */
  readonly path: string;
  /** The action just taken on the task before this one, said at the top (the page that follows an acceptance). */
  readonly done?: 'accept' | undefined;
  readonly photos?: readonly PhotoView[];
}

/**
 * The page behind an approval link: the case, one form per action, and the resident's contact when the
 * use-case passed it on (after acceptance); otherwise a note that it comes with acceptance.
 */
export function taskPage(lang: Lang, input: TaskPageInput): string {
  const t = TEXT[lang];
  const { issue, task } = input;
  const category = categoryOf(issue.category);
  const categoryName = lang === 'zh' ? category.name : category.nameEn;
  const late = input.now >= task.deadline;
  const done = input.done ? `<p class="alert ok" role="status">${t.done[input.done]}</p>` : '';
  const target = `${input.path}${langQuery(lang)}`;
  const body = `${done}<h1>${escapeHtml(categoryName)}</h1><p><span class="badge">${t.kind[task.kind]}</span></p>
<p>${escapeHtml(issue.description)}</p>
<div class="actions">${input.actions.map((action) => actionForm(t, lang, action, target, input.request, !input.actions.includes('transfer'))).join('\n')}</div>
${coHandlersSection(lang, issue, task, input.now)}
<dl><dt>${t.caseId}</dt><dd>${escapeHtml(issue.caseNumber ?? issue.id)}</dd><dt>${t.level}</dt><dd>${task.department ? escapeHtml(task.department.name) : LEVEL_TITLES[lang][task.level]}</dd>
<dt>${t.holder}</dt><dd>${escapeHtml(task.assignee.name)}</dd>
<dt>${t.deadline}</dt><dd>${formatTime(task.deadline, lang)}<br><span id="time-left" class="badge${late ? ' late' : ''}" data-deadline="${escapeHtml(task.deadline)}">${timeLeft(t, lang, task.deadline, input.now)}</span></dd>
${input.request ? requestOf(t, lang, input.request) : contactOf(t, issue, task)}</dl>
${photoGallery(lang, input.photos ?? [])}${task.kind === 'resolve' ? workPhotoForm(lang) : ''}
<p class="hint">${t.once}</p><p><a href="/track/${escapeHtml(encodeURIComponent(issue.id))}${langQuery(lang)}">${t.progress}</a></p>`;
  return layout({
    lang,
    title: `${categoryName} · ${issue.caseNumber ?? issue.id}`,
    body,
    script: assetUrl('task.js'),
    data: { lang, t: { left: t.left, late: t.late }, photos: photoScriptText(lang) },
    switchHref: lang === 'zh' ? `${input.path}?lang=en` : input.path,
  });
}

/** Why a link stopped working, and where the case is now. */
export function goneLinkPage(
  lang: Lang,
  reason: 'used' | 'expired' | 'revoked',
  issue: PublicIssueView | undefined,
): string {
  const t = TEXT[lang];
  let now = '';
  if (issue?.assignee) {
    now = t.heldBy
      .replace('{name}', escapeHtml(issue.assignee.name))
      .replace('{level}', LEVEL_NAMES[lang][issue.level]);
  } else if (issue?.status === 'resolved') now = t.resolvedNow;
  else if (issue?.status === 'closed') now = t.closedNow;
  else if (issue) now = STATUS_NAMES[lang][issue.status];
  const progress = issue
    ? `<p><a href="/track/${escapeHtml(encodeURIComponent(issue.id))}${langQuery(lang)}">${t.progress}</a></p>`
    : '';
  return layout({
    lang,
    title: t.gone,
    body: `<h1>${t.gone}</h1><p>${t[reason]}</p>${now ? `<p>${now}</p>` : ''}${progress}`,
  });
}

/** A short page with a title and one message: after an action, or for a link that does not exist. */
export function messagePage(title: string, message: string, lang: Lang = 'zh'): string {
  return layout({ lang, title, body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` });
}
