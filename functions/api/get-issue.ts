import { calendars } from '#adapters/wiring/calendars.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { photos } from '#adapters/wiring/photos.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { jsonResponse } from '#http/responses.ts';
import { viewIssue } from '#use-cases/view-issue.ts';

const deps = await createDeps({ issues, clock, calendars, keys, registry, photos });

/**
 * GET /issues/{id}: the public view of a case: where it is, who holds it, its timeline; no reporter data.
 * With the tracking token as a Bearer token the resident also sees the notes written into the timeline.
 */
export const handler = apiHandler(async (event) => {
  const token = /^Bearer\s+(\S+)$/i.exec(event.headers.authorization ?? '')?.[1];
  return jsonResponse(200, await viewIssue(deps, event.pathParameters?.id ?? '', token), {
    vary: 'authorization',
  });
});
