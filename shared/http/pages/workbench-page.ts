import { allCategories } from '#domain/categories.ts';
import { DEFAULT_RATING_SCALE } from '#domain/rating-scale.ts';
import { assetUrl } from './assets.ts';
import { escapeHtml, layout } from './html.ts';
import { type Lang, LEVEL_TITLES, SOURCE_NAMES, STATUS_NAMES, switchHref } from './lang.ts';
import { signInForms } from './sign-in-forms.ts';
import { trackScriptText } from './track-page.ts';

/** The workbench's action forms: a module of their own, linked once its build entry exists. */
const ACTIONS_SCRIPT = 'workbench-actions.js';

// The residents' wording says "your rating"; a supervisor reads whose rating it awaits.
const statusNames = (lang: Lang) =>
  lang === 'zh' ? STATUS_NAMES.zh : { ...STATUS_NAMES.en, resolved: 'Resolved, awaiting the rating' };

function scriptText(lang: Lang) {
  const zh = lang === 'zh';
  const track = trackScriptText(lang, DEFAULT_RATING_SCALE);
  return {
    codeSent: zh
      ? '如该人员已登记，验证码已发送（本机运行时在发件箱中）。'
      : 'If this person is registered, a code was sent (locally: to the outbox).',
    badCode: zh
      ? '验证码错误、已过期或已使用，请重新获取。'
      : 'The code is wrong, expired or used; ask for a new one.',
    badToken: zh ? '令牌无效或已过期，请重新登录。' : 'The token is not valid; sign in again.',
    failed: zh ? '加载失败，请稍后再试。' : 'Loading failed; try again later.',
    badFilter: zh ? '筛选条件有误：{}' : 'A filter is not valid: {}',
    exportRunning: zh ? '正在生成导出文件……' : 'Preparing the export…',
    exportDone: zh ? '已导出 {} 件案件。' : '{} cases exported.',
    exportCut: zh
      ? '只导出了最新的 {} 件案件，请缩小筛选范围。'
      : 'Only the newest {} cases; narrow the filters.',
    exportFailed: zh ? '导出失败，请稍后再试。' : 'The export failed; try again later.',
    exportTimedOut: zh
      ? '导出尚未完成，请稍后重试或缩小筛选范围。'
      : 'The export is taking too long; try again later or narrow the filters.',
    notFound: zh ? '找不到这个案件，或它不在本单位范围内。' : 'No such case in your unit.',
    none: zh ? '没有符合条件的案件。' : 'No case matches.',
    caseCol: zh ? '案件' : 'Case',
    addressCol: zh ? '地址' : 'Address',
    phoneCol: zh ? '电话' : 'Phone',
    statusCol: zh ? '状态' : 'Status',
    levelCol: zh ? '层级' : 'Level',
    createdCol: zh ? '受理时间' : 'Received',
    overdue: zh ? '超期' : 'overdue',
    deferred: zh ? '延期' : 'deferred',
    paused: zh ? '挂起' : 'paused',
    back: zh ? '返回列表' : 'Back to the list',
    categoryCol: zh ? '类别' : 'Category',
    sourceCol: zh ? '来源' : 'Source',
    reporter: zh ? '反映人' : 'Reporter',
    masked: zh ? '（已隐去部分号码）' : '(partly hidden)',
    units: zh ? '所属' : 'Belongs to',
    heldBy: zh ? '当前承办' : 'Held by',
    yours: zh ? '（本单位承办）' : '(held by your unit)',
    task: zh ? '当前任务' : 'Open task',
    pastTasks: zh ? '以往任务' : 'Past tasks',
    timeline: zh ? '办理经过' : 'Timeline',
    deadline: zh ? '时限' : 'Deadline',
    resolveBy: zh ? '办结时限' : 'Resolve by',
    taskKinds: zh
      ? { accept: '待接收', resolve: '办理', supervise: '督办' }
      : { accept: 'to accept', resolve: 'to resolve', supervise: 'supervision' },
    taskStatuses: zh
      ? { open: '进行中', used: '已处理', revoked: '已撤回', expired: '已超时' }
      : { open: 'open', used: 'done', revoked: 'withdrawn', expired: 'expired' },
    statuses: statusNames(lang),
    sources: SOURCE_NAMES[lang],
    levelTitles: LEVEL_TITLES[lang],
    categories: Object.fromEntries(allCategories().map((c) => [c.code, zh ? c.name : c.nameEn])),
    // The timeline says each event as the tracking page does.
    events: track.events,
    roles: track.roles,
    levels: track.levels,
    scores: track.scores,
    outcomes: track.outcomes,
    colon: track.colon,
    left: track.left,
    late: track.late,
  };
}

const options = (entries: Readonly<Record<string, string>>) =>
  Object.entries(entries)
    .map(([value, name]) => `<option value="${escapeHtml(value)}">${escapeHtml(name)}</option>`)
    .join('');

function filterForm(lang: Lang): string {
  const zh = lang === 'zh';
  const any = `<option value="">${zh ? '全部' : 'Any'}</option>`;
  const select = (id: string, label: string, entries: Readonly<Record<string, string>>) =>
    `<div><label for="f-${id}">${label}</label><select id="f-${id}" name="${id}">${any}${options(entries)}</select></div>`;
  const yesNo = zh ? { true: '是', false: '否' } : { true: 'Yes', false: 'No' };
  const categories = Object.fromEntries(allCategories().map((c) => [c.code, zh ? c.name : c.nameEn]));
  return `<form id="filters" class="filters" novalidate>
<div class="wide"><label for="f-q">${zh ? '搜索（案件编号、电话或地址）' : 'Search (case number, phone or address)'}</label>
<input id="f-q" name="q" type="search" autocomplete="off"></div>
${select('status', zh ? '状态' : 'Status', statusNames(lang))}
${select('level', zh ? '层级' : 'Level', LEVEL_TITLES[lang])}
${select('category', zh ? '类别' : 'Category', categories)}
${select('source', zh ? '来源' : 'Source', SOURCE_NAMES[lang])}
${select('overdue', zh ? '超期' : 'Overdue', yesNo)}
${select('deferred', zh ? '延期' : 'Deferred', yesNo)}
${select('paused', zh ? '挂起' : 'Paused', yesNo)}
<div><label for="f-from">${zh ? '受理日期自' : 'Received from'}</label><input id="f-from" name="from" type="date"></div>
<div><label for="f-to">${zh ? '至' : 'to'}</label><input id="f-to" name="to" type="date"></div>
<div class="wide"><button type="submit">${zh ? '查询' : 'Search'}</button>
<button type="button" id="export" class="secondary">${zh ? '导出 CSV' : 'Export CSV'}</button></div>
<p class="error wide" id="filter-error" role="alert"></p>
<p class="hint wide" id="export-status" role="status" aria-live="polite"></p></form>`;
}

// The list's grid of filters widens with the screen; a table scrolls sideways on a phone.
const STYLE = `<style>main,header{max-width:72rem}.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));
gap:0 .75rem}.filters .wide{grid-column:1/-1}.filters button{margin-right:.5rem}</style>`;

/**
 * GET /workbench: the supervisors' workbench. The shell is public; the case list, the case page and the export
 * come from the authenticated /workbench/api routes with the token of the supervisor who signed in.
 */
export function workbenchPage(lang: Lang): string {
  const zh = lang === 'zh';
  const title = zh ? '网格治理工作台' : 'Grid governance workbench';
  // The action forms are a module of their own: they render into #case-actions on each `workbench:case`.
  const actions = `<script type="module" src="${escapeHtml(assetUrl(ACTIONS_SCRIPT))}"></script>`;
  const body = `${STYLE}${signInForms(lang, title)}
<section id="list" hidden aria-labelledby="list-title"><h1 id="list-title">${escapeHtml(title)}</h1>
<p id="unit" class="hint"></p>${filterForm(lang)}
<div id="results" aria-live="polite"></div>
<button type="button" id="more" class="secondary" hidden>${zh ? '加载更多' : 'Load more'}</button></section>
<section id="case" hidden aria-live="polite"></section>${actions}`;
  return layout({
    lang,
    title,
    body,
    script: assetUrl('workbench.js'),
    data: { lang, t: scriptText(lang) },
    switchHref: switchHref('/workbench', lang),
  });
}
