import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LinkGoneError, LinkUsedError } from '#domain/errors.ts';
import type { ProblemPages } from '#http/error-mapping.ts';
import type { Problem } from '#http/problem.ts';
import { escapeHtml, layout } from './html.ts';
import type { Lang } from './lang.ts';
import { goneLinkPage } from './task-page.ts';

/** A title and one sentence, in each language. */
type Words = Record<Lang, readonly [title: string, detail: string]>;

/** What a person reads for each status, when the problem's type has no words of its own. */
const BY_STATUS: Record<number, Words> = {
  400: { zh: ['请求有误', '提交的内容无法读取。'], en: ['Bad request', 'What was sent could not be read.'] },
  401: {
    zh: ['需要凭证', '请使用收到的完整链接。'],
    en: ['Credentials needed', 'Use the whole link you received.'],
  },
  403: {
    zh: ['无权访问', '凭证与此案件不符。'],
    en: ['Forbidden', 'The credentials do not match this case.'],
  },
  404: {
    zh: ['找不到', '链接或编号有误，请核对后再试。'],
    en: ['Not found', 'The link or id is wrong; check it and try again.'],
  },
  409: {
    zh: ['状态已变化', '案件已有新的进展，请刷新后再看。'],
    en: ['The case has moved on', 'Something changed in the meantime; reload and look again.'],
  },
  410: { zh: ['已失效', '此链接已不能使用。'], en: ['Gone', 'This link no longer works.'] },
  413: {
    zh: ['内容过长', '提交的内容超过了长度限制。'],
    en: ['Too long', 'What was sent is over the size limit.'],
  },
  415: {
    zh: ['格式不支持', '请通过页面上的表单提交。'],
    en: ['Unsupported format', 'Send it with the form on the page.'],
  },
  422: { zh: ['无法处理', '请检查填写的内容。'], en: ['Cannot be processed', 'Check what was filled in.'] },
  429: { zh: ['请求过于频繁', '请稍后再试。'], en: ['Too many requests', 'Try again in a moment.'] },
  500: {
    zh: ['系统出错', '系统出了问题，请稍后再试。'],
    en: ['Something went wrong', 'Something went wrong on our side; try again later.'],
  },
  503: { zh: ['暂时无法处理', '请稍后再试。'], en: ['Unavailable for now', 'Try again in a moment.'] },
};

/** Words for the problem types a person meets on a page, keyed by the type's last part. */
const BY_TYPE: Record<string, Words> = {
  'issue-not-found': {
    zh: ['找不到案件', '案件编号不正确。'],
    en: ['No such case', 'This case id is not valid.'],
  },
  'link-not-found': {
    zh: ['链接无效', '此链接不存在或不完整，请使用收到的完整链接。'],
    en: ['Link not valid', 'This link does not exist or is incomplete.'],
  },
  'unit-not-found': {
    zh: ['找不到单位', '名册中没有这个单位。'],
    en: ['No such unit', 'The registry has no such unit.'],
  },
  'location-not-found': {
    zh: ['找不到网格', '没有找到对应的网格，请核对网格编号。'],
    en: ['No such grid', 'No grid was found; check the grid id.'],
  },
  'action-not-allowed': {
    zh: ['无法处理', '此任务不提供这个操作。'],
    en: ['Cannot be done', 'This task does not offer that action.'],
  },
  'workflow-unavailable': {
    zh: ['已记录', '您的决定已保存，但流程暂时无法接收；最迟在办理时限到达时生效。'],
    en: [
      'Recorded',
      'Your decision is saved but the workflow could not take it now; it applies by the deadline.',
    ],
  },
};

/**
 * The fields a page's form posts (the task form, scripts off), named in Chinese with what to do: the API's
 * messages, which English pages show as they are, are English.
 */
const FIELDS_ZH: Record<string, readonly [name: string, fix: string]> = {
  note: ['说明', '退回时请写明理由，最多 1000 字。'],
  gridId: ['网格', '请填写要改派到的网格编号。'],
  action: ['操作', '此任务不提供这个操作。'],
};

const LINK_REASONS = { 'link-used': 'used', 'link-expired': 'expired', 'link-revoked': 'revoked' } as const;

function wordsOf(status: number, kind: string): Words {
  return (BY_TYPE[kind] ?? BY_STATUS[status] ?? BY_STATUS[status >= 500 ? 500 : 400]) as Words;
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
  const [title, detail] = wordsOf(problem.status, kind)[lang];
  const fields = (problem.errors ?? []).map((field) => {
    if (lang === 'en') return `<li><code>${escapeHtml(field.path)}</code>: ${escapeHtml(field.message)}</li>`;
    const [name, fix] = FIELDS_ZH[field.path] ?? [field.path, '请检查此项。'];
    return `<li>${escapeHtml(name)}：${escapeHtml(fix)}</li>`;
  });
  const list = fields.length > 0 ? `<ul>${fields.join('')}</ul>` : '';
  return layout({ lang, title, body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>${list}` });
}

/** The page routes' failure pages: for the requests `when` picks (every request by default). */
export function problemPages(when: (event: APIGatewayProxyEventV2) => boolean = () => true): ProblemPages {
  return { when, render: problemPage };
}
