import type { OfficePeriod, WorkCalendar } from './working-time.ts';

/** A day the State Council's notice names: a public holiday off, or a weekend day worked instead (调休). */
export interface CalendarDay {
  readonly date: string;
  readonly kind: 'holiday' | 'workday';
  readonly name: string;
}

// China's public holidays and make-up working days as the State Council's yearly notices set them
// (国务院办公厅关于2025年/2026年部分节假日安排的通知). Seeded from the chinese-days package (1.5.7, MIT) and checked
// against the notices. Only weekdays off are listed as holidays: a holiday on a weekend is off anyway.
//
// 2027: the notice was not in any source at hand when this data was written (checked again on 30 November 2026:
// chinese-days 1.5.7, the newest on npm, ends with 2026), so the year holds the statutory
// days of the national holiday rules (全国年节及纪念日放假办法, as amended in 2024) that fall on weekdays, and no
// make-up days. Import the published arrangement (`npm run registry:import`) once it is out.
const DAYS: readonly (readonly [string, CalendarDay['kind'], string])[] = [
  ['2025-01-01', 'holiday', '元旦'],
  ['2025-01-26', 'workday', '春节调休'],
  ['2025-01-28', 'holiday', '春节'],
  ['2025-01-29', 'holiday', '春节'],
  ['2025-01-30', 'holiday', '春节'],
  ['2025-01-31', 'holiday', '春节'],
  ['2025-02-03', 'holiday', '春节'],
  ['2025-02-04', 'holiday', '春节'],
  ['2025-02-08', 'workday', '春节调休'],
  ['2025-04-04', 'holiday', '清明节'],
  ['2025-04-27', 'workday', '劳动节调休'],
  ['2025-05-01', 'holiday', '劳动节'],
  ['2025-05-02', 'holiday', '劳动节'],
  ['2025-05-05', 'holiday', '劳动节'],
  ['2025-06-02', 'holiday', '端午节'],
  ['2025-09-28', 'workday', '国庆节调休'],
  ['2025-10-01', 'holiday', '国庆节'],
  ['2025-10-02', 'holiday', '国庆节'],
  ['2025-10-03', 'holiday', '国庆节'],
  ['2025-10-06', 'holiday', '中秋节'],
  ['2025-10-07', 'holiday', '国庆节'],
  ['2025-10-08', 'holiday', '国庆节'],
  ['2025-10-11', 'workday', '国庆节调休'],
  ['2026-01-01', 'holiday', '元旦'],
  ['2026-01-02', 'holiday', '元旦'],
  ['2026-01-04', 'workday', '元旦调休'],
  ['2026-02-14', 'workday', '春节调休'],
  ['2026-02-16', 'holiday', '春节'],
  ['2026-02-17', 'holiday', '春节'],
  ['2026-02-18', 'holiday', '春节'],
  ['2026-02-19', 'holiday', '春节'],
  ['2026-02-20', 'holiday', '春节'],
  ['2026-02-23', 'holiday', '春节'],
  ['2026-02-28', 'workday', '春节调休'],
  ['2026-04-06', 'holiday', '清明节'],
  ['2026-05-01', 'holiday', '劳动节'],
  ['2026-05-04', 'holiday', '劳动节'],
  ['2026-05-05', 'holiday', '劳动节'],
  ['2026-05-09', 'workday', '劳动节调休'],
  ['2026-06-19', 'holiday', '端午节'],
  ['2026-09-20', 'workday', '国庆节调休'],
  ['2026-09-25', 'holiday', '中秋节'],
  ['2026-10-01', 'holiday', '国庆节'],
  ['2026-10-02', 'holiday', '国庆节'],
  ['2026-10-05', 'holiday', '国庆节'],
  ['2026-10-06', 'holiday', '国庆节'],
  ['2026-10-07', 'holiday', '国庆节'],
  ['2026-10-10', 'workday', '国庆节调休'],
  ['2027-01-01', 'holiday', '元旦'],
  ['2027-02-05', 'holiday', '春节'],
  ['2027-02-08', 'holiday', '春节'],
  ['2027-04-05', 'holiday', '清明节'],
  ['2027-06-09', 'holiday', '端午节'],
  ['2027-09-15', 'holiday', '中秋节'],
  ['2027-10-01', 'holiday', '国庆节'],
];

/** The days the shipped calendar names, 2025–2027, in date order. */
export const CHINA_CALENDAR_DAYS: readonly CalendarDay[] = DAYS.map(([date, kind, name]) => ({
  date,
  kind,
  name,
}));

/** The district's default office hours: a morning and an afternoon period with a lunch break, China time. */
export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = [
  { start: '08:30', end: '12:00' },
  { start: '14:30', end: '17:30' },
];

/** A working calendar from named days and office hours. */
export function workCalendar(
  days: readonly CalendarDay[],
  officeHours: readonly OfficePeriod[],
): WorkCalendar {
  return {
    holidays: days.filter((day) => day.kind === 'holiday').map((day) => day.date),
    workdays: days.filter((day) => day.kind === 'workday').map((day) => day.date),
    officeHours,
  };
}

/** The calendar a district works by until it imports its own. */
export const DEFAULT_CALENDAR: WorkCalendar = workCalendar(CHINA_CALENDAR_DAYS, DEFAULT_OFFICE_HOURS);
