import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The headers every webhook carries. */
export const WEBHOOK_HEADERS = {
  timestamp: 'x-gridwork-timestamp',
  eventId: 'x-gridwork-event-id',
  signature: 'x-gridwork-signature',
} as const;

/** How old a delivery's timestamp may be when the partner checks it (docs/api.md); older ones are replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256 of `<timestamp>.<body>` under one secret. */
export function signatureOf(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The signature header: one `v1=` entry per secret in use (two while a rotation overlaps). */
export function signatureHeader(secrets: readonly string[], timestamp: string, body: string): string {
  return secrets.map((secret) => `v1=${signatureOf(secret, timestamp, body)}`).join(',');
}

/**
 * What a partner does with a delivery (and what tests do): true when one `v1=` entry matches its secret and
 * the timestamp is within the tolerance of `nowSeconds`. Replays inside the tolerance are caught by eventId.
 */
export function verifySignature(
  secret: string,
  headers: { timestamp: string; signature: string },
  body: string,
  nowSeconds: number,
): boolean {
  const sent = Number(headers.timestamp);
  if (!Number.isInteger(sent) || Math.abs(nowSeconds - sent) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signatureOf(secret, headers.timestamp, body), 'hex');
  return headers.signature.split(',').some((entry) => {
    const [scheme, hex] = entry.trim().split('=');
    if (scheme !== 'v1' || !hex || !/^[0-9a-f]{64}$/.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
}

/** A fresh signing secret: 32 random bytes, prefixed so a leaked one is recognised. */
export function newWebhookSecret(): string {
  return `gwhs_${randomBytes(32).toString('base64url')}`;
}
