import { issues } from '#adapters/wiring/issues.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import type { FollowUpList } from '#http/follow-up-schemas.ts';
import { ladderPrincipalOf } from '#http/principal.ts';
import { jsonResponse } from '#http/responses.ts';
import { listFollowUpCalls } from '#use-cases/record-follow-up.ts';

const deps = await createDeps({ issues });

/**
 * GET /workbench/api/cases/{caseId}/follow-ups: a case's follow-up calls (回访), oldest first, for a signed-in
 * supervisor of its community, street or district (JWT). Read-only, like every GET route's function.
 */
export const handler = apiHandler(async (event) => {
  const { personId, unit } = ladderPrincipalOf(event);
  const caseId = event.pathParameters?.caseId ?? '';
  const followUps = await listFollowUpCalls(deps, caseId, { unit, personId });
  return jsonResponse(200, { caseId, followUps: [...followUps] } satisfies FollowUpList);
});
