// The integration API's routes as the OpenAPI document describes them (./openapi-routes.ts lists them with the
// others).
import type { Operation } from './openapi-routes.ts';

/** The partner routes (the 12345 hotline's integration API), behind the partner-key authorizer. */
export function partnerOperations(badBody: Readonly<Record<number, string>>): Operation[] {
  return [
    {
      method: 'POST',
      path: '/integration/v1/cases',
      tag: 'Integration',
      summary: 'A partner system (the 12345 hotline) hands over a case under its own order number',
      description:
        'Idempotent by `orderNo` (per partner): the same body again answers 200 with the same case; another body ' +
        'with a number already used is refused. `onBehalf: true` reports for a resident (代报): the caller’s ' +
        'phone gets the tracking link and, once resolved, the request to rate.',
      auth: 'partner',
      body: { schema: 'PartnerCaseBody' },
      ok: {
        status: 201,
        description: 'Created; `location` names the order',
        repeated: 'The same order sent again: the case it made the first time',
        json: 'PartnerCaseReceipt',
      },
      problems: {
        ...badBody,
        409: 'The order number was used before with another body (`urn:problem:gridwork:order-number-reused`).',
        415: 'The body is not `application/json`.',
        422:
          'Invalid or unknown fields (`errors[].path` names each); a place no grid covers ' +
          '(`urn:problem:gridwork:location-not-found`).',
      },
    },
    {
      method: 'GET',
      path: '/integration/v1/cases/{orderNo}',
      tag: 'Integration',
      summary: 'The status of one of the partner’s own orders',
      auth: 'partner',
      ok: { status: 200, description: 'The order and the public view of its case', json: 'PartnerCaseView' },
      problems: {
        404: 'No case of this partner has the order number (`urn:problem:gridwork:order-not-found`).',
        422: 'An order number that cannot be one (`errors[].path` is `orderNo`).',
      },
    },
  ];
}
