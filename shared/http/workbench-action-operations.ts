// The workbench's action route as the OpenAPI document describes it (./openapi-routes.ts lists it with the others).
import type { Operation } from './openapi-routes.ts';

/** POST /workbench/api/cases/{caseId}/actions, behind the supervisors' JWT authorizer. */
export function workbenchActionOperations(badBody: Readonly<Record<number, string>>): Operation[] {
  return [
    {
      method: 'POST',
      path: '/workbench/api/cases/{caseId}/actions',
      tag: 'Figures',
      summary: 'A supervisor acts on a case of their unit, as a link would',
      description:
        '`action` is one of `supervise` (督办: `note` and `until`; the holder keeps the case), `take_over`, ' +
        '`reassign` (`gridId` in the supervisor’s unit), `transfer` (`departmentId`, `note`), `decide_change` ' +
        '(`decision` approve|refuse, optional `until`), `decide_appeal` (`decision` uphold|reject; only the level ' +
        'one up from the accountable unit) or `merge` (`intoCaseId`: the duplicate closes pointing at it and ' +
        'counts in no figure). `version` is the case version the supervisor saw. Each action is one write, ' +
        'recorded in the audit trail.',
      auth: 'supervisor',
      body: { schema: 'WorkbenchActionBody' },
      ok: { status: 200, description: 'Done; the workflow was woken', json: 'IssueStatusAnswer' },
      problems: {
        ...badBody,
        403: 'The token names no supervisor of its unit, the level may not take this action, or a target grid lies outside the unit.',
        404: 'No such case in the supervisor’s unit (`urn:problem:gridwork:issue-not-found`).',
        409: 'The case changed since `version`, or its state does not allow the action (`urn:problem:gridwork:state-conflict`).',
        415: 'The body is not `application/json`.',
        422: 'Invalid or missing fields (`errors[].path` names each); an unknown grid or department; a date the rules do not allow.',
        503: 'The action was stored but the workflow could not be woken; it applies by the deadline at the latest.',
      },
    },
  ];
}
