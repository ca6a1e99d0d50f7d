import type { Clock } from '#ports';

/** Real time, whatever TIME_SCALE and CLOCK_START make of business time. */
export const wallClock = (): Clock => ({ now: () => new Date(), timeScale: 1 });
