import { categories } from '#adapters/wiring/categories.ts';
import { photoOrigin } from '#adapters/wiring/photos.ts';
import { policy } from '#adapters/wiring/policy.ts';
import { createDeps } from '#adapters/wiring.ts';
import { IssueNotFoundError } from '#domain/errors.ts';
import { isIssueId } from '#domain/links.ts';
import { DEFAULT_RATING_SCALE } from '#domain/rating-scale.ts';
import { apiHandler } from '#http/api-handler.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { problemPages } from '#http/pages/problem-page.ts';
import { trackPage } from '#http/pages/track-page.ts';

const deps = await createDeps({ categories, policy });
// The page shows the case's photos from the bucket.
const origin = await photoOrigin();

/**
 * GET /track/{id}: the shell of the tracking page; its module reads the case from GET /issues/{id}. The
 * tracking token stays in the browser (the fragment and localStorage) and never reaches this route.
 */
export const handler = apiHandler(
  async (event) => {
    const id = event.pathParameters?.id ?? '';
    if (!isIssueId(id)) throw new IssueNotFoundError(id);
    await deps.categories.current(); // the page names the categories in force
    return pageResponse(200, trackPage(langOf(event), id, deps.policy.ratingScale ?? DEFAULT_RATING_SCALE), {
      photoOrigin: origin,
    });
  },
  { pages: problemPages() },
);
