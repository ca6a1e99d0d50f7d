import { allCategories } from '#domain/categories.ts';
import { OUTCOME_NAMES } from '#domain/outcomes.ts';
import { DEFAULT_RATING_SCALE, type RatingScale } from '#domain/rating-scale.ts';
import { assetUrl } from './assets.ts';
import { escapeHtml, layout } from './html.ts';
import { type Lang, LEVEL_NAMES, LEVEL_TITLES, STATUS_NAMES, switchHref } from './lang.ts';
import { photoScriptText } from './photo-text.ts';

const TEXT = {
  zh: {
    title: '案件进度',
    timeline: '办理经过',
    rate: '请评价办理结果',
    score: '满意程度',
    comment: '意见或建议（选填）',
    send: '提交评价',
    thanks: '感谢您的评价！',
    noToken: '评价需要提交时保存在本机的跟踪凭证；请使用提交问题的手机或评价短信中的链接打开此页。',
    another: '再反映一个问题',
    rateHow: '办结后请评价：评价需在提交问题的手机上进行，或使用评价短信中的链接。',
  },
  en: {
    title: 'Case progress',
    timeline: 'What happened',
    rate: 'Please rate the result',
    score: 'How satisfied are you?',
    comment: 'Comment (optional)',
    send: 'Send rating',
    thanks: 'Thank you for your rating!',
    noToken:
      'Rating needs the tracking token kept on the phone you reported from; open this page there or from the link in the rating message.',
    another: 'Report another problem',
    rateHow:
      'Once it is resolved, please rate it: from the phone you reported on, or from the link in the rating message.',
  },
} as const;

/** The tracking page's strings (its module's and the timeline's, which the workbench page shares). */
export function trackScriptText(lang: Lang, scale: RatingScale) {
  const zh = lang === 'zh';
  return {
    caseId: zh ? '案件编号' : 'Case number',
    caseNumberNote: zh ? '（咨询或查询时请报此编号）' : '(quote it when you call about the case)',
    description: zh ? '您反映的内容' : 'What you reported',
    grid: zh ? '所属网格' : 'Grid',
    category: zh ? '类别' : 'Category',
    level: zh ? '当前层级' : 'Handled at',
    holder: zh ? '承办人' : 'Held by',
    deadline: zh ? '办理时限' : 'Deadline',
    resolveBy: zh ? '办结时限' : 'Resolve by',
    caseLeft: {
      calendar: { hours: zh ? '剩余 {} 小时' : '{} hours left', days: zh ? '剩余 {} 天' : '{} days left' },
      working: {
        hours: zh ? '剩余 {} 个工作小时' : '{} working hours left',
        days: zh ? '剩余 {} 个工作日' : '{} working days left',
      },
    },
    rating: zh ? '评价' : 'Rating',
    result: zh ? '办理结果' : 'Outcome',
    caseOutcomes: OUTCOME_NAMES[lang],
    overdue: zh ? '已超期' : 'Overdue',
    left: zh ? '剩余 {}' : '{} left',
    late: zh ? '已超期 {}' : 'overdue by {}',
    notFound: zh ? '找不到这个案件。' : 'No such case.',
    chooseScore: zh ? '请选择满意程度。' : 'Choose how satisfied you are.',
    failed: zh ? '提交失败，请稍后再试。' : 'Sending failed; please try again later.',
    notYours: zh
      ? '无法核实您的身份：请在反映问题时使用的手机上，或通过评价短信中的链接评价。'
      : 'We cannot tell this is your case: rate from the phone you reported on, or from the rating message.',
    alreadyRated: zh
      ? '此案件已经评价过或状态已变化，请刷新后再看。'
      : 'This case was already rated or has moved on; reload it.',
    commentInvalid: zh ? '意见最多 1000 字。' : 'The comment is at most 1000 characters.',
    colon: zh ? '：' : ': ',
    statuses: STATUS_NAMES[lang],
    levels: LEVEL_NAMES[lang],
    levelTitles: LEVEL_TITLES[lang],
    scores: Object.fromEntries(scale.levels.map((l) => [l.score, lang === 'zh' ? l.name : l.nameEn])),
    categories: Object.fromEntries(allCategories().map((c) => [c.code, zh ? c.name : c.nameEn])),
    roles: zh
      ? {
          grid_worker: '网格员',
          community_supervisor: '社区',
          street_supervisor: '街道',
          district_supervisor: '区',
          department_handler: '受理员',
          department_supervisor: '负责人',
        }
      : {
          grid_worker: 'grid worker',
          community_supervisor: 'community',
          street_supervisor: 'street office',
          district_supervisor: 'district',
          department_handler: 'handler',
          department_supervisor: 'head',
        },
    outcomes: zh
      ? { satisfied: '满意', unsatisfied: '不满意', unrated: '未评价' }
      : { satisfied: 'satisfied', unsatisfied: 'not satisfied', unrated: 'not rated' },
    events: zh
      ? {
          submitted: '已受理，转至网格 {}',
          assigned: '派遣给{}',
          accepted: '{} 已接收',
          declined: '{} 退回',
          escalated: '上报至{}',
          byDeadline: '（超过时限）',
          reassigned: '改派至网格 {}',
          resolved: '{} 已办结',
          rated: '评价：{}',
          reopened: '重新办理（{}）',
          closed: '已结案（{}）',
          reminded: '催办{}',
          supervised: '督办：{}',
          requested: '{} 申请延期或挂起',
          deferred: '延期至 {}',
          paused: '挂起至 {}',
          resumed: '恢复办理',
          refused: '延期或挂起申请未获批准',
          handed_back: '已退回12345热线（不属本辖区办理事项）',
          appealed: '{} 对评价提出申诉',
          appeal_upheld: '申诉成立，该评价不计入满意率',
          appeal_rejected: '申诉未获支持，继续整改',
          reinvited: '再次邀请评价',
          transferred: '转派至{}',
          returned: '{} 退回',
          co_handling: '协办单位：{}',
          co_reported: '{} 反馈协办情况',
          contacts_erased: '联系方式已按保存期限删除',
          followed_up: '已电话回访',
          merged: '与重复反映的案件合并办理，本案结案',
        }
      : {
          submitted: 'Received, routed to grid {}',
          assigned: 'Assigned to {}',
          accepted: 'Accepted by {}',
          declined: 'Declined by {}',
          escalated: 'Escalated to the {}',
          byDeadline: ' (deadline passed)',
          reassigned: 'Reassigned to grid {}',
          resolved: 'Resolved by {}',
          rated: 'Rated: {}',
          reopened: 'Reopened for rework ({})',
          closed: 'Closed ({})',
          reminded: 'Reminded{}',
          supervised: 'Supervised: {}',
          requested: '{} asked for more time or a pause',
          deferred: 'Deferred to {}',
          paused: 'Paused until {}',
          resumed: 'Resumed',
          refused: 'Request for more time or a pause refused',
          handed_back: 'Returned to the 12345 hotline (not a matter for this district)',
          appealed: '{} appealed the rating',
          appeal_upheld: 'Appeal upheld: the rating is left out of the satisfaction rate',
          appeal_rejected: 'Appeal rejected: the rework goes on',
          reinvited: 'Invited to rate once more',
          transferred: 'Transferred to {}',
          returned: 'Returned by {}',
          co_handling: 'Co-handled with {}',
          co_reported: '{} reported its part',
          contacts_erased: 'Contact details erased after the retention time',
          followed_up: 'Called back about the rating',
          merged: 'Merged into the case it repeats; this one is closed',
        },
  };
}

/** GET /track/{id}: the resident's view of a case, and the rating once it is resolved. */
export function trackPage(lang: Lang, issueId: string, scale: RatingScale = DEFAULT_RATING_SCALE): string {
  const t = TEXT[lang];
  const scores = scale.levels
    .map(
      (level) =>
        `<label class="choice"><input type="radio" name="score" value="${level.score}">${escapeHtml(lang === 'zh' ? level.name : level.nameEn)}</label>`,
    )
    .join('');
  const body = `<h1>${escapeHtml(t.title)}</h1>
<p id="case-number" class="case-number"></p>
<p id="status" role="status" aria-live="polite"></p><dl id="details"></dl>
<p id="rate-how" class="hint" hidden>${escapeHtml(t.rateHow)}</p>
<p id="rating-note" class="alert" hidden>${escapeHtml(t.noToken)}</p>
<form id="rating" hidden novalidate><h2>${escapeHtml(t.rate)}</h2>
<fieldset aria-describedby="rating-error"><legend>${escapeHtml(t.score)}</legend>${scores}</fieldset>
<label for="comment">${escapeHtml(t.comment)}</label><textarea id="comment" name="comment" maxlength="1000"></textarea>
<p class="error" id="rating-error" role="alert"></p><button type="submit">${escapeHtml(t.send)}</button></form>
<p id="thanks" class="alert ok" role="status" hidden>${escapeHtml(t.thanks)}</p>
<div id="photos"></div>
<h2>${escapeHtml(t.timeline)}</h2><ol class="timeline" id="timeline" reversed></ol>
<p><a href="${lang === 'en' ? '/?lang=en' : '/'}">${escapeHtml(t.another)}</a></p>`;
  return layout({
    lang,
    title: `${t.title} · ${issueId}`,
    body,
    script: assetUrl('track.js'),
    data: { lang, id: issueId, t: trackScriptText(lang, scale), photos: photoScriptText(lang) },
    switchHref: switchHref(`/track/${encodeURIComponent(issueId)}`, lang),
  });
}
