import { describe, expect, it } from 'vitest';
import { durationToMs, waitSeconds } from '#domain/duration.ts';
import { InvalidDurationError } from '#domain/errors.ts';

describe('durationToMs', () => {
  it.each([
    ['PT30M', 30 * 60_000],
    ['PT2H', 2 * 3_600_000],
    ['PT45S', 45_000],
    ['P3D', 3 * 86_400_000],
    ['P1DT2H3M4S', 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_000],
    ['PT0S', 0],
    ['P1W', 7 * 86_400_000],
    ['P2W3D', 17 * 86_400_000],
    ['PT0.5H', 30 * 60_000],
    ['PT1,5H', 90 * 60_000],
    ['P1DT12H', 36 * 3_600_000],
    ['P0.5D', 12 * 3_600_000],
    ['PT0.25S', 250],
    ['PT90M', 90 * 60_000],
  ])('reads %s as %d ms', (iso, expected) => {
    // Act
    const ms = durationToMs(iso);

    // Assess
    expect(ms).toBe(expected);
  });

  it.each([
    '',
    'P',
    'PT',
    'P1DT',
    'P1Y',
    'P1M',
    'P1Y2D',
    'PT1.5H30M',
    'P0.5DT1H',
    'PT.5H',
    'PT1.H',
    'pt2h',
    '2H',
    'PT2H ',
    'PT-1H',
    'P1H',
  ])('refuses %j with an InvalidDurationError naming the value', (iso) => {
    // Act
    const attempt = () => durationToMs(iso);

    // Assess
    expect(attempt).toThrow(InvalidDurationError);
    expect(attempt).toThrow(expect.objectContaining({ value: iso }));
  });
});

describe('waitSeconds', () => {
  it('gives the real duration in seconds at time scale 1', () => {
    // Act
    const seconds = waitSeconds('P3D', 1);

    // Assess
    expect(seconds).toBe(259_200);
  });

  it('compresses the duration by the time scale', () => {
    // Act
    const seconds = waitSeconds('PT2H', 1800);

    // Assess
    expect(seconds).toBe(4);
  });

  it('rounds a fraction of a second up', () => {
    // Act
    const seconds = waitSeconds('PT1H', 1000);

    // Assess
    expect(seconds).toBe(4);
  });

  it('never waits less than one second', () => {
    // Act
    const compressed = waitSeconds('PT30M', 3600 * 24);
    const zero = waitSeconds('PT0S', 1);

    // Assess
    expect(compressed).toBe(1);
    expect(zero).toBe(1);
  });

  it('throws for an invalid duration', () => {
    // Act
    const attempt = () => waitSeconds('three days', 1);

    // Assess
    expect(attempt).toThrow(InvalidDurationError);
  });
});
