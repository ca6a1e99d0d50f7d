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
    defer: '延期申请已提交上一级审批，期间请继续办理。',
    pause: '挂起申请已提交街道审批，期间请继续办理。',
    resume: '已恢复办理，稍后您会收到一条新链接。',
    approve: '已批准，承办人将收到新的期限。',
    refuse: '已不予批准，并告知承办人。',
  },
  en: {
    title: 'Done',
    accept: 'Accepted. A new link to report the result will follow shortly.',
    decline: 'Declined; the case went up one level.',
    resolve: 'Marked resolved; the resident will be asked to rate it.',
    reassign: 'Reassigned to the new grid.',
    keep: 'Kept with its holder under a supervision deadline.',
    takeover: 'Taken over. A new link to report the result will follow shortly.',
    defer: 'Deferral requested from the level above; keep working on it meanwhile.',
    pause: 'Pause requested from the street office; keep working on it meanwhile.',
    resume: 'Resumed. A new link will follow shortly.',
    approve: 'Approved; the holder gets the new deadline.',
    refuse: 'Refused; the holder is told.',
  },
};

/** The page a worker sees after acting on a link from the task page's form. */
export function confirmationPage(lang: Lang, action: TaskAction): string {
  const words = DONE[lang];
  return messagePage(words.title, words[action], lang);
}
