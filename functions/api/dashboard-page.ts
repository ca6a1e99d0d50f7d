import { categories } from '#adapters/wiring/categories.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { dashboardPage } from '#http/pages/dashboard-page.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { problemPages } from '#http/pages/problem-page.ts';
import { reportPage } from '#http/pages/report-page.ts';

const deps = await createDeps({ categories });

/**
 * GET /dashboard and GET /dashboard/report: the supervisors' page and its printable monthly report; public,
 * they hold no data: the figures need a token. One function serves both shells, which share everything.
 */
export const handler = apiHandler(
  async (event) => {
    await deps.categories.current(); // the pages name the categories in force
    const lang = langOf(event);
    const page =
      event.routeKey === 'GET /dashboard/report'
        ? reportPage(lang, event.queryStringParameters ?? {})
        : dashboardPage(lang);
    return pageResponse(200, page, { cache: 'public, max-age=300' });
  },
  { pages: problemPages() },
);
