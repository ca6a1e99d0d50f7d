import { clock } from '#adapters/wiring/clock.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { stats } from '#adapters/wiring/stats.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { dailyQuery, readableUnit } from '#http/pages/dashboard-api.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { dailySeries } from '#use-cases/dashboard.ts';

const deps = await createDeps({ registry, stats, clock });

/** GET /dashboard/api/daily?scope=&id=&days=30: received and closed per day, from one Query (JWT), within the supervisor's own unit. */
export const handler = apiHandler(async (event) => {
  const { days, ...asked } = validate(dailyQuery, event.queryStringParameters ?? {});
  const { scope, id } = await readableUnit(deps, event, asked);
  return jsonResponse(200, { scope, id, days: await dailySeries(deps, scope, id, days) });
});
