import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

// `npm test` tries 150 requests; `npm run test:stress` ten thousand.
const RUNS = process.env.STRESS === '1' ? 10_000 : 150;

let system: TestGridwork;

beforeAll(async () => {
  system = await startTestGridwork();
});

afterAll(async () => {
  await system?.stop();
});

async function everything(): Promise<string> {
  const { Items } = await documentClient().send(
    new ScanCommand({ TableName: String(process.env.CASES_TABLE), ConsistentRead: true }),
  );
  return JSON.stringify((Items ?? []).sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`)));
}

/** Percent-encodes any string, lone surrogates included (as U+FFFD), the way a client library would. */
const enc = (value: string) =>
  encodeURIComponent(
    value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );

const nasty = fc.constantFrom(
  "'; DROP TABLE issues; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  '{{7*7}}${7*7}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '\u202e\u0000\ud800',
  'gw-aaaaaaaaaaaaaaaa',
  `gw-${'a'.repeat(16)}.1.${'A'.repeat(43)}`,
  'x'.repeat(5000),
);
/** Characters that take no room or reorder text, and line breaks of every kind. */
const invisible = fc.constantFrom(
  '\u200b'.repeat(5),
  '\u2060\ufeff\u200b\u200c\u200d\u00ad',
  '\u202e\u2066gnp.exe\u2069\u202c',
  '\u200f\u200e\u061c\u202a\u202b\u202d',
  '\u3164\u115f\u2800\u0301\u0301',
  '\n',
  '\r\n',
  '\u2028\u2029\u0085',
  '\n【官方】https://evil.example/x\n',
);
/** An emoji (or half of one) at every position around the 40-character cut of messages. */
const emojiAtCut = fc
  .tuple(fc.integer({ min: 0, max: 45 }), fc.constantFrom('🚰', '👨‍👩‍👧', '🇨🇳', '\ud83d', '\udeb0', '1️⃣'))
  .map(([position, emoji]) => `${'水'.repeat(position)}${emoji}${'管'.repeat(10)}`);
/** Descriptions a resident might send, hostile or not. */
const description = fc.oneof(
  fc.string(),
  nasty,
  invisible,
  emojiAtCut,
  fc
    .array(fc.oneof(invisible, emojiAtCut, fc.string({ maxLength: 8 })), { maxLength: 6 })
    .map((parts) => parts.join('')),
);
const id = fc.oneof(
  nasty,
  invisible,
  fc.string({ maxLength: 80 }),
  fc.stringMatching(/^[a-z0-9.\-_~%]{1,60}$/),
);
const deep = fc.integer({ min: 9, max: 400 }).map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`);
const hugeNumbers = fc.constantFrom(
  '{"score":1e308}',
  '{"score":-0}',
  '{"lat":1e400,"lng":NaN}',
  '{"score":12345678901234567890}',
);
const jsonBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc
    .record(
      {
        category: fc.oneof(fc.constantFrom('water_supply', 'drainage'), nasty),
        description,
        location: fc.oneof(
          fc.record({ gridId: id }),
          fc.record({ address: nasty }),
          fc.record({ lat: fc.double(), lng: fc.double() }),
        ),
        extra: fc.anything(),
        action: fc.oneof(fc.constantFrom('accept', 'reassign', 'resolve'), nasty),
        score: fc.oneof(fc.integer(), fc.double()),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  deep,
  hugeNumbers,
);
const body = fc.oneof(
  jsonBody.map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])),
  fc.constant(Buffer.alloc(40_000, 0x61)),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  '',
);
const request = fc.oneof(
  fc.record({ method: fc.constant('POST'), path: fc.constant('/issues'), body, contentType }),
  fc.record({
    method: fc.constant('POST'),
    path: id.map((value) => `/tasks/${enc(value)}`),
    body,
    contentType,
  }),
  fc.record({
    method: fc.constant('POST'),
    path: id.map((value) => `/issues/${enc(value)}/rating`),
    body,
    contentType,
  }),
  fc.record({ method: fc.constant('GET'), path: id.map((value) => `/issues/${enc(value)}`) }),
  fc.record({ method: fc.constant('GET'), path: id.map((value) => `/tasks/${enc(value)}`) }),
  fc.record({
    method: fc.constant('GET'),
    path: fc.tuple(nasty, id).map(([scope, value]) => `/stats?scope=${enc(scope)}&id=${enc(value)}`),
  }),
  fc.record({
    method: fc.constant('GET'),
    path: id.map((value) => `/grids?limit=${enc(value)}&cursor=${enc(value)}`),
  }),
);

describe('every route under random and malformed input', () => {
  it(`never answers 5xx, always explains errors as problem+json, and writes nothing (${RUNS} requests)`, async () => {
    const before = await everything();

    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const headers: Record<string, string> = { accept: 'application/json' };
        if ('contentType' in input && input.contentType) headers['content-type'] = input.contentType;
        const response = await fetch(new URL(input.path, system.gridwork.url), {
          method: input.method,
          headers,
          ...('body' in input ? { body: input.body } : {}),
        });
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        // Every error is a handler's problem+json, except API Gateway's own 404 where no route matches.
        const noRoute = response.status === 404 && text === JSON.stringify({ message: 'Not Found' });
        if (response.status >= 400 && !noRoute) {
          expect(response.headers.get('content-type')).toBe('application/problem+json');
        }
      }),
      { numRuns: RUNS, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );

    expect(await everything()).toBe(before);
  }, 600_000);

  it('accepts or refuses every description, and sends an accepted one as one quoted, well-formed line without links', async () => {
    const accepted: string[] = [];

    await fc.assert(
      fc.asyncProperty(description, async (text) => {
        const response = await system.api.report({
          category: 'sanitation',
          description: text,
          location: { gridId: 'g-140' },
        });
        expect([201, 422]).toContain(response.status);
        if (response.status === 201) accepted.push(response.body.id);
      }),
      { numRuns: Math.min(RUNS, 40), seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );

    for (const issueId of accepted) {
      const { assigneeId, link } = await system.api.waitForTaskLink(issueId);
      const message = (await system.api.outbox(assigneeId)).find((item) => item.link === link);
      const text = message?.text ?? '';
      expect(text.isWellFormed()).toBe(true);
      expect(text).toMatch(/^[^「」]*「[^「」\n]*」[^「」]*$/u);
      expect(text).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b]|https?:/u);
    }
  }, 600_000);
});
