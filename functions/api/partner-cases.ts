import { clock } from '#adapters/wiring/clock.ts';
import { idempotency } from '#adapters/wiring/idempotency.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { notifier } from '#adapters/wiring/notifier.ts';
import { publicUrl } from '#adapters/wiring/public-url.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { workflowStarter } from '#adapters/wiring/workflow-starter.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { partnerIdOf } from '#http/partner-authorizer.ts';
import { orderPath, partnerCaseBody } from '#http/partner-schemas.ts';
import { parseJson, validate } from '#http/request-body.ts';
import type { PartnerCaseReceipt } from '#http/response-schemas.ts';
import { jsonResponse } from '#http/responses.ts';
import { partnerReceipt, reportForPartner, viewPartnerCase } from '#use-cases/partner-cases.ts';

const deps = await createDeps({
  issues,
  idempotency,
  registry,
  workflowStarter,
  clock,
  keys,
  notifier,
  publicUrl,
});

/**
 * The integration API for partner systems (the city's 12345 hotline): POST /integration/v1/cases creates a case
 * for an order number, GET /integration/v1/cases/{orderNo} reads it back. One function behind both routes; the
 * partner's key was checked by the gateway's authorizer, which names the partner in the request context.
 */
export const handler = apiHandler(async (event) => {
  const partnerId = partnerIdOf(event);
  if (event.requestContext.http.method === 'GET') {
    const path = validate(orderPath, event.pathParameters ?? {});
    return jsonResponse(200, await viewPartnerCase(deps, partnerId, path.orderNo));
  }
  const order = parseJson(event, partnerCaseBody);
  const { issue, created } = await reportForPartner(deps, partnerId, order);
  return jsonResponse(
    created ? 201 : 200,
    partnerReceipt(issue, order.orderNo) satisfies PartnerCaseReceipt,
    {
      location: `/integration/v1/cases/${encodeURIComponent(order.orderNo)}`,
    },
  );
});
