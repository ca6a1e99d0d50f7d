import { clock } from '#adapters/wiring/clock.ts';
import { openCases } from '#adapters/wiring/open-cases.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { readableUnit, requiredUnitQuery } from '#http/pages/dashboard-api.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { watchList } from '#use-cases/dashboard.ts';

const deps = await createDeps({ registry, clock, openCases });

/** GET /dashboard/api/overdue?scope=&id=: the unit's open cases that are overdue or escalated (JWT), within the supervisor's own unit. */
export const handler = apiHandler(async (event) => {
  const { scope, id } = await readableUnit(
    deps,
    event,
    validate(requiredUnitQuery, event.queryStringParameters ?? {}),
  );
  return jsonResponse(200, { scope, id, ...(await watchList(deps, scope, id)) });
});
