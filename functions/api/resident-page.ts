import { categories } from '#adapters/wiring/categories.ts';
import { photoOrigin } from '#adapters/wiring/photos.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { problemPages } from '#http/pages/problem-page.ts';
import { residentPage } from '#http/pages/resident-page.ts';

const deps = await createDeps({ categories });
// The page uploads photos straight to the bucket.
const origin = await photoOrigin();

/** GET /: the report form, listing the categories in force. The same for everyone, so it may be cached. */
export const handler = apiHandler(
  async (event) => {
    await deps.categories.current(); // the page lists the categories in force
    return pageResponse(200, residentPage(langOf(event)), {
      cache: 'public, max-age=300',
      photoOrigin: origin,
    });
  },
  { pages: problemPages() },
);
