import { caseNumbers } from '#adapters/wiring/case-numbers.ts';
import { categories } from '#adapters/wiring/categories.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { idempotency } from '#adapters/wiring/idempotency.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { notifier } from '#adapters/wiring/notifier.ts';
import { publicUrl } from '#adapters/wiring/public-url.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { partnerIdOf } from '#http/partner-authorizer.ts';
import { partnerCaseBody } from '#http/partner-schemas.ts';
import { parseJson } from '#http/request-body.ts';
import type { PartnerCaseReceipt } from '#http/response-schemas.ts';
import { jsonResponse } from '#http/responses.ts';
import { partnerReceipt, reportForPartner } from '#use-cases/partner-cases.ts';

const deps = await createDeps({
  issues,
  idempotency,
  caseNumbers,
  registry,
  clock,
  categories,
  keys,
  notifier,
  publicUrl,
});

/**
 * POST /integration/v1/cases: a partner system (the city's 12345 hotline) hands over a case under its order
 * number; 201 the first time, 200 with the same case on a repeat. The partner's key was checked by the
 * gateway's authorizer, which names the partner in the request context.
 */
export const handler = apiHandler(async (event) => {
  const partnerId = partnerIdOf(event);
  await deps.categories.current(); // a category imported since the last request is valid at once
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
