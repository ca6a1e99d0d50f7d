import { apiHandler } from '#http/api-handler.ts';
import { dashboardPage } from '#http/pages/dashboard-page.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { problemPages } from '#http/pages/problem-page.ts';

const pages = { zh: dashboardPage('zh'), en: dashboardPage('en') };

/** GET /dashboard: the supervisors' page; public, holds no data: the figures need a token. */
export const handler = apiHandler(
  async (event) => pageResponse(200, pages[langOf(event)], { cache: 'public, max-age=300' }),
  { pages: problemPages() },
);
