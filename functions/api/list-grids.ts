import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { gridsQuery } from '#http/schemas.ts';
import { listGrids } from '#use-cases/list-grids.ts';

const deps = await createDeps({ registry });

/** GET /grids?limit=&cursor=: the grids a resident can pick, with their workers and registered addresses. */
export const handler = apiHandler(async (event) => {
  const query = validate(gridsQuery, event.queryStringParameters ?? {});
  return jsonResponse(200, await listGrids(deps, query.limit, query.cursor));
});
