import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { createDeps } from '#adapters/wiring.ts';
import { IssueNotFoundError } from '#domain/errors.ts';
import { isIssueId, trackingTokenMatches } from '#domain/links.ts';
import { publicViewOf } from '#domain/public-view.ts';
import { apiHandler } from '#http/api-handler.ts';
import { jsonResponse } from '#http/responses.ts';

const deps = await createDeps({ issues, clock, keys });

/**
 * GET /issues/{id}: the public view of a case: where it is, who holds it, its timeline; no reporter data.
 * With the tracking token as a Bearer token the resident also sees the notes written into the timeline.
 */
export const handler = apiHandler(async (event) => {
  const id = event.pathParameters?.id ?? '';
  const stored = isIssueId(id) ? await deps.issues.get(id) : undefined;
  if (!stored) throw new IssueNotFoundError(id);
  const token = /^Bearer\s+(\S+)$/i.exec(event.headers.authorization ?? '')?.[1];
  const resident = token !== undefined && trackingTokenMatches(deps.keys.linkKey, id, token);
  const view = publicViewOf(stored.issue, deps.clock.now().toISOString(), resident ? 'resident' : 'public');
  return jsonResponse(200, view, { vary: 'authorization' });
});
