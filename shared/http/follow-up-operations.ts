// The follow-up call records (回访) as the OpenAPI document describes them (./openapi-routes.ts lists them with
// the others).
import type { Operation } from './openapi-routes.ts';

const PATH = '/workbench/api/cases/{caseId}/follow-ups';
const WHO =
  'For a signed-in supervisor (JWT) of the case’s community, street office or district; a grid worker, another ' +
  'unit or a department is refused.';

/** POST and GET /workbench/api/cases/{caseId}/follow-ups, behind the supervisors’ JWT authorizer. */
export function followUpOperations(badBody: Readonly<Record<number, string>>): Operation[] {
  return [
    {
      method: 'POST',
      path: PATH,
      tag: 'Figures',
      summary: 'Records a follow-up call (回访) to the resident of a badly rated case',
      description:
        `${WHO} Who called, when, what the resident said and whether they are now satisfied stay in the ` +
        'case’s record; its timeline gets a `followed_up` entry without the resident’s words, and no message ' +
        'quotes them.',
      auth: 'supervisor',
      body: { schema: 'FollowUpBody' },
      ok: {
        status: 201,
        description: 'Recorded; every call of the case, oldest first',
        json: 'FollowUpList',
      },
      problems: {
        ...badBody,
        403: 'A unit that is not above the case’s grid; a token that names no unit.',
        404: 'No such case (`urn:problem:gridwork:issue-not-found`).',
        409:
          'The case has no bad rating, already has 20 calls, the call is dated in the future, or the case ' +
          'changed meanwhile (`urn:problem:gridwork:state-conflict`).',
        415: 'The body is not `application/json`.',
        422: 'Invalid or unknown fields (`errors[].path` names each).',
      },
    },
    {
      method: 'GET',
      path: PATH,
      tag: 'Figures',
      summary: 'Lists a case’s follow-up calls (回访)',
      description: WHO,
      auth: 'supervisor',
      ok: { status: 200, description: 'Every call of the case, oldest first', json: 'FollowUpList' },
      problems: {
        403: 'A unit that is not above the case’s grid; a token that names no unit.',
        404: 'No such case (`urn:problem:gridwork:issue-not-found`).',
      },
    },
  ];
}
