// The supervisors' dashboard routes as the OpenAPI document describes them (./openapi-routes.ts lists them with
// the others).
import type { Operation } from './openapi-routes.ts';
import { dailyQuery, exportQuery, reportQuery, requiredUnitQuery, unitQuery } from './pages/dashboard-api.ts';
import { statsQuery } from './schemas.ts';

/** The dashboard's read routes, behind the supervisors' JWT authorizer; `problems` are the failures they share. */
export function dashboardOperations(problems: Readonly<Record<number, string>>): Operation[] {
  return [
    {
      method: 'GET',
      path: '/dashboard/api/figures',
      tag: 'Figures',
      summary: 'A unit’s figures, the units above it and those one level down (both parameters, or neither)',
      auth: 'supervisor',
      query: unitQuery,
      ok: { status: 200, description: 'The figures', json: 'DashboardFigures' },
      problems,
    },
    {
      method: 'GET',
      path: '/dashboard/api/overdue',
      tag: 'Figures',
      summary: 'A unit’s open cases that passed a deadline or were escalated, most urgent first',
      auth: 'supervisor',
      query: requiredUnitQuery,
      ok: { status: 200, description: 'At most 200 cases', json: 'DashboardOverdue' },
      problems,
    },
    {
      method: 'GET',
      path: '/dashboard/api/daily',
      tag: 'Figures',
      summary: 'Received and closed per day (China Standard Time), today last',
      auth: 'supervisor',
      query: dailyQuery,
      ok: { status: 200, description: 'One entry per day', json: 'DashboardDaily' },
      problems,
    },
    {
      method: 'GET',
      path: '/dashboard/api/export.csv',
      tag: 'Figures',
      summary:
        'A unit’s figures and its units one level down, ranked, with 按期办结率, 满意率, 返工率 and 延期率, as CSV ' +
        '(UTF-8 with a byte order mark); totals, or a period’s figures',
      auth: 'supervisor',
      query: exportQuery,
      ok: { status: 200, description: 'The CSV file (Content-Disposition names it)', media: 'text/csv' },
      problems,
    },
    {
      method: 'GET',
      path: '/dashboard/api/report',
      tag: 'Figures',
      summary:
        'A unit’s monthly report: received and closed per day, the published rates beside the month before’s, ' +
        'the units one level down ranked, and the ten slowest cases closed in the month',
      auth: 'supervisor',
      query: reportQuery,
      ok: { status: 200, description: 'The report', json: 'MonthlyReport' },
      problems,
    },
    {
      method: 'GET',
      path: '/dashboard/api/stats',
      tag: 'Figures',
      summary:
        'GET /stats signed in, within the supervisor’s own unit: the one place a department (`scope=department`) ' +
        'reads its own figures, which only its supervisor and the district see',
      auth: 'supervisor',
      query: statsQuery,
      ok: { status: 200, description: 'As GET /stats answers', json: 'StatsAnswer' },
      problems,
    },
  ];
}
