import { allCategories } from '#domain/categories.ts';
import { assetUrl } from './assets.ts';
import { escapeHtml, layout } from './html.ts';
import { type Lang, LEVEL_TITLES } from './lang.ts';

function scriptText(lang: Lang) {
  const zh = lang === 'zh';
  return {
    title: zh ? '{unit} {month} 月度报告' : '{unit}: monthly report, {month}',
    asOf: zh ? '数据截至 {time}' : 'Figures as of {time}',
    received: zh ? '受理' : 'Received',
    closed: zh ? '结案' : 'Closed',
    solvedOrAnswered: zh ? '解决或答复' : 'Solved or answered',
    chartTitle: zh ? '每日受理与结案' : 'Received and closed per day',
    chartSummary: zh ? '本月共受理 {received} 件，结案 {closed} 件' : '{received} received, {closed} closed',
    ratesTitle: zh ? '公开指标（与上月比较）' : 'Published rates, with the month before',
    rateCol: zh ? '指标' : 'Rate',
    thisMonth: zh ? '本月' : 'This month',
    lastMonth: zh ? '上月（{month}）' : 'Month before ({month})',
    change: zh ? '变化' : 'Change',
    rates: {
      onTimeRate: zh ? '按期办结率' : 'Closed on time',
      satisfactionRate: zh ? '满意率' : 'Satisfaction',
      reworkRate: zh ? '返工率' : 'Rework',
      deferralRate: zh ? '延期率' : 'Deferral',
    },
    rankingTitle: zh ? '下级单位排名' : 'Units one level down, ranked',
    rankCol: zh ? '排名' : 'Rank',
    unitCol: zh ? '单位' : 'Unit',
    slowestTitle: zh ? '本月办理用时最长的十件案件' : 'The ten slowest cases closed this month',
    noneSlow: zh ? '本月没有结案的案件。' : 'No case was closed this month.',
    caseCol: zh ? '案件编号' : 'Case',
    categoryCol: zh ? '类别' : 'Category',
    gridCol: zh ? '网格' : 'Grid',
    takenCol: zh ? '办理用时' : 'Time taken',
    hours: zh ? '{h} 小时' : '{h} h',
    signIn: zh ? '请先在看板登录，再打开月报。' : 'Sign in on the dashboard first, then open the report.',
    forbidden: zh ? '您无权查看这个单位的月报。' : 'You may not see this unit’s report.',
    failed: zh ? '加载失败，请稍后再试。' : 'Loading failed; try again later.',
    levels: { ...LEVEL_TITLES[lang], department: zh ? '职能部门' : 'Department' },
    categories: Object.fromEntries(allCategories().map((c) => [c.code, zh ? c.name : c.nameEn])),
  };
}

// A4 portrait: the header, the controls and the language switch stay on screen; cards and rows never split.
const PRINT_STYLE = `<style>@page{size:A4;margin:14mm}main{max-width:60rem}
@media print{body>header,.no-print{display:none!important}main{max-width:none;padding:0}
h1{font-size:16pt}h2{font-size:12pt;break-after:avoid}.card,tr,svg{break-inside:avoid}
a{color:inherit;text-decoration:none}.scroll{overflow:visible}.scroll th,.scroll td{white-space:normal}}</style>`;

const UNIT = /^(district|street|community|grid|department):[\w.-]{1,64}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The query the report page keeps across the language switch, when well formed. */
function carried(query: Readonly<Record<string, string | undefined>>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.unit && UNIT.test(query.unit)) params.set('unit', query.unit);
  if (query.month && MONTH.test(query.month)) params.set('month', query.month);
  return params;
}

/**
 * GET /dashboard/report?month=yyyy-mm&unit=<scope>:<id>: the printable monthly report. The shell is public, like
 * the dashboard's; its figures come from /dashboard/api/report with the token the dashboard's sign-in left in
 * this tab.
 */
export function reportPage(lang: Lang, query: Readonly<Record<string, string | undefined>>): string {
  const zh = lang === 'zh';
  const title = zh ? '月度报告' : 'Monthly report';
  const params = carried(query);
  const other = new URLSearchParams(params);
  if (zh) other.set('lang', 'en');
  const body = `${PRINT_STYLE}<form id="controls" class="no-print" novalidate>
<label for="month">${zh ? '月份' : 'Month'}</label><input id="month" name="month" type="month">
<button type="submit">${zh ? '查看' : 'Show'}</button> <button type="button" id="print" class="secondary">${zh ? '打印 / 另存为 PDF' : 'Print / save as PDF'}</button>
<p><a href="/dashboard${zh ? '' : '?lang=en'}">${zh ? '返回看板' : 'Back to the dashboard'}</a></p></form>
<p class="error" id="report-error" role="alert"></p>
<article id="report" aria-busy="true" aria-live="polite"><h1>${escapeHtml(title)}</h1></article>`;
  return layout({
    lang,
    title,
    body,
    script: assetUrl('report.js'),
    data: { lang, t: scriptText(lang) },
    switchHref: `/dashboard/report?${other.toString()}`.replace(/\?$/, ''),
  });
}
