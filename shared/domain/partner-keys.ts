import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * A partner system's API key as stored: only its SHA-256 digest, never the key itself, so a copy of the
 * registry table lets nobody in. A partner may hold several active keys at once (rotation).
 */
export interface PartnerKey {
  /** The first characters of the digest: enough to name a key in ops' commands, useless to call with. */
  readonly keyId: string;
  readonly partnerId: string;
  readonly createdAt: string;
  readonly revokedAt?: string | undefined;
}

/** Where partner keys live: the registry table on AWS and locally. */
export interface PartnerKeyStore {
  /** The key whose digest this is, revoked or not. */
  find(digest: string): Promise<PartnerKey | undefined>;
  /** Stores a new key's digest; storing the same digest again changes nothing. */
  add(digest: string, key: PartnerKey): Promise<void>;
  /** Marks the key revoked; false when no key has this id. */
  revoke(keyId: string, at: string): Promise<boolean>;
  /** Every key, or one partner's, revoked ones included. */
  list(partnerId?: string): Promise<PartnerKey[]>;
}

const KEY_ID_LENGTH = 12;
const PREFIX = 'gwk_';

/** The stored form of a key: its SHA-256 digest in hex. */
export function digestOf(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/** The id ops use to name a key: the start of its digest. */
export function keyIdOf(digest: string): string {
  return digest.slice(0, KEY_ID_LENGTH);
}

/** A fresh key: 32 random bytes, prefixed so that a leaked one is easy to recognise in logs and repositories. */
export function newApiKey(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The local stage's demo key: derived from the local link key, so it is stable per data directory. */
export function demoApiKey(linkKey: string): string {
  return `${PREFIX}demo_${createHmac('sha256', Buffer.from(linkKey, 'base64url')).update('open311-demo-partner').digest('base64url')}`;
}

/** Whether a partner id is one ops may type (it names the partner in logs and lists). */
export function isPartnerId(value: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(value);
}

/** The partner an API key belongs to, if the key is known and not revoked. */
export async function authenticatePartner(
  store: Pick<PartnerKeyStore, 'find'>,
  apiKey: string,
): Promise<PartnerKey | undefined> {
  if (!apiKey.startsWith(PREFIX) || apiKey.length > 200) return undefined;
  const key = await store.find(digestOf(apiKey));
  return key && !key.revokedAt ? key : undefined;
}

/** Issues a key for a partner: returns the key itself, which is shown once and never stored. */
export async function issuePartnerKey(
  store: Pick<PartnerKeyStore, 'add'>,
  partnerId: string,
  now: Date,
  apiKey = newApiKey(),
): Promise<{ apiKey: string; key: PartnerKey }> {
  const digest = digestOf(apiKey);
  const key: PartnerKey = { keyId: keyIdOf(digest), partnerId, createdAt: now.toISOString() };
  await store.add(digest, key);
  return { apiKey, key };
}
