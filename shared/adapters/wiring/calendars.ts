import type { WorkCalendar } from '#domain/working-time.ts';
import type { Calendars } from '#ports';

/** Weekdays in two office periods, China time; holidays come with the calendar data. */
const DEFAULT_CALENDAR: WorkCalendar = {
  holidays: [],
  workdays: [],
  officeHours: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '17:30' },
  ],
};

/** The district's working-day calendar. */
export const calendars = (): Calendars => ({ calendar: async () => DEFAULT_CALENDAR });
