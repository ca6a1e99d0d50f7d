// Every route of the API as the OpenAPI document (./openapi.ts) describes it: the zod schemas the handlers
// validate with, the response schemas (./response-schemas.ts), and which failures each handler can answer.
// A test holds this list to the routes of the synthesized template, both ways.
import type * as z from 'zod';
import { dashboardOperations } from './dashboard-operations.ts';
import { followUpOperations } from './follow-up-operations.ts';
import { followUpBody } from './follow-up-schemas.ts';
import { partnerOperations } from './partner-operations.ts';
import { partnerCaseBody } from './partner-schemas.ts';
import { photoOperations } from './photo-operations.ts';
import { photoAttachBody, photoUploadBody } from './photo-schemas.ts';
import type { RESPONSE_SCHEMAS } from './response-schemas.ts';
import { addressQuery, gridsQuery, ratingBody, reportBody, statsQuery, taskActionBody } from './schemas.ts';
import { workbenchActionOperations } from './workbench-action-operations.ts';
import { workbenchActionBody } from './workbench-action-schemas.ts';
import { workbenchOperations } from './workbench-operations.ts';
import { workerOperations } from './worker-operations.ts';
import { workerCaseBody } from './worker-schemas.ts';

/** The request bodies, by the name the document's components give them. */
export const REQUEST_SCHEMAS = {
  ReportBody: reportBody,
  TaskActionBody: taskActionBody,
  RatingBody: ratingBody,
  PhotoUploadBody: photoUploadBody,
  PhotoAttachBody: photoAttachBody,
  PartnerCaseBody: partnerCaseBody,
  WorkerCaseBody: workerCaseBody,
  FollowUpBody: followUpBody,
  WorkbenchActionBody: workbenchActionBody,
} as const;

export interface Operation {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: 'Residents' | 'Grid workers' | 'Figures' | 'Pages' | 'Service' | 'Integration' | 'Workbench';
  /**
   * `tracking`: the resident's tracking token as a Bearer token (`optional`: it shows more); `supervisor`: a JWT;
   * `partner`: a partner's API key in X-Api-Key, checked by the gateway's Lambda authorizer.
   */
  readonly auth?: 'tracking' | 'tracking-optional' | 'supervisor' | 'partner';
  readonly query?: z.ZodType;
  /** The `Idempotency-Key` header of POST /issues. */
  readonly idempotencyKey?: boolean;
  readonly body?: { readonly schema: keyof typeof REQUEST_SCHEMAS; readonly form?: boolean };
  readonly ok: {
    readonly status: 200 | 201 | 202;
    readonly description: string;
    readonly json?: keyof typeof RESPONSE_SCHEMAS | 'OpenApiDocument';
    /** A 201 whose repeat (an idempotent create) answers 200 with the same body: what that 200 means. */
    readonly repeated?: string;
    /** Answered as an HTML page (for a browser) or a script module. */
    readonly media?: 'text/html' | 'text/javascript' | 'text/csv';
  };
  /** The failures the handler itself answers (problem+json), by status, with when. */
  readonly problems: Readonly<Record<number, string>>;
  /** Failures reach a browser as an HTML page in the page's language rather than problem+json. */
  readonly pageErrors?: boolean;
}

const BAD_BODY = {
  400: 'The body is not JSON, not UTF-8, or nested deeper than 8 levels.',
  413: 'The body is over 32 KiB.',
} as const;
const BAD_QUERY = 'An invalid or unknown query parameter (`errors[].path` names each).';
const DASHBOARD_PROBLEMS = {
  403: 'A unit outside, or above, the supervisor’s own unit; a token that names no unit.',
  404: 'A unit the registry does not know (`urn:problem:gridwork:unit-not-found`).',
  422: BAD_QUERY,
} as const;

/** A page's shell: HTML, its errors as pages too. */
function page(path: string, summary: string, problems: Operation['problems'] = {}): Operation {
  return {
    method: 'GET',
    path,
    tag: 'Pages',
    summary,
    ok: { status: 200, description: 'The page', media: 'text/html' },
    problems,
    pageErrors: true,
  };
}

export const OPERATIONS: readonly Operation[] = [
  {
    method: 'GET',
    path: '/health',
    tag: 'Service',
    summary: 'Answers once the function can run',
    ok: { status: 200, description: 'Up', json: 'Health' },
    problems: {},
  },
  {
    method: 'GET',
    path: '/openapi.json',
    tag: 'Service',
    summary: 'This document',
    ok: { status: 200, description: 'The OpenAPI 3.1 document of the API', json: 'OpenApiDocument' },
    problems: {},
  },
  {
    method: 'GET',
    path: '/categories',
    tag: 'Residents',
    summary: 'What residents can report, and how fast each kind must be handled',
    ok: { status: 200, description: 'Every category', json: 'CategoryList' },
    problems: {},
  },
  {
    method: 'GET',
    path: '/departments',
    tag: 'Grid workers',
    summary: 'The functional departments a case can be transferred to (转派), by public name',
    description: 'The transfer form of a resolve task names one of these as `departmentId`.',
    ok: { status: 200, description: 'Every department', json: 'DepartmentList' },
    problems: {},
  },
  {
    method: 'GET',
    path: '/grids',
    tag: 'Residents',
    summary: 'The grids a resident can pick, a page at a time',
    query: gridsQuery,
    ok: { status: 200, description: 'One page of grids', json: 'GridPage' },
    problems: { 422: `${BAD_QUERY} A cursor this API did not return.` },
  },
  {
    method: 'GET',
    path: '/addresses',
    tag: 'Residents',
    summary: 'Registered addresses that contain what the resident typed, with grid and community names',
    description:
      'Matches parts of addresses: the community name may be left out, full-width digits equal half-width ones ' +
      '(NFKC), spaces are ignored. POST /issues accepts the same forms of `location.address`.',
    query: addressQuery,
    ok: { status: 200, description: 'At most 10 matches, best first', json: 'AddressSuggestions' },
    problems: { 422: BAD_QUERY },
  },
  {
    method: 'POST',
    path: '/issues',
    tag: 'Residents',
    summary: 'Report a problem',
    description:
      '`location` is exactly one of `{gridId}`, `{address}` or `{lat, lng}` (WGS-84, or `coordSystem: gcj02`). ' +
      '`description` needs at least 2 visible characters once directional and zero-width characters are removed. ' +
      'An address may be partial (see GET /addresses) when it matches addresses of one grid only.',
    idempotencyKey: true,
    body: { schema: 'ReportBody' },
    ok: { status: 201, description: 'Taken; `location` names the new issue', json: 'CreatedIssue' },
    problems: {
      ...BAD_BODY,
      415: 'The body is not `application/json`.',
      422:
        'Invalid or unknown fields (`errors[].path` names each, `idempotency-key` for the header); a place no ' +
        'grid covers (`urn:problem:gridwork:location-not-found`); an address that matches several grids ' +
        '(`urn:problem:gridwork:address-ambiguous`, with `candidates`); an Idempotency-Key reused with another body.',
    },
  },
  {
    method: 'GET',
    path: '/issues/{id}',
    tag: 'Residents',
    summary: 'The public view of a case (with the tracking token: also the notes)',
    auth: 'tracking-optional',
    ok: { status: 200, description: 'The case; a wrong token gets the public view', json: 'PublicIssue' },
    problems: { 404: 'No such issue (`urn:problem:gridwork:issue-not-found`).' },
  },
  {
    method: 'POST',
    path: '/issues/{id}/rating',
    tag: 'Residents',
    summary: 'The resident rates the handling of a resolved case (1–5)',
    auth: 'tracking',
    body: { schema: 'RatingBody' },
    ok: {
      status: 200,
      description: 'Rated; says whether the case closes or goes back for rework',
      json: 'RatingAnswer',
    },
    problems: {
      ...BAD_BODY,
      401: 'No `Authorization: Bearer <trackingToken>`.',
      403: 'A wrong tracking token.',
      404: 'No such issue.',
      409: 'The issue is not waiting for a rating (`urn:problem:gridwork:state-conflict`).',
      415: 'The body is not `application/json`.',
      422: 'Invalid or unknown fields (`errors[].path` names each).',
      503: 'The rating was stored but the workflow could not be reached (`retry-after`).',
    },
  },
  {
    method: 'GET',
    path: '/tasks/{linkToken}',
    tag: 'Grid workers',
    summary: 'The task behind an approval link; never acts (mail scanners fetch links)',
    description: 'An HTML page, or JSON with `Accept: application/json`.',
    ok: { status: 200, description: 'The task', json: 'TaskView', media: 'text/html' },
    problems: {
      404: 'An unknown, forged, truncated or altered link (`urn:problem:gridwork:link-not-found`).',
      409: 'A link already used (`urn:problem:gridwork:link-used`, with `issueId`).',
      410: 'A link whose task expired or moved on (`…:link-expired`, `…:link-revoked`, with `issueId`).',
    },
    pageErrors: true,
  },
  {
    method: 'POST',
    path: '/tasks/{linkToken}',
    tag: 'Grid workers',
    summary: 'Accept, decline, resolve or reassign the task behind an approval link (once)',
    description: 'JSON, or the task page’s form (answered with a confirmation page).',
    body: { schema: 'TaskActionBody', form: true },
    ok: { status: 200, description: 'Decided', json: 'IssueStatusAnswer', media: 'text/html' },
    problems: {
      ...BAD_BODY,
      404: 'An unknown or altered link.',
      409: 'A link already used; the case changed meanwhile (`urn:problem:gridwork:state-conflict`).',
      410: 'A link whose task expired or moved on.',
      415: 'The body is neither JSON nor a form.',
      422:
        'Invalid fields; an action the task does not offer (`urn:problem:gridwork:action-not-allowed`); a ' +
        'grid outside the supervisor’s part of the tree or unknown; a transfer to a unit that is not a ' +
        'department (`urn:problem:gridwork:department-not-found`); a transfer or return without a reason.',
      503: 'The decision was stored but the workflow could not be reached (`retry-after`).',
    },
    pageErrors: true,
  },
  ...photoOperations(BAD_BODY, '/issues/{id}', 'Residents', {
    401: 'No `Authorization: Bearer <trackingToken>`.',
    403: 'A wrong tracking token.',
    404: 'No such issue; no finished upload with this id on this case (`urn:problem:gridwork:upload-not-found`).',
  }),
  ...photoOperations(BAD_BODY, '/tasks/{linkToken}', 'Grid workers', {
    404: 'An unknown or altered link; no finished upload with this id on this case (`…:upload-not-found`).',
    409: 'A link already used (`urn:problem:gridwork:link-used`).',
    410: 'A link whose task expired or moved on.',
  }),
  {
    method: 'GET',
    path: '/stats',
    tag: 'Figures',
    summary: 'The published figures of one unit: totals, or a period’s (China time) with a breakdown',
    query: statsQuery,
    ok: {
      status: 200,
      description: 'The unit’s totals, or its figures for the days asked',
      json: 'StatsAnswer',
    },
    problems: {
      403:
        '`scope=worker`: the figures of one person are not published; `scope=department`: a department’s are ' +
        'read signed in, on /dashboard/api/stats.',
      422: BAD_QUERY,
    },
  },
  page('/', 'The resident’s report form (`?lang=en` for English)'),
  page('/track/{id}', 'The tracking page of a case', { 404: 'An id that cannot exist.' }),
  page('/dashboard', 'The supervisors’ page (a public shell; the figures need a token)'),
  page(
    '/dashboard/report',
    'The printable monthly report (`?month=yyyy-mm&unit=<scope>:<id>`; a public shell, the figures need the ' +
      'dashboard’s sign-in)',
  ),
  page('/workbench', 'The supervisors’ workbench (a public shell; the cases need a token)'),
  {
    method: 'GET',
    path: '/assets/{name}',
    tag: 'Pages',
    summary: 'The pages’ script modules (`?v=<digest>` may be cached for good)',
    ok: { status: 200, description: 'An ES module', media: 'text/javascript' },
    problems: { 404: 'No such asset.' },
  },
  ...dashboardOperations(DASHBOARD_PROBLEMS),
  ...partnerOperations(BAD_BODY),
  ...workerOperations(BAD_BODY),
  ...workbenchOperations(BAD_QUERY),
  ...followUpOperations(BAD_BODY),
  ...workbenchActionOperations(BAD_BODY),
];
