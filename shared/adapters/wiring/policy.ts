import { readSettings } from '#adapters/config.ts';
import type { Policy } from '#ports';

/**
 * The district policy, checked at start: how long a resident has to rate a resolved case (RATING_WINDOW); how
 * many deferrals a case may have and how far deferrals and pauses go (MAX_DEFERRALS, MAX_DEFERRAL, MAX_PAUSE);
 * the rating scale (RATING_SCALE), the appeal window (APPEAL_WINDOW) and the re-invitation (RATING_REINVITE_AFTER).
 */
export const policy = (): Policy => {
  const settings = readSettings([
    'RATING_WINDOW',
    'MAX_DEFERRALS',
    'MAX_DEFERRAL',
    'MAX_PAUSE',
    'RATING_SCALE',
    'APPEAL_WINDOW',
    'RATING_REINVITE_AFTER',
  ]);
  return {
    ratingWindow: settings.RATING_WINDOW,
    changeLimits: {
      maxDeferrals: settings.MAX_DEFERRALS,
      maxDeferral: settings.MAX_DEFERRAL,
      maxPause: settings.MAX_PAUSE,
    },
    ratingScale: settings.RATING_SCALE,
    appealWindow: settings.APPEAL_WINDOW,
    reinviteAfter: settings.RATING_REINVITE_AFTER,
  };
};
