// The supervisors' workbench reads as the OpenAPI document describes them (./openapi-routes.ts lists them with
// the others).
import type { Operation } from './openapi-routes.ts';
import { auditQuery, caseExportQuery, caseListQuery } from './workbench-schemas.ts';

/** The workbench's read routes, behind the supervisors' JWT authorizer; `badQuery` is the shared 422. */
export function workbenchOperations(badQuery: string): Operation[] {
  const noUnit = 'A token that names no unit.';
  return [
    {
      method: 'GET',
      path: '/workbench/api/cases',
      tag: 'Workbench',
      summary:
        'The supervisor’s unit’s cases, newest first, filtered and paged (`next`); or a search by case number ' +
        'or phone number. Phones are masked in the list.',
      description:
        'A request examines at most 200 cases when a filter is not part of an index key: the page may then come ' +
        'back short, with `next` to go on. A department’s supervisor lists the cases whose latest transfer went ' +
        'to the department; `level` is then a 422.',
      auth: 'supervisor',
      query: caseListQuery,
      ok: { status: 200, description: 'A page of cases' },
      problems: { 403: noUnit, 422: badQuery },
    },
    {
      method: 'GET',
      path: '/workbench/api/cases/{caseId}',
      tag: 'Workbench',
      summary:
        'A case with its whole timeline, its tasks, who holds it and its version; the phone whole only where the ' +
        'supervisor’s unit holds the case (each such view is recorded in the audit trail)',
      auth: 'supervisor',
      ok: { status: 200, description: 'The case page' },
      problems: {
        403: noUnit,
        404: 'No such case within the supervisor’s unit (for a department: among the cases transferred to it).',
      },
    },
    {
      method: 'POST',
      path: '/workbench/api/exports',
      tag: 'Workbench',
      summary:
        'Starts an export of the supervisor’s unit’s cases as CSV, under the case list’s filters (as query ' +
        'parameters, no body); recorded in the audit trail with its filter',
      description:
        'The file is written in the background (UTF-8 with a byte order mark, CRLF, contacts masked by the ' +
        'case page’s rule). Poll `location` until the export is `done`, then download its `url`.',
      auth: 'supervisor',
      query: caseExportQuery,
      ok: { status: 202, description: 'Started: `location` names the export', json: 'ExportStarted' },
      problems: { 403: noUnit, 422: badQuery },
    },
    {
      method: 'GET',
      path: '/workbench/api/exports/{exportId}',
      tag: 'Workbench',
      summary:
        'How an export stands (`running`, `done`, `failed`); once done, its row count and a download URL ' +
        'valid five minutes that names the file',
      auth: 'supervisor',
      ok: { status: 200, description: 'The export', json: 'ExportStatus' },
      problems: { 403: noUnit, 404: 'No such export of this person (another person’s, or expired).' },
    },
    {
      method: 'GET',
      path: '/workbench/api/audit',
      tag: 'Workbench',
      summary:
        'The audit trail of some China days (at most 92), optionally of one case, oldest first (district only)',
      auth: 'supervisor',
      query: auditQuery,
      ok: { status: 200, description: 'A page of entries (`next` when more follow)' },
      problems: { 403: 'Not the district’s supervisor, or a token that names no unit.', 422: badQuery },
    },
  ];
}
