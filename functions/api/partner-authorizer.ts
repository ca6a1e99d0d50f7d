import { partnerKeys } from '#adapters/wiring/partner-keys.ts';
import { createDeps } from '#adapters/wiring.ts';
import { authorizePartner, type PartnerAuthorizerEvent } from '#http/partner-authorizer.ts';

const deps = await createDeps({ partnerKeys });

/**
 * The HTTP API's Lambda authorizer for the integration routes (simple responses): a known, unrevoked key in
 * X-Api-Key lets the request through with the partner's id in the context; anything else is refused by the
 * gateway before any handler runs.
 */
export const handler = (event: PartnerAuthorizerEvent) => authorizePartner(deps.partnerKeys, event);
