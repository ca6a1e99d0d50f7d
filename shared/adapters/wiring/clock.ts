import { readSettings } from '#adapters/config.ts';
import type { Clock } from '#ports';

/** Where business time stood at one real instant (epoch ms of each). */
export interface ClockAnchor {
  readonly business: number;
  readonly real: number;
}

/**
 * Business time: from the anchor it runs `timeScale` times faster than real time, so every function that
 * shares the anchor reads the same business instant; without an anchor it is real time.
 */
export function businessClock(
  timeScale: number,
  anchor: ClockAnchor | undefined,
  realNow: () => number = Date.now,
): Clock {
  if (!anchor) return { now: () => new Date(realNow()), timeScale };
  return { now: () => new Date(anchor.business + (realNow() - anchor.real) * timeScale), timeScale };
}

/** The business clock of TIME_SCALE (default 1) and CLOCK_ANCHOR (local runs only). */
export const clock = (): Clock => {
  const { TIME_SCALE, CLOCK_ANCHOR } = readSettings(['TIME_SCALE', 'CLOCK_ANCHOR']);
  return businessClock(TIME_SCALE, CLOCK_ANCHOR);
};
