// What the two intake routes (a resident's POST /issues, a grid worker's POST /worker/cases) share around their
// own checks: the idempotency key of a retried request, and the 201 answer with the case and its tracking token.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Receipt } from '#use-cases/report-issue.ts';
import { validate } from './request-body.ts';
import type { CreatedIssue } from './response-schemas.ts';
import { jsonResponse } from './responses.ts';
import { idempotencyKey } from './schemas.ts';

/** The request's Idempotency-Key header, checked; undefined when the client sent none. */
export function idempotencyKeyOf(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers['idempotency-key'];
  return header === undefined ? undefined : validate(idempotencyKey, header);
}

/** The 201 answer to a stored case: its id, number, status and grid, the tracking token, and where to read it. */
export function createdIssueResponse({ issue, trackingToken }: Receipt): APIGatewayProxyStructuredResultV2 {
  return jsonResponse(
    201,
    {
      id: issue.id,
      caseNumber: issue.caseNumber ?? null,
      status: issue.status,
      gridId: issue.gridId,
      trackingToken,
    } satisfies CreatedIssue,
    { location: `/issues/${issue.id}` },
  );
}
