// How the pages write times, in one place for both sides: the approval-link page renders them on the server (it
// works without scripts) and the page modules keep them current in the browser. Plain TypeScript, no DOM and no
// Node, so both type-check it.

export type Lang = 'zh' | 'en';

/** The pages' wall clock is China Standard Time, whatever the phone's zone. */
export function formatTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A span to the minute, at least one: "2天3小时", "3 h 5 min". */
function span(ms: number, lang: Lang): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const zh = lang === 'zh';
  if (d > 0) return zh ? `${d}天${h}小时` : `${d} d ${h} h`;
  if (h > 0) return zh ? `${h}小时${m}分` : `${h} h ${m} min`;
  return zh ? `${m}分钟` : `${m} min`;
}

/** "3 h 5 min left" or "overdue by 20 min", from the page's two wordings (`{}` is the span). */
export function timeLeft(
  wording: { readonly left: string; readonly late: string },
  lang: Lang,
  deadline: string,
  now: string,
): string {
  const ms = Date.parse(deadline) - Date.parse(now);
  return (ms >= 0 ? wording.left : wording.late).replace('{}', span(ms, lang));
}
