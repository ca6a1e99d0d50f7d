import { categoryOf } from '#domain/categories.ts';
import type { Level } from '#domain/hierarchy.ts';
import type { Issue, Task } from '#domain/issue.ts';
import { linkToken, trackingToken } from '#domain/links.ts';
import { needsExplanation, OUTCOME_NAMES, outcomeOf } from '#domain/outcomes.ts';
import { quotedResidentText } from '#domain/plain-text.ts';
import type { Notification } from '#ports';
import type { Deps } from './deps.ts';

const LEVEL_NAMES = { grid: '网格', community: '社区', street: '街道', district: '区' } as const;

/** How much of a description an SMS carries, in characters a reader sees (grapheme clusters). */
const EXCERPT_LENGTH = 40;

const excerpt = (text: string) => quotedResidentText(text, EXCERPT_LENGTH);

/** The number a person reads out when they call about the case; the internal id for cases older than numbers. */
const caseLabel = (issue: Issue) => issue.caseNumber ?? issue.id;

function beijingTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** The message that hands a task to its assignee, with the approval link. */
export function taskMessage(deps: Pick<Deps, 'keys' | 'publicUrl'>, issue: Issue, task: Task): Notification {
  const category = categoryOf(issue.category).name;
  const verb = task.kind === 'accept' ? '请接收或退回' : '请处理完成后反馈';
  const supervision = issue.overdue ? '【督办】' : '';
  return {
    id: `${issue.id}:task:${task.seq}`,
    to: task.assignee.id,
    subject: `${supervision}${category}（${task.department?.name ?? LEVEL_NAMES[task.level]}）`,
    text: `${task.assignee.name}，案件 ${caseLabel(issue)}，${verb}：${excerpt(issue.description)}。截止时间 ${beijingTime(task.deadline)}。`,
    link: `${deps.publicUrl}/tasks/${linkToken(deps.keys.linkKey, issue.id, task.seq, task.nonce)}`,
  };
}

/** China-time `11月30日 17:30`: short enough for a reminder SMS. */
function shortBeijingTime(iso: string): string {
  const china = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${Number(china.slice(5, 7))}月${Number(china.slice(8, 10))}日 ${china.slice(11, 16)}`;
}

/**
 * A reminder (催办) of an open task: the same link again, nothing extended, short enough for one SMS (the
 * case number, what it is about, the deadline). Past the deadline at the district it is a daily 督办 notice.
 */
export function reminderMessage(
  deps: Pick<Deps, 'keys' | 'publicUrl'>,
  issue: Issue,
  task: Task,
  round: number,
  overdue: boolean,
): Notification {
  const what = quotedResidentText(issue.description, 12);
  const due = overdue ? '已超期，请尽快办理' : `期限${shortBeijingTime(task.deadline)}`;
  return {
    id: `${issue.id}:remind:${task.seq}:${round}`,
    to: task.assignee.id,
    subject: overdue ? '【督办】' : '【催办】',
    text: `案件${issue.id}（${categoryOf(issue.category).name}：${what}）${due}。`,
    link: `${deps.publicUrl}/tasks/${linkToken(deps.keys.linkKey, issue.id, task.seq, task.nonce)}`,
  };
}

const CHANGE_NAMES = { defer: '延期', pause: '挂起', appeal: '申诉' } as const;

/** Asks the approver one level up to answer a deferral or pause request, with the approval link. */
export function changeRequestMessage(
  deps: Pick<Deps, 'keys' | 'publicUrl'>,
  issue: Issue,
): Notification | undefined {
  const request = issue.request;
  if (!request) return undefined;
  const what = CHANGE_NAMES[request.kind];
  return {
    id: `${issue.id}:request:${request.seq}:${request.kind}:${request.at}`,
    to: request.approver.id,
    subject: `【${what}申请】${categoryOf(issue.category).name}`,
    text: `${request.by.name}${request.until ? `申请案件${issue.id}${what}至${shortBeijingTime(request.until)}` : `对案件${issue.id}的差评提出${what}，请复核`}：${quotedResidentText(request.reason, 30)}。`,
    link: `${deps.publicUrl}/tasks/${linkToken(deps.keys.linkKey, issue.id, request.seq, request.nonce)}`,
  };
}

/** Tells the holder that their request was refused; an approval reaches them as a fresh link instead. */
export function changeRefusedMessage(issue: Issue): Notification | undefined {
  const request = issue.request;
  if (request?.status !== 'refused') return undefined;
  if (request.kind === 'appeal') {
    return {
      id: `${issue.id}:appeal-rejected:${request.seq}:${request.at}`,
      to: request.by.id,
      subject: '申诉未获支持',
      text: `${request.by.name}，案件${issue.id}的差评申诉未获支持，请继续整改。`,
    };
  }
  return {
    id: `${issue.id}:refused:${request.seq}:${request.at}`,
    to: request.by.id,
    subject: `${CHANGE_NAMES[request.kind]}申请未获批准`,
    text: `${request.by.name}，案件${issue.id}的${CHANGE_NAMES[request.kind]}申请未获批准，请按原期限办理。`,
  };
}

/** Tells the resident that an appeal against their rating was upheld: it no longer counts in the figures. */
export function appealUpheldMessage(
  deps: Pick<Deps, 'keys' | 'publicUrl'>,
  issue: Issue,
): Notification | undefined {
  const contact = issue.reporter;
  const appeal = issue.rating?.appeal;
  if (appeal?.status !== 'upheld' || (!contact?.phone && !contact?.email)) return undefined;
  const closed = issue.status === 'closed' ? '，案件已结案' : '';
  return {
    id: `${issue.id}:appeal-upheld:${appeal.at}`,
    to: `reporter:${issue.id}`,
    subject: '评价复核结果',
    text: `您对案件 ${caseLabel(issue)} 的评价经上级复核，承办单位的申诉成立，该评价不计入满意率${closed}。`,
    link: `${deps.publicUrl}/track/${issue.id}#token=${trackingToken(deps.keys.linkKey, issue.id)}`,
    contact: { phone: contact.phone, email: contact.email },
  };
}

/** Tells the person who lost a case to an escalation that it moved on and their link no longer works. */
export function escalatedMessage(issue: Issue, previous: Task, to: Level): Notification {
  return {
    id: `${issue.id}:escalated:${previous.seq}`,
    to: previous.assignee.id,
    subject: `超期上报：${categoryOf(issue.category).name}`,
    text: `${previous.assignee.name}，案件 ${caseLabel(issue)} 已超过处理期限，已上报${LEVEL_NAMES[to]}督办，原链接已失效。`,
  };
}

/** Asks the resident to rate the result, saying how the work ended; the tracking token travels in the fragment, which is never sent to a server. */
export function ratingMessage(
  deps: Pick<Deps, 'keys' | 'publicUrl'>,
  issue: Issue,
  /** The one re-invitation (邀评) of a case still unrated. */
  again?: 'again',
): Notification | undefined {
  const contact = issue.reporter;
  if (!contact?.phone && !contact?.email) return undefined;
  const outcome = outcomeOf(issue.resolution ?? {});
  // The explanation is the handler's own words: the tracking page shows it in full, an SMS only points there.
  const result = `办理结果：${OUTCOME_NAMES.zh[outcome]}${needsExplanation(outcome) ? '（说明见链接）' : ''}`;
  return {
    id: `${issue.id}:${again ? 'rate-again' : 'rate'}:${issue.resolution?.at ?? ''}`,
    to: `reporter:${issue.id}`,
    subject: again ? '再次邀请您评价' : `您反映的问题已办结，请评价`,
    text: `您反映的${excerpt(issue.description)}（案件编号 ${caseLabel(issue)}）已处理完毕，${result}。请在3天内评价（非常满意 … 非常不满意）。`,
    link: `${deps.publicUrl}/track/${issue.id}#token=${trackingToken(deps.keys.linkKey, issue.id)}`,
    contact: { phone: contact.phone, email: contact.email },
  };
}

/** Tells the resident of a duplicate that it was merged into the case it repeats, with that case's tracking link. */
export function mergedMessage(
  deps: Pick<Deps, 'keys' | 'publicUrl'>,
  duplicate: Issue,
  kept: Issue,
): Notification | undefined {
  const contact = duplicate.reporter;
  if (!duplicate.mergedInto || (!contact?.phone && !contact?.email)) return undefined;
  return {
    id: `${duplicate.id}:merged`,
    to: `reporter:${duplicate.id}`,
    subject: '案件合并办理',
    text: `您反映的案件 ${caseLabel(duplicate)} 与案件 ${caseLabel(kept)} 为同一问题，已合并办理，请通过以下链接查看进展。`,
    link: `${deps.publicUrl}/track/${kept.id}#token=${trackingToken(deps.keys.linkKey, kept.id)}`,
    contact: { phone: contact.phone, email: contact.email },
  };
}
