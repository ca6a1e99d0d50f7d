import { readSettings } from '#adapters/config.ts';
import type { Clock } from '#ports';

/** The system clock; TIME_SCALE (default 1) compresses workflow deadlines on a local run. */
export const clock = (): Clock => ({
  now: () => new Date(),
  timeScale: readSettings(['TIME_SCALE']).TIME_SCALE,
});
