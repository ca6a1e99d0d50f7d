import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { authenticatePartner, type PartnerKeyStore } from '#domain/partner-keys.ts';

/** The header a partner's API key travels in: the authorizer's identity source, and its cache key on AWS. */
export const PARTNER_KEY_HEADER = 'x-api-key';

export type PartnerAuthorizerEvent = Pick<APIGatewayRequestAuthorizerEventV2, 'headers'>;

/** A simple response of an HTTP API Lambda authorizer, with the partner's id for the route's handler. */
export interface PartnerAuthorization {
  readonly isAuthorized: boolean;
  readonly context?: { readonly partnerId: string };
}

/** Lets a request through when its key is known and not revoked; the key itself is never logged or returned. */
export async function authorizePartner(
  store: Pick<PartnerKeyStore, 'find'>,
  event: PartnerAuthorizerEvent,
): Promise<PartnerAuthorization> {
  const apiKey = event.headers?.[PARTNER_KEY_HEADER]?.trim();
  const key = apiKey ? await authenticatePartner(store, apiKey) : undefined;
  return key ? { isAuthorized: true, context: { partnerId: key.partnerId } } : { isAuthorized: false };
}

const authorizerContext = z.object({ lambda: z.object({ partnerId: z.string().min(1) }) });

/** The partner the authorizer let in; a route reached without one is a deployment fault, not a client's. */
export function partnerIdOf(event: APIGatewayProxyEventV2): string {
  const context = authorizerContext.safeParse((event.requestContext as { authorizer?: unknown }).authorizer);
  if (!context.success) throw new Error('The route was reached without the partner authorizer');
  return context.data.lambda.partnerId;
}
