import { newWebhookSecret } from './signing.ts';

/**
 * Where a partner's case events go and the secret they are signed with. The secret must be readable to sign
 * with, so it is stored as it is (in the registry table, encrypted at rest, readable by the delivery function
 * and ops alone); after a rotation the previous secret signs too until `previousUntil`.
 */
export interface PartnerWebhook {
  readonly partnerId: string;
  readonly url: string;
  readonly secret: string;
  readonly previousSecret?: string | undefined;
  readonly previousUntil?: string | undefined;
  readonly updatedAt: string;
}

/** Where partner webhooks live. */
export interface PartnerWebhookStore {
  get(partnerId: string): Promise<PartnerWebhook | undefined>;
  put(webhook: PartnerWebhook): Promise<void>;
}

/** How long the previous secret keeps signing after a rotation: a day for the partner to switch. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** The secrets a delivery at `now` is signed with: the current one, and the previous during the overlap. */
export function signingSecrets(webhook: PartnerWebhook, now: Date): string[] {
  const overlap =
    webhook.previousSecret && webhook.previousUntil && now.toISOString() < webhook.previousUntil
      ? [webhook.previousSecret]
      : [];
  return [webhook.secret, ...overlap];
}

/** Whether a webhook URL is one to send residents' case events to: https, or http to this machine. */
export function isWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value);
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return url.protocol === 'https:' || (url.protocol === 'http:' && local);
  } catch {
    return false;
  }
}

/**
 * Sets a partner's webhook URL; a first setting issues the secret, returned to be shown once. `rotate` issues
 * a new secret and keeps the old one signing for ROTATION_OVERLAP_MS.
 */
export async function configureWebhook(
  store: PartnerWebhookStore,
  request: { partnerId: string; url?: string | undefined; rotate?: boolean },
  now: Date,
): Promise<{ webhook: PartnerWebhook; newSecret?: string | undefined }> {
  const current = await store.get(request.partnerId);
  const url = request.url ?? current?.url;
  if (!url) throw new Error(`No webhook URL is set for ${request.partnerId}: give one`);
  if (!isWebhookUrl(url)) throw new Error('The webhook URL must be https (or http to this machine)');
  const fresh = !current || request.rotate === true;
  const secret = fresh ? newWebhookSecret() : current.secret;
  const webhook: PartnerWebhook = {
    partnerId: request.partnerId,
    url,
    secret,
    ...(current && request.rotate
      ? {
          previousSecret: current.secret,
          previousUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString(),
        }
      : current?.previousSecret
        ? { previousSecret: current.previousSecret, previousUntil: current.previousUntil }
        : {}),
    updatedAt: now.toISOString(),
  };
  await store.put(webhook);
  return { webhook, ...(fresh ? { newSecret: secret } : {}) };
}
