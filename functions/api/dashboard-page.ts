import { categories } from '#adapters/wiring/categories.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { dashboardPage } from '#http/pages/dashboard-page.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { problemPages } from '#http/pages/problem-page.ts';

const deps = await createDeps({ categories });

/** GET /dashboard: the supervisors' page; public, holds no data: the figures need a token. */
export const handler = apiHandler(
  async (event) => {
    await deps.categories.current(); // the page lists the categories in force
    return pageResponse(200, dashboardPage(langOf(event)), { cache: 'public, max-age=300' });
  },
  { pages: problemPages() },
);
