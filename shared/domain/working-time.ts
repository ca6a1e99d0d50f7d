import { parseIsoDuration } from '#contract/template.ts';
import { durationToMs } from './duration.ts';
import { InvalidDurationError } from './errors.ts';

/** Whether a deadline runs around the clock or only in office hours on working days. */
export type TimeBasis = 'calendar' | 'working';

/** One office period of a working day, China time (`08:30`–`12:00`). */
export interface OfficePeriod {
  readonly start: string;
  readonly end: string;
}

/** The working-day calendar of a district: China's holidays and make-up working days, and its office hours. */
export interface WorkCalendar {
  /** China days (`yyyy-mm-dd`) off although they are weekdays: public holidays. */
  readonly holidays: readonly string[];
  /** China days worked although they fall on a weekend: make-up working days (调休). */
  readonly workdays: readonly string[];
  /** The office periods of each working day, in order. */
  readonly officeHours: readonly OfficePeriod[];
}

// How working time is counted, as 12345 centres and the Civil Code (arts. 201–203) count periods:
// - Days (`P3D`): the day the case starts does not count; the deadline is the close of office on the Nth working
//   day after it. A report at 09:00 or 16:00 on Monday with three working days is due Thursday at close.
//   Weeks are working weeks: `P1W` is five working days.
// - Hours, minutes, seconds (`PT4H`): office time. Counting starts at once inside an office period, else at the
//   next opening; a deadline at the end of a period stays there (12:00), it does not move to the next opening.
// - A fraction of a day (`P0.5D`) is that fraction of one working day's office time.
// China has kept UTC+8 without daylight saving since 1991, so China time is a fixed offset.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** Ten years of days off in a row means a broken calendar, not a deadline. */
const MAX_DAYS = 3_660;

interface Compiled {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
  /** Office periods as offsets from China midnight, in ms. */
  readonly periods: readonly (readonly [number, number])[];
  readonly officeDayMs: number;
}

const compiledCalendars = new WeakMap<WorkCalendar, Compiled>();

/** Minutes after midnight of `hh:mm`; throws on anything else. */
function clockMinutes(text: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$|^(24):(00)$/.exec(text);
  if (!match) throw new RangeError(`Expected an office time as hh:mm, got ${text}`);
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4]);
}

/** The problems of a set of office periods: each must end after it starts, in order, without overlap. */
export function officeHoursProblems(periods: readonly OfficePeriod[]): string[] {
  if (periods.length === 0) return ['at least one office period is needed'];
  const problems: string[] = [];
  let previousEnd = -1;
  periods.forEach((period, index) => {
    try {
      const start = clockMinutes(period.start);
      const end = clockMinutes(period.end);
      if (end <= start) problems.push(`period ${index + 1} ends (${period.end}) before it starts`);
      if (start < previousEnd) problems.push(`period ${index + 1} starts before the previous one ends`);
      previousEnd = end;
    } catch (error) {
      problems.push(`period ${index + 1}: ${(error as Error).message}`);
    }
  });
  return problems;
}

function compile(calendar: WorkCalendar): Compiled {
  const cached = compiledCalendars.get(calendar);
  if (cached) return cached;
  const problems = officeHoursProblems(calendar.officeHours);
  if (problems.length > 0) throw new RangeError(`Invalid office hours: ${problems.join('; ')}`);
  const periods = calendar.officeHours.map(
    (period) => [clockMinutes(period.start) * 60_000, clockMinutes(period.end) * 60_000] as const,
  );
  const compiled: Compiled = {
    holidays: new Set(calendar.holidays),
    workdays: new Set(calendar.workdays),
    periods,
    officeDayMs: periods.reduce((sum, [start, end]) => sum + end - start, 0),
  };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

/** The UTC instant of China midnight that starts the China day holding `ms`. */
function chinaMidnight(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/** The calendar day of an instant in China Standard Time (UTC+8 all year), as `yyyy-mm-dd`. */
export function chinaDay(instant: string | Date): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(time + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

function isWorkingMidnight(midnight: number, calendar: Compiled): boolean {
  const day = chinaDay(new Date(midnight));
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(midnight + CHINA_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Whether a China day (`yyyy-mm-dd`) is a working day: a make-up day, or a weekday that is no holiday. */
export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  return isWorkingMidnight(Date.parse(`${day}T00:00:00+08:00`), compile(calendar));
}

/** Whether an instant falls in office hours (ends of periods included) on a working day. */
export function isOfficeTime(instant: Date, calendar: WorkCalendar): boolean {
  const compiled = compile(calendar);
  const ms = instant.getTime();
  const midnight = chinaMidnight(ms);
  if (!isWorkingMidnight(midnight, compiled)) {
    // 24:00 closing belongs to the day before.
    const before = midnight - DAY_MS;
    return isWorkingMidnight(before, compiled) && compiled.periods.some(([, end]) => before + end === ms);
  }
  return compiled.periods.some(([start, end]) => ms >= midnight + start && ms <= midnight + end);
}

/** The office time of one working day, in ms (6.5 h for 08:30–12:00 and 14:30–17:30). */
export function officeDayMs(calendar: WorkCalendar): number {
  return compile(calendar).officeDayMs;
}

/** The instant `ms` of office time after `start`. */
function addOfficeTime(start: number, ms: number, calendar: Compiled): number {
  if (ms <= 0) return start;
  let remaining = ms;
  let midnight = chinaMidnight(start);
  for (let days = 0; days < MAX_DAYS; days++, midnight += DAY_MS) {
    if (!isWorkingMidnight(midnight, calendar)) continue;
    for (const [periodStart, periodEnd] of calendar.periods) {
      const from = Math.max(start, midnight + periodStart);
      const available = midnight + periodEnd - from;
      if (available <= 0) continue;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
  }
  throw new RangeError('The calendar has no working day in ten years');
}

/** The close of office on the `count`th working day after the China day of `start`. */
function closeOfWorkingDay(start: number, count: number, calendar: Compiled): number {
  let midnight = chinaMidnight(start);
  let counted = 0;
  for (let days = 0; days < MAX_DAYS + count * 7; days++) {
    midnight += DAY_MS;
    if (isWorkingMidnight(midnight, calendar) && ++counted === count) {
      const last = calendar.periods[calendar.periods.length - 1];
      return midnight + (last ? last[1] : 0);
    }
  }
  throw new RangeError('The calendar has no working day in ten years');
}

/** The instant a business duration (ISO 8601) after `start` ends, counted on the basis's clock. */
export function deadlineAfter(start: Date, duration: string, basis: TimeBasis, calendar: WorkCalendar): Date {
  if (basis === 'calendar') return new Date(start.getTime() + durationToMs(duration));
  const parts = parseIsoDuration(duration);
  if (!parts) throw new InvalidDurationError(duration);
  const compiled = compile(calendar);
  const days = parts.weeks * 5 + parts.days;
  const wholeDays = Math.floor(days);
  const officeMs = Math.round(
    (days - wholeDays) * compiled.officeDayMs +
      ((parts.hours * 60 + parts.minutes) * 60 + parts.seconds) * 1000,
  );
  let end = start.getTime();
  if (wholeDays > 0) end = closeOfWorkingDay(end, wholeDays, compiled);
  return new Date(addOfficeTime(end, officeMs, compiled));
}

/** The instant `ms` after `start` on the basis's clock: office time for `working`. */
export function instantAfter(start: Date, ms: number, basis: TimeBasis, calendar: WorkCalendar): Date {
  if (basis === 'calendar') return new Date(start.getTime() + Math.max(0, ms));
  return new Date(addOfficeTime(start.getTime(), Math.round(ms), compile(calendar)));
}

/** Milliseconds on the basis's clock from `from` to `to`; 0 when `to` is not after `from`. */
export function timeBetween(from: Date, to: Date, basis: TimeBasis, calendar: WorkCalendar): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  if (basis === 'calendar') return end - start;
  const compiled = compile(calendar);
  let total = 0;
  for (let midnight = chinaMidnight(start); midnight < end; midnight += DAY_MS) {
    if (!isWorkingMidnight(midnight, compiled)) continue;
    for (const [periodStart, periodEnd] of compiled.periods) {
      const overlap = Math.min(end, midnight + periodEnd) - Math.max(start, midnight + periodStart);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}
