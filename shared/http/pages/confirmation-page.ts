import type { TaskAction } from '#domain/issue.ts';
import type { Lang } from './lang.ts';
import { messagePage } from './task-page.ts';

const DONE: Record<Lang, { readonly title: string } & Record<TaskAction, string>> = {
  zh: {
    title: '提交成功',
    accept: '已接收。稍后您会收到一条用于反馈办结的新链接。',
    decline: '已退回，案件已上报上一级。',
    resolve: '已办结，将请反映人评价。',
    reassign: '已改派到新的网格。',
    keep: '已督办，案件仍由原承办人办理。',
    takeover: '已接手，稍后您会收到一条用于反馈办结的新链接。',
  },
  en: {
    title: 'Done',
    accept: 'Accepted. A new link to report the result will follow shortly.',
    decline: 'Declined; the case went up one level.',
    resolve: 'Marked resolved; the resident will be asked to rate it.',
    reassign: 'Reassigned to the new grid.',
    keep: 'Kept with its holder under a supervision deadline.',
    takeover: 'Taken over. A new link to report the result will follow shortly.',
  },
};

/** The page a worker sees after acting on a link from the task page's form. */
export function confirmationPage(lang: Lang, action: TaskAction): string {
  const words = DONE[lang];
  return messagePage(words.title, words[action], lang);
}
