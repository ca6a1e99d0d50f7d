import { stats } from '#adapters/wiring/stats.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { statsQuery } from '#http/schemas.ts';
import { unitStats } from '#use-cases/unit-stats.ts';

const deps = await createDeps({ stats });

/**
 * GET /stats?scope=&id=: the published figures of one unit, read from one counter item (never a scan).
 * Units only: a person's own figures are not for publication.
 */
export const handler = apiHandler(async (event) => {
  const { scope, id } = validate(statsQuery, event.queryStringParameters ?? {});
  return jsonResponse(200, await unitStats(deps, scope, id));
});
