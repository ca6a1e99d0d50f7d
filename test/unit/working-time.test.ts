import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deadlineAfter,
  instantAfter,
  isOfficeTime,
  isWorkingDay,
  timeBetween,
  type WorkCalendar,
} from '#domain/working-time.ts';

/** Office hours of the district with China's 2025–2026 days off and make-up days around them. */
const CALENDAR: WorkCalendar = {
  holidays: [
    '2025-01-01',
    '2025-01-28',
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-02-03',
    '2025-02-04',
    '2025-10-01',
    '2025-10-02',
    '2025-10-03',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08',
    '2026-01-01',
    '2026-01-02',
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11', '2026-01-04'],
  officeHours: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '17:30' },
  ],
};

const at = (china: string) => new Date(`${china}+08:00`);
const HOUR = 3_600_000;

describe('deadlineAfter in working time', () => {
  it.each([
    ['a Monday morning report, three working days', '2025-03-03T09:00:00', 'P3D', '2025-03-06T17:30:00'],
    ['a Monday evening report, three working days', '2025-03-03T21:00:00', 'P3D', '2025-03-06T17:30:00'],
    ['a Friday report skips the weekend', '2025-03-07T10:00:00', 'P1D', '2025-03-10T17:30:00'],
    ['the eve of National Day waits out the holiday', '2025-09-30T16:00:00', 'P1D', '2025-10-09T17:30:00'],
    ['the make-up Saturday after National Day counts', '2025-10-09T10:00:00', 'P2D', '2025-10-11T17:30:00'],
    ['the make-up Sunday before National Day counts', '2025-09-26T10:00:00', 'P1D', '2025-09-28T17:30:00'],
    [
      'year end runs past New Year’s Day to the make-up Sunday',
      '2025-12-31T15:00:00',
      'P1D',
      '2026-01-04T17:30:00',
    ],
    ['a working week is five working days', '2025-03-03T09:00:00', 'P1W', '2025-03-10T17:30:00'],
    [
      'four hours from 11:59 skip the lunch break and the night',
      '2025-03-03T11:59:00',
      'PT4H',
      '2025-03-04T09:29:00',
    ],
    ['a report at 11:59, one hour', '2025-03-03T11:59:00', 'PT1H', '2025-03-03T15:29:00'],
    ['a report in the lunch break starts at 14:30', '2025-03-03T12:30:00', 'PT2H', '2025-03-03T16:30:00'],
    ['an hour that ends at noon stays at noon', '2025-03-03T11:00:00', 'PT1H', '2025-03-03T12:00:00'],
    ['a report at night starts next morning', '2025-03-03T22:00:00', 'PT30M', '2025-03-04T09:00:00'],
    ['hours run over the evening', '2025-03-03T17:00:00', 'PT4H', '2025-03-04T12:00:00'],
    ['hours run over the eve of National Day', '2025-09-30T17:00:00', 'PT1H', '2025-10-09T09:00:00'],
    ['hours on New Year’s Eve', '2025-12-31T17:00:00', 'PT2H', '2026-01-04T10:00:00'],
    ['a day and some hours', '2025-03-03T10:00:00', 'P1DT1H', '2025-03-05T09:30:00'],
    ['half a working day', '2025-03-03T08:30:00', 'P0.5D', '2025-03-03T11:45:00'],
  ])('%s', (_case, start, duration, expected) => {
    // Act
    const deadline = deadlineAfter(at(start), duration, 'working', CALENDAR);

    // Assess
    expect(deadline.toISOString()).toBe(at(expected).toISOString());
  });

  it('counts calendar time around the clock', () => {
    // Act
    const deadline = deadlineAfter(at('2025-09-30T16:00:00'), 'PT8H', 'calendar', CALENDAR);

    // Assess
    expect(deadline.toISOString()).toBe(at('2025-10-01T00:00:00').toISOString());
  });

  it('refuses a malformed duration', () => {
    // Act, Assess
    expect(() => deadlineAfter(at('2025-03-03T09:00:00'), '3 days', 'working', CALENDAR)).toThrow(/3 days/);
  });
});

describe('timeBetween in working time', () => {
  it.each([
    ['a whole working day', '2025-03-03T00:00:00', '2025-03-04T00:00:00', 6.5 * HOUR],
    ['across the lunch break', '2025-03-03T11:00:00', '2025-03-03T15:00:00', 1.5 * HOUR],
    ['over a weekend', '2025-03-07T17:00:00', '2025-03-10T09:00:00', 1 * HOUR],
    [
      'over National Day with its make-up Saturday',
      '2025-09-30T00:00:00',
      '2025-10-12T00:00:00',
      4 * 6.5 * HOUR,
    ],
    ['backwards', '2025-03-04T00:00:00', '2025-03-03T00:00:00', 0],
  ])('measures %s', (_case, from, to, expected) => {
    // Act
    const ms = timeBetween(at(from), at(to), 'working', CALENDAR);

    // Assess
    expect(ms).toBe(expected);
  });
});

describe('the calendar', () => {
  it.each([
    ['2025-10-08', false],
    ['2025-10-11', true],
    ['2025-10-12', false],
    ['2025-10-09', true],
    ['2026-01-04', true],
  ])('says whether %s is a working day', (day, expected) => {
    // Act, Assess
    expect(isWorkingDay(day, CALENDAR)).toBe(expected);
  });

  it('refuses office hours that overlap', () => {
    // Prepare
    const broken: WorkCalendar = {
      ...CALENDAR,
      officeHours: [
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '17:30' },
      ],
    };

    // Act, Assess
    expect(() => deadlineAfter(at('2025-03-03T09:00:00'), 'PT1H', 'working', broken)).toThrow(
      /previous one ends/,
    );
  });
});

// Instants from the end of 2024 to the start of 2027, to the minute: every holiday and make-up day above in reach.
const instants = fc
  .integer({
    min: Date.parse('2024-12-20T00:00:00Z') / 60_000,
    max: Date.parse('2026-12-31T00:00:00Z') / 60_000,
  })
  .map((minute) => new Date(minute * 60_000));
const durations = fc.oneof(
  fc.integer({ min: 1, max: 20 }).map((days) => `P${days}D`),
  fc.integer({ min: 1, max: 60 }).map((hours) => `PT${hours}H`),
  fc.integer({ min: 1, max: 600 }).map((minutes) => `PT${minutes}M`),
  fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 7 }))
    .map(([days, hours]) => `P${days}DT${hours}H`),
);

describe('working-time properties', () => {
  it('a later start never gives an earlier deadline', () => {
    fc.assert(
      fc.property(instants, instants, durations, (a, b, duration) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const first = deadlineAfter(early, duration, 'working', CALENDAR);
        const second = deadlineAfter(late, duration, 'working', CALENDAR);
        expect(first.getTime()).toBeLessThanOrEqual(second.getTime());
      }),
    );
  });

  it('a longer duration never gives an earlier deadline', () => {
    fc.assert(
      fc.property(
        instants,
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (start, a, b) => {
          const [short, long] = a <= b ? [a, b] : [b, a];
          const first = deadlineAfter(start, `PT${short}H`, 'working', CALENDAR);
          const second = deadlineAfter(start, `PT${long}H`, 'working', CALENDAR);
          expect(first.getTime()).toBeLessThanOrEqual(second.getTime());
        },
      ),
    );
  });

  it('a deadline is always in office hours on a working day, never in a holiday', () => {
    fc.assert(
      fc.property(instants, durations, (start, duration) => {
        const deadline = deadlineAfter(start, duration, 'working', CALENDAR);
        expect(isOfficeTime(deadline, CALENDAR)).toBe(true);
        expect(CALENDAR.holidays).not.toContain(
          new Date(deadline.getTime() + 8 * HOUR - 1).toISOString().slice(0, 10),
        );
        expect(deadline.getTime()).toBeGreaterThan(start.getTime());
      }),
    );
  });

  it('hours of office time measure back to what was added', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 200 }), (start, minutes) => {
        const deadline = deadlineAfter(start, `PT${minutes}M`, 'working', CALENDAR);
        expect(timeBetween(start, deadline, 'working', CALENDAR)).toBe(minutes * 60_000);
        expect(instantAfter(start, minutes * 60_000, 'working', CALENDAR)).toEqual(deadline);
      }),
    );
  });

  it('a make-up Saturday counts as a working day when crossed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (days) => {
        // From the Thursday before the make-up Saturday 2025-02-08 (Friday 02-07 is a working day).
        const start = at('2025-02-06T10:00:00');
        const withMakeUp = deadlineAfter(start, `P${days}D`, 'working', CALENDAR);
        const without = deadlineAfter(start, `P${days}D`, 'working', { ...CALENDAR, workdays: [] });
        if (days >= 2) expect(withMakeUp.getTime()).toBeLessThan(without.getTime());
        else expect(withMakeUp).toEqual(without);
        expect(timeBetween(at('2025-02-08T00:00:00'), at('2025-02-09T00:00:00'), 'working', CALENDAR)).toBe(
          6.5 * HOUR,
        );
      }),
    );
  });
});
