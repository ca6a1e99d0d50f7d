import { describe, expect, it } from 'vitest';
import { secondsUntil } from '#domain/duration.ts';
import { formatTimeLeft } from '#domain/time-left.ts';
import type { WorkCalendar } from '#domain/working-time.ts';

const CALENDAR: WorkCalendar = {
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  workdays: ['2025-09-28', '2025-10-11'],
  officeHours: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '17:30' },
  ],
};
const at = (china: string) => new Date(`${china}+08:00`);

describe('formatTimeLeft', () => {
  it.each([
    ['2025-03-03T09:00:00', '2025-03-06T17:30:00', 'working', 'zh', '还剩 3 个工作日'],
    ['2025-03-03T09:00:00', '2025-03-06T17:30:00', 'working', 'en', '3 working days left'],
    ['2025-03-05T17:00:00', '2025-03-06T17:30:00', 'working', 'en', '1 working day left'],
    ['2025-03-03T11:00:00', '2025-03-03T16:00:00', 'working', 'zh', '还剩 3 个工作小时'],
    ['2025-03-03T11:00:00', '2025-03-03T16:00:00', 'working', 'en', '3 working hours left'],
    ['2025-03-03T11:00:00', '2025-03-03T15:00:00', 'working', 'en', '2 working hours left'],
    ['2025-09-30T17:20:00', '2025-10-09T08:40:00', 'working', 'zh', '还剩 20 分钟（工作时间）'],
    ['2025-09-30T17:20:00', '2025-10-09T08:40:00', 'working', 'en', '20 working minutes left'],
    ['2025-09-30T17:20:00', '2025-10-09T08:40:00', 'calendar', 'en', '8 days left'],
    ['2025-03-03T11:00:00', '2025-03-03T12:00:00', 'calendar', 'zh', '还剩 1 小时'],
    ['2025-03-03T11:00:00', '2025-03-03T11:01:00', 'calendar', 'en', '1 minute left'],
    ['2025-03-03T11:00:00', '2025-03-03T10:00:00', 'working', 'zh', '已超期'],
    ['2025-03-03T11:00:00', '2025-03-03T11:00:00', 'calendar', 'en', 'overdue'],
  ] as const)('from %s to %s (%s, %s) reads "%s"', (now, deadline, basis, lang, expected) => {
    // Act
    const text = formatTimeLeft(at(now), at(deadline), basis, CALENDAR, lang);

    // Assess
    expect(text).toBe(expected);
  });
});

describe('secondsUntil', () => {
  const clockAt = (iso: string, timeScale: number) => ({ now: () => new Date(iso), timeScale });

  it('turns business time left into real seconds under the time scale', () => {
    // Act, Assess
    expect(secondsUntil(new Date('2025-10-09T00:00:00Z'), clockAt('2025-10-01T00:00:00Z', 3600))).toBe(192);
    expect(secondsUntil(new Date('2025-10-01T00:01:00Z'), clockAt('2025-10-01T00:00:00Z', 1))).toBe(60);
  });

  it('rounds up and waits at least one second, even for a deadline already passed', () => {
    // Act, Assess
    expect(secondsUntil(new Date('2025-10-01T00:00:01Z'), clockAt('2025-10-01T00:00:00Z', 3600))).toBe(1);
    expect(secondsUntil(new Date('2025-09-01T00:00:00Z'), clockAt('2025-10-01T00:00:00Z', 1))).toBe(1);
  });
});
