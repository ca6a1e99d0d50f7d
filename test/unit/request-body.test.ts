import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { HttpRequestError, type Problem } from '#http/problem.ts';
import { MAX_BODY_BYTES, parseBody } from '#http/request-body.ts';

interface EventOptions {
  readonly contentType?: string;
  readonly base64?: boolean;
}

function eventWith(body: string, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const contentType = options.contentType ?? 'application/json';
  return {
    version: '2.0',
    routeKey: 'POST /issues',
    rawPath: '/issues',
    rawQueryString: '',
    headers: contentType ? { 'content-type': contentType } : {},
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.org',
      domainPrefix: 'api',
      http: {
        method: 'POST',
        path: '/issues',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: 'r-1',
      routeKey: 'POST /issues',
      stage: '$default',
      time: '01/Mar/2025:08:00:00 +0000',
      timeEpoch: 1_740_816_000_000,
    },
    body,
    isBase64Encoded: options.base64 ?? false,
  };
}

/** The problem `parseBody` refuses the event with; fails the test if it accepts it. */
function refusal(event: APIGatewayProxyEventV2, accept: { form?: boolean } = {}): Problem {
  try {
    parseBody(event, accept);
  } catch (error) {
    if (error instanceof HttpRequestError) return error.problem;
    throw error;
  }
  throw new Error('Expected the body to be refused');
}

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('parseBody', () => {
  it('parses a JSON body', () => {
    // Act
    const value = parseBody(eventWith('{"category":"drainage","n":[1,2]}'));

    // Assess
    expect(value).toEqual({ category: 'drainage', n: [1, 2] });
  });

  it('parses a base64-encoded JSON body with its charset parameter and a +json type', () => {
    // Prepare
    const body = Buffer.from('{"description":"楼道漏水"}', 'utf8').toString('base64');

    // Act
    const plain = parseBody(
      eventWith(body, { base64: true, contentType: 'Application/JSON; charset=utf-8' }),
    );
    const vendor = parseBody(eventWith('{"a":1}', { contentType: 'application/merge-patch+json' }));

    // Assess
    expect(plain).toEqual({ description: '楼道漏水' });
    expect(vendor).toEqual({ a: 1 });
  });

  it('parses an HTML form where the route accepts one', () => {
    // Act
    const value = parseBody(
      eventWith('action=decline&note=%E4%B8%8D%E5%BD%92%E6%88%91', {
        contentType: 'application/x-www-form-urlencoded',
      }),
      { form: true },
    );

    // Assess
    expect(value).toEqual({ action: 'decline', note: '不归我' });
  });

  it.each(['{"category": ', '', 'undefined', "{'a':1}", '{"a":1}}'])(
    'answers 400 for the malformed JSON %j',
    (body) => {
      // Act
      const problem = refusal(eventWith(body));

      // Assess
      expect(problem).toMatchObject({ status: 400, detail: 'The body is not valid JSON.' });
    },
  );

  it.each(['text/plain', 'application/xml', ''])('answers 415 for the content type %j', (contentType) => {
    // Act
    const problem = refusal(eventWith('{"a":1}', { contentType }));

    // Assess
    expect(problem.status).toBe(415);
  });

  it('answers 415 for a form where the route takes JSON only', () => {
    // Act
    const problem = refusal(eventWith('a=1', { contentType: 'application/x-www-form-urlencoded' }));

    // Assess
    expect(problem.status).toBe(415);
  });

  it('answers 413 for a body over the limit, counted in bytes', () => {
    // Prepare
    const chinese = `{"d":"${'水'.repeat(Math.ceil(MAX_BODY_BYTES / 3))}"}`;

    // Act
    const problem = refusal(eventWith(chinese));

    // Assess
    expect(chinese.length).toBeLessThan(MAX_BODY_BYTES);
    expect(problem.status).toBe(413);
  });

  it('answers 413 for a base64 body that decodes to more than the limit', () => {
    // Prepare
    const body = Buffer.from(`{"d":"${'x'.repeat(MAX_BODY_BYTES)}"}`).toString('base64');

    // Act
    const problem = refusal(eventWith(body, { base64: true }));

    // Assess
    expect(problem.status).toBe(413);
  });

  it('accepts a body of exactly the limit', () => {
    // Prepare
    const body = `{"d":"${'x'.repeat(MAX_BODY_BYTES - 8)}"}`;

    // Act
    const value = parseBody(eventWith(body));

    // Assess
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
    expect(value).toEqual({ d: 'x'.repeat(MAX_BODY_BYTES - 8) });
  });

  it('answers 400 for a base64 body that is not valid UTF-8', () => {
    // Prepare
    const bytes = Buffer.concat([Buffer.from('{"d":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);

    // Act
    const problem = refusal(eventWith(bytes.toString('base64'), { base64: true }));

    // Assess
    expect(problem).toMatchObject({ status: 400, detail: 'The body is not valid UTF-8.' });
  });

  it('answers 400 for JSON nested deeper than eight levels, and accepts eight', () => {
    // Act
    const tooDeep = refusal(eventWith(nested(9)));
    const deepest = parseBody(eventWith(nested(8)));

    // Assess
    expect(tooDeep).toMatchObject({ status: 400, detail: 'The body is nested too deeply.' });
    expect(deepest).toEqual(JSON.parse(nested(8)));
  });

  it('answers 400 for over-deep nesting of arrays too', () => {
    // Prepare
    const body = `${'['.repeat(20)}${']'.repeat(20)}`;

    // Act
    const problem = refusal(eventWith(body));

    // Assess
    expect(problem.status).toBe(400);
  });

  it('answers 400, not a crash, for JSON nested far beyond any limit', () => {
    // Prepare
    const body = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

    // Act
    const problem = refusal(eventWith(body));

    // Assess
    expect(problem.status).toBe(400);
  });
});
