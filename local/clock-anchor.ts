// Business time on a local run: one anchor per data directory, kept beside the data, so every function reads
// the same instant and a restart neither rewinds nor jumps the clock. Business time keeps running while the
// runtime is stopped, as a wall clock does; a restart with another TIME_SCALE re-anchors at the business
// instant reached, so time changes pace, never place.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClockAnchor } from '#adapters/wiring/clock.ts';
import { StartupError } from './preflight.ts';

interface SavedClock extends ClockAnchor {
  /** The CLOCK_START this data directory began with, if any. */
  readonly clockStart?: string | undefined;
  readonly timeScale: number;
}

/** The anchor of this run, as the CLOCK_ANCHOR setting every function gets; undefined for plain real time. */
export async function loadOrCreateClockAnchor(
  dataDir: string,
  settings: { readonly CLOCK_START?: string | undefined; readonly TIME_SCALE: number },
  realNow: number = Date.now(),
): Promise<string | undefined> {
  const path = join(dataDir, 'clock.json');
  const saved = await readSaved(path);
  if (
    saved &&
    settings.CLOCK_START &&
    Date.parse(settings.CLOCK_START) !== Date.parse(saved.clockStart ?? '')
  ) {
    throw new StartupError(
      `the data in ${dataDir} keeps business time that began at ${saved.clockStart ?? 'the real time'}; ` +
        'CLOCK_START applies to a fresh data folder: drop CLOCK_START, or set DATA_DIR=… to a new folder',
    );
  }
  if (!saved && !settings.CLOCK_START && settings.TIME_SCALE === 1) return undefined;
  const business = saved
    ? saved.business + (realNow - saved.real) * saved.timeScale
    : settings.CLOCK_START
      ? Date.parse(settings.CLOCK_START)
      : realNow;
  const next: SavedClock = {
    business,
    real: realNow,
    timeScale: settings.TIME_SCALE,
    clockStart: saved ? saved.clockStart : settings.CLOCK_START,
  };
  await writeFile(path, JSON.stringify(next), { mode: 0o600 });
  return `${new Date(next.business).toISOString()}@${new Date(next.real).toISOString()}`;
}

async function readSaved(path: string): Promise<SavedClock | undefined> {
  try {
    const saved = JSON.parse(await readFile(path, 'utf8')) as Partial<SavedClock>;
    if (
      typeof saved.business !== 'number' ||
      typeof saved.real !== 'number' ||
      !(Number(saved.timeScale) > 0)
    )
      throw new Error('malformed');
    return saved as SavedClock;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StartupError(`${path} is not a clock this version wrote; remove it to restart business time`);
  }
}
