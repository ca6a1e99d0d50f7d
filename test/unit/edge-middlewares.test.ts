import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { LINK_KEY_MAX_AGE_SECONDS, loadLinkKey } from '#adapters/link-key.ts';
import { IssueNotFoundError } from '#domain/errors.ts';
import { apiHandler } from '#http/api-handler.ts';
import { jsonResponse } from '#http/responses.ts';
import { SECURITY_HEADERS } from '#http/security-headers.ts';

const context = {
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  logGroupName: 'test',
  logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
} satisfies Context;

const event = { routeKey: 'GET /issues/{id}', headers: {} } as unknown as APIGatewayProxyEventV2;

describe('the API edge', () => {
  it('adds HSTS and nosniff to a handler response', async () => {
    // Prepare
    const handler = apiHandler(async () => jsonResponse(200, { ok: true }, { etag: '"1"' }));

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response).toEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        etag: '"1"',
        ...SECURITY_HEADERS,
      },
      body: '{"ok":true}',
    });
  });

  it('adds them to a problem response too', async () => {
    // Prepare
    const handler = apiHandler(async () => {
      throw new IssueNotFoundError('GW-1');
    });

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response).toMatchObject({
      statusCode: 404,
      headers: {
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
      },
    });
  });
});

describe('the link key from Secrets Manager', () => {
  const arn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:link-key-AbCdEf';
  let server: Server;
  let secret = 'first-link-key-of-at-least-thirty-two-bytes';
  let failing = false;
  const reads: string[] = [];

  beforeAll(async () => {
    // A stand-in for the Secrets Manager endpoint: the real SDK client and Powertools provider talk to it.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        reads.push((JSON.parse(body) as { SecretId: string }).SecretId);
        response.setHeader('content-type', 'application/x-amz-json-1.1');
        if (failing) {
          response.statusCode = 400;
          response.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'denied' }));
          return;
        }
        response.end(JSON.stringify({ ARN: arn, Name: 'link-key', SecretString: secret, VersionId: 'v1' }));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', `http://127.0.0.1:${port}`);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    server.close();
    await once(server, 'close');
  });

  it('is read at cold start, kept for its age, then read again before an invocation', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    const keys = await loadLinkKey({ LINK_KEY_SECRET_ARN: arn });
    const handler = middy<unknown, string>()
      .use(edgeMiddlewares())
      .handler(async () => Buffer.from(keys.linkKey).toString());
    secret = 'second-link-key-of-at-least-thirty-two-bytes';

    // Act
    const warm = await handler({}, context);
    const readsWhenWarm = reads.length;
    vi.setSystemTime(Date.now() + (LINK_KEY_MAX_AGE_SECONDS + 1) * 1000);
    const afterAge = await handler({}, context);
    const readsAfterAge = reads.length;
    failing = true;
    vi.setSystemTime(Date.now() + (LINK_KEY_MAX_AGE_SECONDS + 1) * 1000);
    const duringOutage = await handler({}, context);

    // Assess
    expect(warm).toBe('first-link-key-of-at-least-thirty-two-bytes');
    expect(afterAge).toBe('second-link-key-of-at-least-thirty-two-bytes');
    expect(duringOutage).toBe('second-link-key-of-at-least-thirty-two-bytes');
    // Once at cold start, nothing while warm, once after the age, and again (retried) during the outage.
    expect([readsWhenWarm, readsAfterAge]).toEqual([1, 2]);
    expect(reads.length).toBeGreaterThan(2);
    expect(new Set(reads)).toEqual(new Set([arn]));
  });

  it('is given directly on a local run, and nothing is fetched', async () => {
    // Prepare
    const before = reads.length;
    const key = Buffer.from('local-link-key-of-at-least-thirty-two-bytes').toString('base64url');

    // Act
    const keys = await loadLinkKey({ LINK_KEY: key });

    // Assess
    expect(Buffer.from(keys.linkKey).toString()).toBe('local-link-key-of-at-least-thirty-two-bytes');
    expect(reads.length).toBe(before);
  });
});

describe('business metrics', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('leave an invocation as one EMF line in the stage namespace, and nothing when none was counted', async () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'Gridwork-test');
    vi.resetModules();
    const { businessMetrics } = await import('#adapters/metrics.ts');
    const { edgeMiddlewares: fresh } = await import('#adapters/edge-middlewares.ts');
    const lines: string[] = [];
    const warnings: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    // An empty flush would warn here on every invocation.
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      warnings.push(String(chunk));
      return true;
    });
    const handler = (count: boolean) =>
      middy<unknown, void>()
        .use(fresh())
        .handler(async () => {
          if (count) {
            businessMetrics.count('Escalation');
            businessMetrics.count('Escalation');
            businessMetrics.count('BadRating');
          }
        });

    // Act
    await handler(false)({}, context);
    const quiet = lines.length;
    await handler(true)({}, context);

    // Assess
    expect(quiet).toBe(0);
    expect(warnings).toEqual([]);
    const emf = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'Gridwork-test',
            Dimensions: [['service']],
            Metrics: expect.arrayContaining([
              { Name: 'Escalations', Unit: 'Count' },
              { Name: 'BadRatings', Unit: 'Count' },
            ]),
          },
        ],
      },
      service: 'gridwork',
      Escalations: [1, 1],
      BadRatings: 1,
    });
  });
});
