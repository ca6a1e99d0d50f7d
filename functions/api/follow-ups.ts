import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { type FollowUpList, followUpBody } from '#http/follow-up-schemas.ts';
import { ladderPrincipalOf } from '#http/principal.ts';
import { parseJson } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { recordFollowUpCall } from '#use-cases/record-follow-up.ts';

const deps = await createDeps({ issues, clock });

/**
 * POST /workbench/api/cases/{caseId}/follow-ups: records a follow-up call (回访) on a badly rated case, for a
 * signed-in supervisor of its community, street or district (JWT); answers every call of the case.
 */
export const handler = apiHandler(async (event) => {
  const { personId, unit } = ladderPrincipalOf(event);
  const caseId = event.pathParameters?.caseId ?? '';
  const call = parseJson(event, followUpBody);
  const followUps = await recordFollowUpCall(deps, caseId, { unit, personId }, call);
  return jsonResponse(201, { caseId, followUps: [...followUps] } satisfies FollowUpList);
});
