import { officeDayMs, type TimeBasis, timeBetween, type WorkCalendar } from './working-time.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * What is left before a deadline, in the words a resident or a worker reads: "还剩 3 个工作日", "4 working hours
 * left", "已超期". Whole days are rounded down (a case due in 3.8 working days has 3 left, as counters on a 12345
 * page show it); hours and minutes round up, so "0" never shows before the deadline has passed.
 */
export function formatTimeLeft(
  now: Date,
  deadline: Date,
  basis: TimeBasis,
  calendar: WorkCalendar,
  lang: 'zh' | 'en',
): string {
  const zh = lang === 'zh';
  if (deadline.getTime() <= now.getTime()) return zh ? '已超期' : 'overdue';
  const left = timeBetween(now, deadline, basis, calendar);
  const working = basis === 'working';
  const dayMs = working ? officeDayMs(calendar) : DAY_MS;
  if (left >= dayMs) {
    const days = Math.floor(left / dayMs);
    if (zh) return working ? `还剩 ${days} 个工作日` : `还剩 ${days} 天`;
    return `${days} ${working ? 'working ' : ''}${days === 1 ? 'day' : 'days'} left`;
  }
  if (left >= HOUR_MS) {
    const hours = Math.ceil(left / HOUR_MS);
    if (zh) return working ? `还剩 ${hours} 个工作小时` : `还剩 ${hours} 小时`;
    return `${hours} ${working ? 'working ' : ''}${hours === 1 ? 'hour' : 'hours'} left`;
  }
  // Outside office hours a working-time deadline can be near on the wall clock and still hold office time.
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  if (zh) return working ? `还剩 ${minutes} 分钟（工作时间）` : `还剩 ${minutes} 分钟`;
  return `${minutes} ${working ? 'working ' : ''}${minutes === 1 ? 'minute' : 'minutes'} left`;
}
