import { stats } from '#adapters/wiring/stats.ts';
import { createDeps } from '#adapters/wiring.ts';
import { type StatScope, scopeKey, statsView, zeroCounters } from '#domain/stats.ts';
import { apiHandler } from '#http/api-handler.ts';
import { HttpRequestError } from '#http/problem.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { statsQuery } from '#http/schemas.ts';

const deps = await createDeps({ stats });

/**
 * GET /stats?scope=&id=: the published figures of one unit, read from one counter item (never a scan).
 * Units only: a person's own figures are not for publication.
 */
export const handler = apiHandler(async (event) => {
  const { scope, id } = validate(statsQuery, event.queryStringParameters ?? {});
  if (scope === 'worker') {
    throw new HttpRequestError({
      status: 403,
      title: 'Forbidden',
      detail: 'Figures of one worker are not published.',
    });
  }
  const key = scopeKey(scope as StatScope, id);
  const counters = (await deps.stats.read([key])).get(key) ?? zeroCounters();
  return jsonResponse(200, statsView(scope as StatScope, id, counters));
});
