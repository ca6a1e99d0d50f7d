import { allCategories } from '#domain/categories.ts';
import { OUTCOME_NAMES } from '#domain/outcomes.ts';
import { assetUrl } from './assets.ts';
import { layout } from './html.ts';
import { type Lang, LEVEL_TITLES, SOURCE_NAMES, switchHref } from './lang.ts';
import { signInForms } from './sign-in-forms.ts';

function scriptText(lang: Lang) {
  const zh = lang === 'zh';
  return {
    received: zh ? '受理' : 'Received',
    solvedOrAnswered: zh ? '解决或答复' : 'Solved or answered',
    headline: zh
      ? '近 30 天共受理 {received} 件，解决或答复 {solved} 件。'
      : 'Last 30 days: {received} received, {solved} solved or answered.',
    bySource: zh ? '近 30 天按来源' : 'By source, last 30 days',
    byOutcome: zh ? '近 30 天结案按办理结果' : 'Closed by outcome, last 30 days',
    sourceCol: zh ? '来源' : 'Source',
    outcomeCol: zh ? '办理结果' : 'Outcome',
    sources: SOURCE_NAMES[lang],
    outcomes: OUTCOME_NAMES[lang],
    closed: zh ? '结案' : 'Closed',
    closedOnTime: zh ? '按时办结' : 'Closed on time',
    overdue: zh ? '超期' : 'Overdue',
    reworked: zh ? '返工' : 'Rework',
    satisfaction: zh ? '满意率' : 'Satisfaction',
    unit: zh ? '单位' : 'Unit',
    children: zh ? '下级单位' : 'Units below',
    path: zh ? '层级导航' : 'Levels',
    chartTitle: zh ? '近 30 天受理与结案' : 'Received and closed, last 30 days',
    chartSummary: zh ? '共受理 {received} 件，结案 {closed} 件' : '{received} received, {closed} closed',
    watchTitle: zh ? '超期与督办案件' : 'Overdue and escalated cases',
    noneWatched: zh ? '暂无超期或督办案件。' : 'No overdue or escalated cases.',
    caseCol: zh ? '案件' : 'Case',
    gridCol: zh ? '网格' : 'Grid',
    levelCol: zh ? '层级' : 'Level',
    holderCol: zh ? '承办人' : 'Held by',
    deadlineCol: zh ? '时限' : 'Deadline',
    stateCol: zh ? '状态' : 'State',
    overdueBadge: zh ? '超期' : 'overdue',
    escalatedBadge: zh ? '督办' : 'escalated',
    badToken: zh ? '令牌无效或已过期，请重新输入。' : 'The token is not valid; enter it again.',
    failed: zh ? '加载失败，请稍后再试。' : 'Loading failed; try again later.',
    forbidden: zh ? '此令牌无权查看这个单位。' : 'This token may not see this unit.',
    codeSent: zh
      ? '如该人员已登记，验证码已发送（本机运行时在发件箱中）。'
      : 'If this person is registered, a code was sent (locally: to the outbox).',
    badCode: zh
      ? '验证码错误、已过期或已使用，请重新获取。'
      : 'The code is wrong, expired or used; ask for a new one.',
    monthlyReport: zh ? '上月月度报告（可打印）' : 'Last month’s report (printable)',
    levels: { ...LEVEL_TITLES[lang], department: zh ? '职能部门' : 'Department' },
    categories: Object.fromEntries(allCategories().map((c) => [c.code, zh ? c.name : c.nameEn])),
  };
}

/**
 * GET /dashboard: the supervisors' page. The shell is public; every figure comes from the authenticated
 * /dashboard/api routes with the token the supervisor enters (kept for this tab only). Where the server is its own
 * issuer (the local runtime), a one-time code form gets that token.
 */
export function dashboardPage(lang: Lang): string {
  const zh = lang === 'zh';
  const title = zh ? '网格治理看板' : 'Grid governance dashboard';
  const body = `${signInForms(lang, title)}
<div id="board" hidden aria-busy="true" aria-live="polite"></div>`;
  return layout({
    lang,
    title,
    body,
    script: assetUrl('dashboard.js'),
    data: { lang, t: scriptText(lang) },
    switchHref: switchHref('/dashboard', lang),
  });
}
