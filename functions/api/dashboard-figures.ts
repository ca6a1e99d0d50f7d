import { registry } from '#adapters/wiring/registry.ts';
import { stats } from '#adapters/wiring/stats.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { readableUnit, unitQuery } from '#http/pages/dashboard-api.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { unitFigures } from '#use-cases/dashboard.ts';

const deps = await createDeps({ registry, stats });

/** GET /dashboard/api/figures?scope=&id=: a unit's figures and those of the units one level down (JWT), within the supervisor's own unit. */
export const handler = apiHandler(async (event) => {
  const query = validate(unitQuery, event.queryStringParameters ?? {});
  const asked = query.scope && query.id ? { scope: query.scope, id: query.id } : undefined;
  const unit = await readableUnit(deps, event, asked);
  return jsonResponse(200, await unitFigures(deps, unit.scope, unit.id));
});
