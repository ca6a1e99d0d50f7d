import { photoOrigin } from '#adapters/wiring/photos.ts';
import { apiHandler } from '#http/api-handler.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { problemPages } from '#http/pages/problem-page.ts';
import { residentPage } from '#http/pages/resident-page.ts';

const pages = { zh: residentPage('zh'), en: residentPage('en') };
// The page uploads photos straight to the bucket.
const origin = await photoOrigin();

/** GET /: the report form. The same for everyone, so it is rendered once per cold start and may be cached. */
export const handler = apiHandler(
  async (event) =>
    pageResponse(200, pages[langOf(event)], { cache: 'public, max-age=300', photoOrigin: origin }),
  { pages: problemPages() },
);
