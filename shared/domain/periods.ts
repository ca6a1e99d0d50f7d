/** The calendar periods figures are asked for by name; any other span is a custom range of days. */
export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** An inclusive range of China days, `yyyy-mm-dd`. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/** The longest custom range: a year and a day, so any year (leap or not) fits. */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;
const dayTime = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
const dayText = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The number of days from `from` to `to`, both counted. */
export function daysIn(range: DayRange): number {
  return Math.round((dayTime(range.to) - dayTime(range.from)) / DAY_MS) + 1;
}

/** The period of `kind` that contains `day` (China time): weeks run Monday to Sunday, quarters from Jan, Apr, Jul, Oct. */
export function periodContaining(kind: PeriodKind, day: string): DayRange {
  const time = dayTime(day);
  const date = new Date(time);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (kind) {
    case 'day':
      return { from: day, to: day };
    case 'week': {
      const monday = time - ((date.getUTCDay() + 6) % 7) * DAY_MS;
      return { from: dayText(monday), to: dayText(monday + 6 * DAY_MS) };
    }
    case 'month':
      return { from: dayText(Date.UTC(year, month, 1)), to: dayText(Date.UTC(year, month + 1, 0)) };
    case 'quarter': {
      const first = month - (month % 3);
      return { from: dayText(Date.UTC(year, first, 1)), to: dayText(Date.UTC(year, first + 3, 0)) };
    }
  }
}
