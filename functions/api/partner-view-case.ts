import { calendars } from '#adapters/wiring/calendars.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { photos } from '#adapters/wiring/photos.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { partnerIdOf } from '#http/partner-authorizer.ts';
import { orderPath } from '#http/partner-schemas.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { viewPartnerCase } from '#use-cases/partner-cases.ts';

const deps = await createDeps({ issues, clock, calendars, registry, photos });

/** GET /integration/v1/cases/{orderNo}: a partner reads the status of one of its own orders, and no other's. */
export const handler = apiHandler(async (event) => {
  const partnerId = partnerIdOf(event);
  const { orderNo } = validate(orderPath, event.pathParameters ?? {});
  return jsonResponse(200, await viewPartnerCase(deps, partnerId, orderNo));
});
