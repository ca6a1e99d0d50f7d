import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { type FollowUpList, followUpBody } from '#http/follow-up-schemas.ts';
import { principalOf } from '#http/principal.ts';
import { parseJson } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { listFollowUpCalls, recordFollowUpCall } from '#use-cases/record-follow-up.ts';

const deps = await createDeps({ issues, clock });

/**
 * POST /workbench/api/cases/{caseId}/follow-ups records a follow-up call (回访) on a badly rated case; GET lists
 * the case's calls. Both for a signed-in supervisor of the case's community, street or district (JWT).
 */
export const handler = apiHandler(async (event) => {
  const { personId, unit } = principalOf(event);
  const caseId = event.pathParameters?.caseId ?? '';
  const by = { unit, personId };
  if (event.requestContext.http.method === 'GET') {
    const followUps = await listFollowUpCalls(deps, caseId, by);
    return jsonResponse(200, { caseId, followUps: [...followUps] } satisfies FollowUpList);
  }
  const call = parseJson(event, followUpBody);
  const followUps = await recordFollowUpCall(deps, caseId, by, call);
  return jsonResponse(201, { caseId, followUps: [...followUps] } satisfies FollowUpList);
});
