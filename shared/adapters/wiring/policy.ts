import { readSettings } from '#adapters/config.ts';
import type { Policy } from '#ports';

/**
 * The district policy, checked at start: how long a resident has to rate a resolved case (RATING_WINDOW), and
 * how many deferrals a case may have and how far deferrals and pauses go (MAX_DEFERRALS, MAX_DEFERRAL,
 * MAX_PAUSE); the district defaults where unset.
 */
export const policy = (): Policy => {
  const settings = readSettings(['RATING_WINDOW', 'MAX_DEFERRALS', 'MAX_DEFERRAL', 'MAX_PAUSE']);
  return {
    ratingWindow: settings.RATING_WINDOW,
    changeLimits: {
      maxDeferrals: settings.MAX_DEFERRALS,
      maxDeferral: settings.MAX_DEFERRAL,
      maxPause: settings.MAX_PAUSE,
    },
  };
};
