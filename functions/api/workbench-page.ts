import { categories } from '#adapters/wiring/categories.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { problemPages } from '#http/pages/problem-page.ts';
import { workbenchPage } from '#http/pages/workbench-page.ts';

const deps = await createDeps({ categories });

/** GET /workbench: the supervisors' workbench; public, holds no data: every case needs a token. */
export const handler = apiHandler(
  async (event) => {
    await deps.categories.current(); // the filter lists the categories in force
    return pageResponse(200, workbenchPage(langOf(event)), { cache: 'public, max-age=300' });
  },
  { pages: problemPages() },
);
