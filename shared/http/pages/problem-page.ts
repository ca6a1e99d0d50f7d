import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LinkGoneError, LinkUsedError } from '#domain/errors.ts';
import type { ProblemPages } from '#http/error-mapping.ts';
import type { Problem } from '#http/problem.ts';
import { escapeHtml, layout } from './html.ts';
import type { Lang } from './lang.ts';
import { goneLinkPage } from './task-page.ts';

type Words = { readonly title: string; readonly detail: string };

/** What a person reads for each status, when the problem's type has no words of its own. */
const BY_STATUS: Record<Lang, Record<number, Words>> = {
  zh: {
    400: { title: '请求有误', detail: '提交的内容无法读取。' },
    401: { title: '需要凭证', detail: '请使用收到的完整链接。' },
    403: { title: '无权访问', detail: '凭证与此案件不符。' },
    404: { title: '找不到', detail: '链接或编号有误，请核对后再试。' },
    409: { title: '状态已变化', detail: '案件已有新的进展，请刷新后再看。' },
    410: { title: '已失效', detail: '此链接已不能使用。' },
    413: { title: '内容过长', detail: '提交的内容超过了长度限制。' },
    415: { title: '格式不支持', detail: '请通过页面上的表单提交。' },
    422: { title: '无法处理', detail: '请检查填写的内容。' },
    429: { title: '请求过于频繁', detail: '请稍后再试。' },
    500: { title: '系统出错', detail: '系统出了问题，请稍后再试。' },
    503: { title: '暂时无法处理', detail: '请稍后再试。' },
  },
  en: {
    400: { title: 'Bad request', detail: 'What was sent could not be read.' },
    401: { title: 'Credentials needed', detail: 'Use the whole link you received.' },
    403: { title: 'Forbidden', detail: 'The credentials do not match this case.' },
    404: { title: 'Not found', detail: 'The link or id is wrong; check it and try again.' },
    409: {
      title: 'The case has moved on',
      detail: 'Something changed in the meantime; reload and look again.',
    },
    410: { title: 'Gone', detail: 'This link no longer works.' },
    413: { title: 'Too long', detail: 'What was sent is over the size limit.' },
    415: { title: 'Unsupported format', detail: 'Send it with the form on the page.' },
    422: { title: 'Cannot be processed', detail: 'Check what was filled in.' },
    429: { title: 'Too many requests', detail: 'Try again in a moment.' },
    500: { title: 'Something went wrong', detail: 'Something went wrong on our side; try again later.' },
    503: { title: 'Unavailable for now', detail: 'Try again in a moment.' },
  },
};

/** Words for the problem types a person meets on a page, keyed by the type's last part. */
const BY_TYPE: Record<Lang, Record<string, Words>> = {
  zh: {
    'issue-not-found': { title: '找不到案件', detail: '案件编号不正确。' },
    'link-not-found': { title: '链接无效', detail: '此链接不存在或不完整，请使用收到的完整链接。' },
    'unit-not-found': { title: '找不到单位', detail: '名册中没有这个单位。' },
    'location-not-found': { title: '找不到网格', detail: '没有找到对应的网格，请核对网格编号。' },
    'action-not-allowed': { title: '无法处理', detail: '此任务不提供这个操作。' },
    'state-conflict': { title: '状态已变化', detail: '案件已有新的进展，请刷新后再看。' },
    'workflow-unavailable': {
      title: '已记录',
      detail: '您的决定已保存，但流程暂时无法接收；最迟在办理时限到达时生效。',
    },
  },
  en: {
    'issue-not-found': { title: 'No such case', detail: 'This case id is not valid.' },
    'link-not-found': { title: 'Link not valid', detail: 'This link does not exist or is incomplete.' },
    'unit-not-found': { title: 'No such unit', detail: 'The registry has no such unit.' },
    'location-not-found': { title: 'No such grid', detail: 'No grid was found; check the grid id.' },
    'action-not-allowed': { title: 'Cannot be done', detail: 'This task does not offer that action.' },
    'state-conflict': {
      title: 'The case has moved on',
      detail: 'Something changed in the meantime; reload and look again.',
    },
    'workflow-unavailable': {
      title: 'Recorded',
      detail: 'Your decision is saved but the workflow could not take it now; it applies by the deadline.',
    },
  },
};

const LINK_REASONS = { 'link-used': 'used', 'link-expired': 'expired', 'link-revoked': 'revoked' } as const;

function wordsOf(lang: Lang, status: number, kind: string): Words {
  const fallback = BY_STATUS[lang][status] ?? BY_STATUS[lang][status >= 500 ? 500 : 400];
  return BY_TYPE[lang][kind] ?? (fallback as Words);
}

/**
 * The page a person's browser gets for a failed request: the same problem the API would answer, in the
 * page's language, naming the fields to fix; a spent link also says who holds the case now.
 */
export function problemPage(lang: Lang, problem: Problem, error?: unknown): string {
  const kind = problem.type?.split(':').pop() ?? '';
  if (kind in LINK_REASONS) {
    const current =
      error instanceof LinkUsedError || error instanceof LinkGoneError ? error.current : undefined;
    return goneLinkPage(lang, LINK_REASONS[kind as keyof typeof LINK_REASONS], current);
  }
  const { title, detail } = wordsOf(lang, problem.status, kind);
  const fields = (problem.errors ?? []).map(
    (field) =>
      `<li><code>${escapeHtml(field.path)}</code>${lang === 'en' ? `: ${escapeHtml(field.message)}` : ''}</li>`,
  );
  const list = fields.length > 0 ? `<ul>${fields.join('')}</ul>` : '';
  return layout({ lang, title, body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>${list}` });
}

/** The page routes' failure pages: for the requests `when` picks (every request by default). */
export function problemPages(when: (event: APIGatewayProxyEventV2) => boolean = () => true): ProblemPages {
  return { when, render: problemPage };
}
