import { describe, expect, it } from 'vitest';
import { CHINA_CALENDAR_DAYS, DEFAULT_CALENDAR } from '#domain/china-calendar.ts';
import { isWorkingDay } from '#domain/working-time.ts';

/** Every China day from `first` to `last`, inclusive. */
function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (
    let day = Date.parse(`${first}T00:00:00Z`);
    day <= Date.parse(`${last}T00:00:00Z`);
    day += 86_400_000
  ) {
    days.push(new Date(day).toISOString().slice(0, 10));
  }
  return days;
}

// The arrangements as the State Council's notices publish them: the days off in a row, and the weekend days
// worked instead.
const NOTICES = [
  { holiday: '2025 元旦', off: ['2025-01-01', '2025-01-01'], makeUp: [] },
  { holiday: '2025 春节', off: ['2025-01-28', '2025-02-04'], makeUp: ['2025-01-26', '2025-02-08'] },
  { holiday: '2025 清明节', off: ['2025-04-04', '2025-04-06'], makeUp: [] },
  { holiday: '2025 劳动节', off: ['2025-05-01', '2025-05-05'], makeUp: ['2025-04-27'] },
  { holiday: '2025 端午节', off: ['2025-05-31', '2025-06-02'], makeUp: [] },
  { holiday: '2025 国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], makeUp: ['2025-09-28', '2025-10-11'] },
  { holiday: '2026 元旦', off: ['2026-01-01', '2026-01-03'], makeUp: ['2026-01-04'] },
  { holiday: '2026 春节', off: ['2026-02-15', '2026-02-23'], makeUp: ['2026-02-14', '2026-02-28'] },
  { holiday: '2026 清明节', off: ['2026-04-04', '2026-04-06'], makeUp: [] },
  { holiday: '2026 劳动节', off: ['2026-05-01', '2026-05-05'], makeUp: ['2026-05-09'] },
  { holiday: '2026 端午节', off: ['2026-06-19', '2026-06-21'], makeUp: [] },
  { holiday: '2026 中秋节', off: ['2026-09-25', '2026-09-27'], makeUp: [] },
  { holiday: '2026 国庆节', off: ['2026-10-01', '2026-10-07'], makeUp: ['2026-09-20', '2026-10-10'] },
] as const;

describe('the shipped calendar', () => {
  it.each(NOTICES)('follows the notice for $holiday', ({ off, makeUp }) => {
    // Act
    const offDays = daysFrom(off[0], off[1]).filter((day) => isWorkingDay(day, DEFAULT_CALENDAR));
    const makeUpDays = makeUp.filter((day) => !isWorkingDay(day, DEFAULT_CALENDAR));

    // Assess: nothing worked inside the holiday, every make-up day worked
    expect(offDays).toEqual([]);
    expect(makeUpDays).toEqual([]);
  });

  it('has no working day off and no make-up day outside the notices in 2025 and 2026', () => {
    // Prepare
    const noticed = new Set(NOTICES.flatMap(({ off, makeUp }) => [...daysFrom(off[0], off[1]), ...makeUp]));

    // Act
    const unexplained = CHINA_CALENDAR_DAYS.filter(
      (day) => day.date < '2027-01-01' && !noticed.has(day.date),
    );

    // Assess
    expect(unexplained).toEqual([]);
  });

  it('lists each day once, in date order, and make-up days only on weekends', () => {
    // Act
    const dates = CHINA_CALENDAR_DAYS.map((day) => day.date);
    const weekdayMakeUps = CHINA_CALENDAR_DAYS.filter(
      (day) => day.kind === 'workday' && ![0, 6].includes(new Date(`${day.date}T00:00:00Z`).getUTCDay()),
    );

    // Assess
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates).toEqual([...dates].sort());
    expect(weekdayMakeUps).toEqual([]);
  });

  it('keeps the statutory days of 2027 off until the notice is imported', () => {
    // Act
    const worked = [
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-04-05',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
    ].filter((day) => isWorkingDay(day, DEFAULT_CALENDAR));

    // Assess
    expect(worked).toEqual([]);
  });
});
