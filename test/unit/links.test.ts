import { describe, expect, it } from 'vitest';
import {
  isIssueId,
  linkMatches,
  linkToken,
  newIssueId,
  newNonce,
  parseLinkToken,
  trackingToken,
  trackingTokenMatches,
} from '#domain/links.ts';

const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(8);
const ISSUE = 'gw-abcdefghijklmnop';
const NONCE = 'bm9uY2Utb2YtdGFzay0x';

/** Parses a token the test expects to be well formed. */
function parsed(token: string) {
  const link = parseLinkToken(token);
  if (!link) throw new Error(`Not a link token: ${token}`);
  return link;
}

/** The token with the character at `index` replaced by a different one of the same alphabet. */
function alteredAt(token: string, index: number): string {
  const original = token.charAt(index);
  const replacement = original === 'A' ? 'B' : 'A';
  return token.slice(0, index) + replacement + token.slice(index + 1);
}

describe('approval link tokens', () => {
  it('round-trip: a token parses to its issue and task number and matches its nonce under its key', () => {
    // Prepare
    const token = linkToken(KEY, ISSUE, 3, NONCE);

    // Act
    const link = parsed(token);

    // Assess
    expect(token).toMatch(/^gw-abcdefghijklmnop\.3\.[A-Za-z0-9_-]{43}$/);
    expect(link).toMatchObject({ issueId: ISSUE, seq: 3 });
    expect(linkMatches(KEY, link, NONCE)).toBe(true);
  });

  it('is the same token every time for the same task, so a link can be sent again', () => {
    // Act
    const first = linkToken(KEY, ISSUE, 1, NONCE);
    const second = linkToken(KEY, ISSUE, 1, NONCE);

    // Assess
    expect(second).toBe(first);
  });

  it('does not match a different nonce or a different key', () => {
    // Prepare
    const link = parsed(linkToken(KEY, ISSUE, 1, NONCE));

    // Act
    const otherNonce = linkMatches(KEY, link, newNonce());
    const otherKey = linkMatches(OTHER_KEY, link, NONCE);

    // Assess
    expect(otherNonce).toBe(false);
    expect(otherKey).toBe(false);
  });

  it('does not match a token made with another key', () => {
    // Prepare
    const forged = parsed(linkToken(OTHER_KEY, ISSUE, 1, NONCE));

    // Act
    const matches = linkMatches(KEY, forged, NONCE);

    // Assess
    expect(matches).toBe(false);
  });

  it('does not match a forged signature of the right shape', () => {
    // Prepare
    const forged = parsed(`${ISSUE}.1.${'A'.repeat(43)}`);

    // Act
    const matches = linkMatches(KEY, forged, NONCE);

    // Assess
    expect(matches).toBe(false);
  });

  it('does not match when any character of the signature is altered', () => {
    // Prepare
    const token = linkToken(KEY, ISSUE, 1, NONCE);
    const start = token.lastIndexOf('.') + 1;

    // Act
    const results = Array.from({ length: 43 }, (_, offset) =>
      linkMatches(KEY, parsed(alteredAt(token, start + offset)), NONCE),
    );

    // Assess
    expect(results.filter(Boolean)).toEqual([]);
  });

  it('does not carry over to another task number or another issue', () => {
    // Prepare
    const signature = parsed(linkToken(KEY, ISSUE, 1, NONCE)).signature;

    // Act
    const otherSeq = linkMatches(KEY, { issueId: ISSUE, seq: 2, signature }, NONCE);
    const otherIssue = linkMatches(KEY, { issueId: 'gw-bbbbbbbbbbbbbbbb', seq: 1, signature }, NONCE);

    // Assess
    expect(otherSeq).toBe(false);
    expect(otherIssue).toBe(false);
  });

  it('refuses a truncated or extended token at parsing', () => {
    // Prepare
    const token = linkToken(KEY, ISSUE, 1, NONCE);

    // Act
    const truncated = parseLinkToken(token.slice(0, -1));
    const extended = parseLinkToken(`${token}A`);

    // Assess
    expect(truncated).toBeUndefined();
    expect(extended).toBeUndefined();
  });

  it.each([
    ['an empty string', ''],
    ['an issue id alone', ISSUE],
    ['a task number of zero', `${ISSUE}.0.${'A'.repeat(43)}`],
    ['a task number with a leading zero', `${ISSUE}.01.${'A'.repeat(43)}`],
    ['a task number over 9999', `${ISSUE}.10000.${'A'.repeat(43)}`],
    ['a negative task number', `${ISSUE}.-1.${'A'.repeat(43)}`],
    ['an upper-case issue id', `GW-ABCDEFGHIJKLMNOP.1.${'A'.repeat(43)}`],
    ['a short issue id', `gw-abc.1.${'A'.repeat(43)}`],
    ['base32 digits outside 2-7', `gw-abcdefghijklmno1.1.${'A'.repeat(43)}`],
    ['standard base64 characters', `${ISSUE}.1.${'+'.repeat(43)}`],
    ['padding', `${ISSUE}.1.${'A'.repeat(42)}=`],
    ['an extra part', `${ISSUE}.1.2.${'A'.repeat(43)}`],
    ['surrounding white space', ` ${ISSUE}.1.${'A'.repeat(43)} `],
    ['a trailing new line', `${ISSUE}.1.${'A'.repeat(43)}\n`],
  ])('refuses %s', (_name, token) => {
    // Act
    const link = parseLinkToken(token);

    // Assess
    expect(link).toBeUndefined();
  });
});

describe('tracking tokens', () => {
  it('match their own issue under their own key', () => {
    // Prepare
    const token = trackingToken(KEY, ISSUE);

    // Act
    const matches = trackingTokenMatches(KEY, ISSUE, token);

    // Assess
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(matches).toBe(true);
  });

  it('do not match another issue, another key, or an altered or truncated token', () => {
    // Prepare
    const token = trackingToken(KEY, ISSUE);

    // Act
    const results = [
      trackingTokenMatches(KEY, 'gw-bbbbbbbbbbbbbbbb', token),
      trackingTokenMatches(OTHER_KEY, ISSUE, token),
      trackingTokenMatches(KEY, ISSUE, alteredAt(token, 10)),
      trackingTokenMatches(KEY, ISSUE, token.slice(0, -1)),
      trackingTokenMatches(KEY, ISSUE, ''),
    ];

    // Assess
    expect(results).toEqual([false, false, false, false, false]);
  });

  it('differ from every link signature of the same issue', () => {
    // Prepare
    const tracking = trackingToken(KEY, ISSUE);

    // Act
    const signature = parsed(linkToken(KEY, ISSUE, 1, NONCE)).signature;

    // Assess
    expect(tracking).not.toBe(signature);
  });
});

describe('issue ids and nonces', () => {
  it('makes ids of gw- and 16 lower-case base32 characters that isIssueId accepts', () => {
    // Act
    const ids = Array.from({ length: 200 }, () => newIssueId());

    // Assess
    for (const id of ids) {
      expect(id).toMatch(/^gw-[a-z2-7]{16}$/);
      expect(isIssueId(id)).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    '',
    'gw-',
    'gw-abcdefghijklmno',
    'gw-abcdefghijklmnopq',
    'gw-ABCDEFGHIJKLMNOP',
    'gw-abcdefghijklmn01',
  ])('isIssueId refuses %j', (value) => {
    // Act
    const valid = isIssueId(value);

    // Assess
    expect(valid).toBe(false);
  });

  it('makes distinct 128-bit base64url nonces', () => {
    // Act
    const nonces = Array.from({ length: 50 }, () => newNonce());

    // Assess
    expect(nonces.every((nonce) => /^[A-Za-z0-9_-]{22}$/.test(nonce))).toBe(true);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});
