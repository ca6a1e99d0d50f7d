import { categoryOf } from '#domain/categories.ts';
import type { Issue, TaskAction } from '#domain/issue.ts';
import { escapeHtml, layout } from './html.ts';
import { type Lang, langQuery } from './lang.ts';

/** What each action did and what comes next, in the link's language. */
export const DONE: Record<
  Lang,
  { readonly title: string; readonly caseId: string; readonly progress: string } & Record<TaskAction, string>
> = {
  zh: {
    title: '提交成功',
    caseId: '案件编号',
    progress: '查看办理经过',
    accept: '已接收。办结反馈的链接将以短信发给您，办完后请用它反馈。',
    decline: '已退回，案件已上报上一级，由上一级重新安排。',
    resolve: '已办结，将请反映人评价；如评价不满意，案件会退回重办。',
    reassign: '已改派到新的网格，由该网格的网格员接收。',
    keep: '已督办，案件仍由原承办人办理。',
    takeover: '已接手，稍后您会收到一条用于反馈办结的新链接。',
    defer: '延期申请已提交上一级审批，期间请继续办理。',
    pause: '挂起申请已提交街道审批，期间请继续办理。',
    resume: '已恢复办理，稍后您会收到一条新链接。',
    approve: '已批准，承办人将收到新的期限。',
    refuse: '已不予批准，并告知承办人。',
    hand_back: '已退回12345热线，案件办结，热线平台已收到通知。',
    appeal: '申诉已提交上一级复核，复核前请继续整改。',
    transfer: '已转派，职能部门将签收办理。',
    return: '已退回转派人。',
    co_handle: '已发起协办，协办单位反馈或期限届满后，请用同一链接办结。',
    report: '协办情况已反馈主办单位。',
    merge: '已并案，重复案件已结案。',
  },
  en: {
    title: 'Done',
    caseId: 'Case number',
    progress: 'See the case history',
    accept: 'Accepted. The link to report the result will come by message; use it once the work is done.',
    decline: 'Declined; the case went up one level, which will arrange it anew.',
    resolve: 'Marked resolved; the resident will be asked to rate it, and a bad rating sends it back.',
    reassign: 'Reassigned; a grid worker of the new grid will take it up.',
    keep: 'Kept with its holder under a supervision deadline.',
    takeover: 'Taken over. A new link to report the result will follow shortly.',
    defer: 'Deferral requested from the level above; keep working on it meanwhile.',
    pause: 'Pause requested from the street office; keep working on it meanwhile.',
    resume: 'Resumed. A new link will follow shortly.',
    approve: 'Approved; the holder gets the new deadline.',
    refuse: 'Refused; the holder is told.',
    hand_back: 'Returned to the hotline; the case is closed and the hotline platform is told.',
    appeal: 'Appeal sent to the level above for review; keep up the rework meanwhile.',
    transfer: 'Transferred; the department will sign for it.',
    return: 'Returned to whoever transferred it.',
    co_handle:
      'Co-handling asked for; once every co-handler reported or its deadline passed, resolve on this same link.',
    report: 'Your report went to the lead unit.',
    merge: 'Merged; the duplicate is closed.',
  },
};

/** The page a worker sees after acting on a link from the task page's form: the case and what comes next. */
export function confirmationPage(lang: Lang, action: TaskAction, issue: Issue): string {
  const words = DONE[lang];
  const category = categoryOf(issue.category);
  const path = `/track/${encodeURIComponent(issue.id)}${langQuery(lang)}`;
  const body = `<h1>${escapeHtml(words.title)}</h1><p class="alert ok">${escapeHtml(words[action])}</p>
<dl><dt>${escapeHtml(words.caseId)}</dt><dd>${escapeHtml(issue.caseNumber ?? issue.id)}</dd>
<dt>${escapeHtml(lang === 'zh' ? '类别' : 'Category')}</dt><dd>${escapeHtml(lang === 'zh' ? category.name : category.nameEn)}</dd></dl>
<p>${escapeHtml(issue.description)}</p><p><a href="${escapeHtml(path)}">${escapeHtml(words.progress)}</a></p>`;
  return layout({ lang, title: words.title, body });
}
