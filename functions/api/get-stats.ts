import { clock } from '#adapters/wiring/clock.ts';
import { stats } from '#adapters/wiring/stats.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { statsQuery } from '#http/schemas.ts';
import { askedStats } from '#use-cases/unit-stats.ts';

const deps = await createDeps({ stats, clock });

/**
 * GET /stats?scope=&id=[&period=&date= | &from=&to=][&breakdown=]: the published figures of one unit, its totals
 * from one counter item or a period's from its day items (never a scan). Units only: a person's own figures are
 * not for publication.
 */
export const handler = apiHandler(async (event) => {
  return jsonResponse(200, await askedStats(deps, validate(statsQuery, event.queryStringParameters ?? {})));
});
