import { clock } from '#adapters/wiring/clock.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { stats } from '#adapters/wiring/stats.ts';
import { createDeps } from '#adapters/wiring.ts';
import { FiguresNotPublishedError } from '#domain/errors.ts';
import { apiHandler } from '#http/api-handler.ts';
import { readableUnit } from '#http/pages/dashboard-api.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { statsQuery } from '#http/schemas.ts';
import { askedStats } from '#use-cases/unit-stats.ts';

const deps = await createDeps({ registry, stats, clock });

/**
 * GET /dashboard/api/stats: GET /stats signed in (JWT), within the supervisor's own unit; the one place a
 * department's supervisor reads their department's figures, which the public route does not publish.
 */
export const handler = apiHandler(async (event) => {
  const query = validate(statsQuery, event.queryStringParameters ?? {});
  if (query.scope === 'worker') throw new FiguresNotPublishedError(query.scope);
  const unit = await readableUnit(deps, event, { scope: query.scope, id: query.id });
  return jsonResponse(200, await askedStats(deps, { ...query, ...unit }, 'signedIn'));
});
