import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ISSUE_ID = /^gw-[a-z2-7]{16}$/;
const LINK = /^(gw-[a-z2-7]{16})\.([1-9]\d{0,3})\.([A-Za-z0-9_-]{43})$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export interface ParsedLink {
  readonly issueId: string;
  readonly seq: number;
  readonly signature: string;
}

/** A new issue id: 80 random bits, lower-case base32, valid as a Step Functions execution name. */
export function newIssueId(): string {
  const bytes = randomBytes(16);
  let id = 'gw-';
  for (let i = 0; i < 16; i++) id += BASE32[(bytes[i] ?? 0) % 32];
  return id;
}

export function isIssueId(value: string): boolean {
  return ISSUE_ID.test(value);
}

/** 128 random bits for a task; the link is derived from it with the link key. */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

function sign(key: Uint8Array, purpose: string, ...parts: (string | number)[]): string {
  return createHmac('sha256', key)
    .update(`${purpose}\n${parts.join('\n')}`)
    .digest('base64url');
}

function sameSecret(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The approval link token of a task: issue id and task number (not secret) plus an HMAC-SHA256 of the task's
 * random nonce. Only the nonce is stored, so a copy of the table alone cannot produce a working link, and the
 * same link can be sent again after a crash.
 */
export function linkToken(key: Uint8Array, issueId: string, seq: number, nonce: string): string {
  return `${issueId}.${seq}.${sign(key, 'task-link', issueId, seq, nonce)}`;
}

export function parseLinkToken(token: string): ParsedLink | undefined {
  const match = LINK.exec(token);
  if (!match) return undefined;
  return { issueId: match[1] as string, seq: Number(match[2]), signature: match[3] as string };
}

export function linkMatches(key: Uint8Array, link: ParsedLink, nonce: string): boolean {
  return sameSecret(sign(key, 'task-link', link.issueId, link.seq, nonce), link.signature);
}

/** The resident's private token for following and rating one issue. */
export function trackingToken(key: Uint8Array, issueId: string): string {
  return sign(key, 'tracking', issueId);
}

export function trackingTokenMatches(key: Uint8Array, issueId: string, presented: string): boolean {
  return sameSecret(trackingToken(key, issueId), presented);
}
