import { readSettings } from '#adapters/config.ts';
import type { Policy } from '#ports';

/** The district policy: how long a resident has to rate a resolved case (RATING_WINDOW, an ISO 8601 duration checked at start; the district default otherwise). */
export const policy = (): Policy => ({ ratingWindow: readSettings(['RATING_WINDOW']).RATING_WINDOW });
