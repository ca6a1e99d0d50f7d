import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, readSettings } from '#adapters/config.ts';
import { businessClock } from '#adapters/wiring/clock.ts';
import { DEFAULT_CALENDAR } from '#domain/china-calendar.ts';
import { secondsUntil } from '#domain/duration.ts';
import { deadlineAfter } from '#domain/working-time.ts';
import { loadOrCreateClockAnchor } from '#local/clock-anchor.ts';
import { readLocalSettings } from '#local/config.ts';
import { StartupError } from '#local/preflight.ts';

const REAL = Date.parse('2026-11-30T08:00:00Z');
const EVE = '2025-09-30T18:00:00+08:00';

describe('businessClock', () => {
  it('runs from its anchor at the time scale', () => {
    // Prepare
    let real = REAL;
    const clock = businessClock(3600, { business: Date.parse(EVE), real: REAL }, () => real);

    // Act
    real += 24_000;

    // Assess
    expect(clock.now().toISOString()).toBe('2025-10-01T10:00:00.000Z');
    expect(clock.timeScale).toBe(3600);
  });

  it('wakes a wait of secondsUntil a working-time deadline no earlier than the deadline and at most one real second late', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-01T00:00:00Z') }),
        fc.constantFrom(1, 60, 600, 3600),
        fc.constantFrom('PT30M', 'PT4H', 'P1D', 'P3D', 'P13D'),
        (business, timeScale, duration) => {
          let real = REAL;
          const clock = businessClock(timeScale, { business, real: REAL }, () => real);
          const deadline = deadlineAfter(clock.now(), duration, 'working', DEFAULT_CALENDAR);

          real += secondsUntil(deadline, clock) * 1000;

          expect(clock.now().getTime()).toBeGreaterThanOrEqual(deadline.getTime());
          expect(clock.now().getTime() - deadline.getTime()).toBeLessThan(1000 * timeScale);
        },
      ),
    );
  });

  it('is real time without an anchor', () => {
    // Act
    const clock = businessClock(60, undefined, () => REAL);

    // Assess
    expect(clock.now().getTime()).toBe(REAL);
  });

  it('reads its anchor from CLOCK_ANCHOR and refuses a malformed one', () => {
    // Act
    const good = readSettings(['CLOCK_ANCHOR'], { CLOCK_ANCHOR: `${EVE}@2026-11-30T08:00:00Z` });
    const bad = () => readSettings(['CLOCK_ANCHOR'], { CLOCK_ANCHOR: 'yesterday@today' });

    // Assess
    expect(good.CLOCK_ANCHOR).toEqual({ business: Date.parse(EVE), real: REAL });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/CLOCK_ANCHOR/);
  });
});

describe('loadOrCreateClockAnchor', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gridwork-clock-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves plain real time alone', async () => {
    // Act
    const anchor = await loadOrCreateClockAnchor(dataDir, { TIME_SCALE: 1 }, REAL);

    // Assess
    expect(anchor).toBeUndefined();
  });

  it('starts at CLOCK_START and carries on from where business time got to after a restart', async () => {
    // Prepare
    const first = await loadOrCreateClockAnchor(dataDir, { CLOCK_START: EVE, TIME_SCALE: 3600 }, REAL);

    // Act: ten real seconds later, restarted with another pace
    const second = await loadOrCreateClockAnchor(
      dataDir,
      { CLOCK_START: EVE, TIME_SCALE: 60 },
      REAL + 10_000,
    );
    const third = await loadOrCreateClockAnchor(dataDir, { TIME_SCALE: 60 }, REAL + 20_000);

    // Assess
    expect(first).toBe('2025-09-30T10:00:00.000Z@2026-11-30T08:00:00.000Z');
    expect(second).toBe('2025-09-30T20:00:00.000Z@2026-11-30T08:00:10.000Z');
    expect(third).toBe('2025-09-30T20:10:00.000Z@2026-11-30T08:00:20.000Z');
  });

  it('refuses another CLOCK_START over data that keeps its own business time', async () => {
    // Prepare
    await loadOrCreateClockAnchor(dataDir, { CLOCK_START: EVE, TIME_SCALE: 3600 }, REAL);

    // Act
    const restart = loadOrCreateClockAnchor(
      dataDir,
      { CLOCK_START: '2025-12-31T17:00:00+08:00', TIME_SCALE: 3600 },
      REAL,
    );

    // Assess
    await expect(restart).rejects.toThrow(StartupError);
    await expect(restart).rejects.toThrow(/fresh data folder/);
  });

  it('refuses a clock file it did not write', async () => {
    // Prepare
    await writeFile(join(dataDir, 'clock.json'), '{"business":"soon"}');

    // Act, Assess
    await expect(loadOrCreateClockAnchor(dataDir, { TIME_SCALE: 1 }, REAL)).rejects.toThrow(/clock\.json/);
    expect(await readFile(join(dataDir, 'clock.json'), 'utf8')).toBe('{"business":"soon"}');
  });
});

describe('CLOCK_START', () => {
  it('takes an instant with its offset and nothing else', () => {
    // Act
    const good = readLocalSettings({ CLOCK_START: EVE });
    const bad = () => readLocalSettings({ CLOCK_START: '2025-09-30 18:00' });

    // Assess
    expect(good.CLOCK_START).toBe(EVE);
    expect(bad).toThrow(/CLOCK_START/);
  });
});
