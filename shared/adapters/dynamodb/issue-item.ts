import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Issue } from '#domain/issue.ts';

/**
 * The attribute that holds the issue document, packed. A case item is rewritten at every step and a write is
 * billed per started kilobyte: as plain attributes a case grows past 1 KB (2 write units) after its first few
 * timeline events; packed, it stays under (docs/performance.md).
 */
export const PACKED_ATTRIBUTE = 'packed';

/** The attribute of items written before packing: the document as a plain map. Still read, never written. */
export const PLAIN_ATTRIBUTE = 'doc';

/**
 * A partner's case also names its partner in plain sight, written once at creation: the packed document is opaque
 * to a stream filter, and the case-changes mapping's partner filter passes partners' cases by this attribute.
 */
export const PARTNER_ATTRIBUTE = 'partnerId';

/** An item's size for a test or a benchmark: its JSON, with each binary attribute counted by its bytes. */
export function storedBytes(item: Record<string, unknown> | undefined): number {
  return Buffer.byteLength(
    JSON.stringify(item ?? {}, (_key, value: unknown) =>
      value instanceof Uint8Array ? 'x'.repeat(value.length) : value,
    ),
  );
}

/** The first byte of a packed document names its format, so a later format can be read beside this one. */
const FORMAT_DEFLATE_V1 = 1;

// A preset dictionary primes the compressor with what every case repeats (field names, states, event types,
// roles), so even a young case compresses well. It is part of FORMAT_DEFLATE_V1: changing a byte of it makes
// stored cases unreadable. A better dictionary needs a new format byte, and this one kept for reading.
const DICTIONARY_V1 = Buffer.from(
  [
    '"partnerOrder":{"partner":"12345","orderId":"","deadline":"',
    '"photos":[{"id":"","key":"","kind":"before","at":"',
    '"request":{"kind":"defer","status":"pending","until":"","reason":"',
    '"deferrals":1,"deferredUntil":"","deferReason":"","pauses":1,"pause":{"since":"","until":"',
    '"escalated","from":"grid","to":"community","reason":"deadline"},',
    '"declined","returned","reworked","reopened","expired","reminded","count":1,"street_supervisor","district_supervisor"',
    '"source":"hotline","source":"on_behalf","source":"patrol","source":"open311","anonymous":true,',
    '"terms":{"timeBasis":"working","accept":"PT30M","resolve":"P3D"},"timeBasis":"calendar","resolve":"PT8H"},',
    '"location":{"gridId":"g-0","address":"","lat":27.,"lng":113.},"reporter":{"name":"","phone":"13',
    '"next":{"kind":"closed","after":"rating:2026-',
    '"resolution":{"outcome":"solved","note":"',
    '"rating":{"score":5,"at":"2026-',
    '"round":0},"outcome":"satisfied"}',
    '"outcome":"dissatisfied"',
    '"status":"resolved","status":"in_progress","status":"assigned","status":"closed","status":"open"',
    '"task":{"seq":1,"kind":"accept","kind":"resolve","level":"grid","assignee":{"id":"w-0',
    '","name":"","role":"grid_worker"},"nonce":"","offeredAt":"2026-',
    '","deadline":"2026-',
    '","status":"offered","status":"used","decision":{"action":"accept","action":"resolve","at":"2026-',
    '"pastTasks":[{"seq":1,"nonce":"","status":"used"},{"seq":2,"nonce":"","status":"expired"}],',
    '{"id":"gw-","caseNumber":"LS-2026","category":"","description":"',
    '"gridId":"g-0","communityId":"c-1","streetId":"s-1","districtId":"d-lusong",',
    '"anonymous":false,"source":"web","status":"closed","level":"grid","overdue":false,"reworkCount":0,',
    '"resolveDeadline":"2026-","workerId":"w-0","reminders":1,',
    '"createdAt":"2026-","updatedAt":"2026-","version":1',
    '"timeline":[{"at":"2026-11-30T00:00:00.000Z","type":"submitted","level":"grid","to":"g-0"},',
    '{"at":"2026-","type":"assigned","level":"community","assignee":{"id":"sup-c-1","role":"community_supervisor"}},',
    '{"at":"2026-","type":"rated","score":5},{"at":"2026-","type":"closed","outcome":"satisfied"}],',
    '{"at":"2026-","type":"accepted","by":{"id":"w-0","name":"","role":"grid_worker"}},',
    '{"at":"2026-","type":"resolved","by":{"id":"w-0","name":"","role":"grid_worker"}},',
    '{"at":"2026-","type":"assigned","level":"grid","assignee":{"id":"w-0","name":"","role":"grid_worker"}},',
  ].join(''),
);

/** The issue document packed for the `packed` attribute: a format byte, then deflated JSON. */
export function packIssue(issue: Issue): Uint8Array {
  const deflated = deflateRawSync(JSON.stringify(issue), { level: 9, dictionary: DICTIONARY_V1 });
  const packed = new Uint8Array(deflated.length + 1);
  packed[0] = FORMAT_DEFLATE_V1;
  packed.set(deflated, 1);
  return packed;
}

/** Binary as the SDK returns it (bytes) or as a stream event's JSON carries it (base64). */
function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  return undefined;
}

function unpack(bytes: Uint8Array): Issue {
  if (bytes[0] !== FORMAT_DEFLATE_V1) throw new Error(`Unknown packed issue format ${bytes[0]}`);
  const json = inflateRawSync(bytes.subarray(1), { dictionary: DICTIONARY_V1 }).toString('utf8');
  return JSON.parse(json) as Issue;
}

/**
 * The issue of a stored case item (native attribute values, as the document client or `unmarshall` gives
 * them), packed or written before packing; undefined for an item that holds no issue.
 */
export function issueOfItem(item: Record<string, unknown> | undefined): Issue | undefined {
  if (!item) return undefined;
  const packed = bytesOf(item[PACKED_ATTRIBUTE]);
  if (packed) return unpack(packed);
  const plain = item[PLAIN_ATTRIBUTE];
  return plain && typeof plain === 'object' ? (plain as Issue) : undefined;
}

/** Binary token formats: the bytes of a base64 (AWS) or base64url (local engine) token. */
const TOKEN_ENCODINGS = ['base64', 'base64url'] as const;

/**
 * A workflow token as stored: AWS's tokens are base64 text, so their bytes take a quarter less room than the
 * text (a 1,000-character token fits a 1 KB item as 750 bytes). Text that is not exactly base64 stays text.
 */
export function packToken(token: string): Uint8Array | string {
  for (const [format, encoding] of TOKEN_ENCODINGS.entries()) {
    const bytes = Buffer.from(token, encoding);
    if (bytes.toString(encoding) !== token) continue;
    const packed = new Uint8Array(bytes.length + 1);
    packed[0] = format + 1;
    packed.set(bytes, 1);
    return packed;
  }
  return token;
}

/** The workflow token of a stored value written by `packToken`. */
export function tokenOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!(value instanceof Uint8Array) || value.length < 1) return undefined;
  const encoding = TOKEN_ENCODINGS[(value[0] ?? 0) - 1];
  if (!encoding) throw new Error(`Unknown packed token format ${value[0]}`);
  return Buffer.from(value.subarray(1)).toString(encoding);
}
