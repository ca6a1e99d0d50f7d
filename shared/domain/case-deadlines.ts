import { categoryOf } from './categories.ts';
import type { CaseTerms, Issue } from './issue.ts';
import { chinaDay, deadlineAfter, isWorkingDay, timeBetween, type WorkCalendar } from './working-time.ts';

const DAY_MS = 86_400_000;

/** Reminders (催办) go out when this share of a deadline's time has run. */
export const REMINDER_SHARES = [0.5, 0.75] as const;

/**
 * How long the holder of a case whose resolve deadline passed gets when the supervisor keeps it with them or
 * takes it over: the supervision deadline (督办期限), counted on the case's own time basis.
 */
export const SUPERVISION_TERM = 'P2D';

/** The terms the case runs on: its intake snapshot, or its category's for a case stored before snapshots. */
export function termsOf(issue: Pick<Issue, 'terms' | 'category'>): CaseTerms {
  if (issue.terms) return issue.terms;
  const category = categoryOf(issue.category);
  return { timeBasis: category.timeBasis, ...category.deadlines };
}

/** Snapshots a category's terms for a new case. */
export function snapshotTerms(code: string): CaseTerms {
  return termsOf({ category: code });
}

/** The reminder instants of a deadline that ran from `start`, those still ahead of `now`. */
export function reminderPoints(
  start: Date,
  deadline: Date,
  now: Date,
  terms: Pick<CaseTerms, 'timeBasis'>,
  calendar: WorkCalendar,
): string[] {
  const span = timeBetween(start, deadline, terms.timeBasis, calendar);
  return REMINDER_SHARES.map((share) =>
    deadlineAfter(start, `PT${Math.floor((span * share) / 1000)}S`, terms.timeBasis, calendar),
  )
    .filter((point) => point > now && point < deadline)
    .map((point) => point.toISOString());
}

/**
 * The first opening of office hours on a working day after `after`: when the district's supervision office
 * chases a long-overdue case (once each working morning, never at night or on holidays). A deadline that
 * passed in the night is chased that same morning.
 */
export function nextWorkingMorning(after: Date, calendar: WorkCalendar): Date {
  const opens = calendar.officeHours[0]?.start ?? '08:30';
  // A year of days off in a row is a broken calendar, not a reason to loop for ever.
  for (let day = 0; day <= 366; day++) {
    const candidate = chinaDay(new Date(after.getTime() + day * DAY_MS));
    const morning = new Date(`${candidate}T${opens}:00+08:00`);
    if (morning > after && isWorkingDay(candidate, calendar)) return morning;
  }
  throw new RangeError('The calendar has no working day in the coming year');
}

/** What is left of a deadline, as people count it: hours when under a day's worth, else days. */
export interface TimeLeft {
  readonly amount: number;
  readonly unit: 'hours' | 'days';
  readonly basis: CaseTerms['timeBasis'];
}

/** Hours in one working day's office periods, to count working time left in days. */
function officeHoursPerDay(calendar: WorkCalendar): number {
  const minutes = (clock: string) => {
    const [hours = 0, mins = 0] = clock.split(':').map(Number);
    return hours * 60 + mins;
  };
  const total = calendar.officeHours.reduce((sum, p) => sum + minutes(p.end) - minutes(p.start), 0);
  return total > 0 ? total / 60 : 24;
}

/** The time left until `deadline` on the case's clock: "3 working days", "5 hours"; zero once passed. */
export function timeLeft(now: Date, deadline: Date, terms: CaseTerms, calendar: WorkCalendar): TimeLeft {
  const hours = timeBetween(now, deadline, terms.timeBasis, calendar) / 3600_000;
  const perDay = terms.timeBasis === 'working' ? officeHoursPerDay(calendar) : 24;
  if (hours < perDay) return { amount: Math.ceil(hours), unit: 'hours', basis: terms.timeBasis };
  return { amount: Math.floor(hours / perDay), unit: 'days', basis: terms.timeBasis };
}
