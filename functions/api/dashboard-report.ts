import { clock } from '#adapters/wiring/clock.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { slowestCases } from '#adapters/wiring/slowest-cases.ts';
import { stats } from '#adapters/wiring/stats.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { readableUnit, reportQuery } from '#http/pages/dashboard-api.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { monthlyReport } from '#use-cases/monthly-report.ts';

const deps = await createDeps({ registry, stats, slowestCases, clock });

/**
 * GET /dashboard/api/report?month=[&scope=&id=]: a unit's monthly report (JWT), within the supervisor's own unit:
 * days, published rates beside the month before's, the units one level down ranked, the slowest cases.
 */
export const handler = apiHandler(async (event) => {
  const { month, ...asked } = validate(reportQuery, event.queryStringParameters ?? {});
  const unit = await readableUnit(
    deps,
    event,
    asked.scope && asked.id ? { scope: asked.scope, id: asked.id } : undefined,
  );
  return jsonResponse(200, await monthlyReport(deps, unit, month));
});
