// The template's HTTP API served locally: routes → in-process handlers → dynalite → response,
// payload 2.0 events, API Gateway's response mapping and error answers.
import { request } from 'node:http';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CfnTemplate,
  ConflictingEnvironmentError,
  type LocalRuntime,
  startLocalRuntime,
} from '../../local/runtime/index.ts';
import { synthFixtureTemplate } from './fixtures/app.ts';
import { collectingLogger, makeTempDir, repoRoot } from './helpers.ts';

let template: CfnTemplate;
let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
let runtime: LocalRuntime;
const logger = collectingLogger();

beforeAll(async () => {
  template = synthFixtureTemplate();
  dataDir = await makeTempDir('http');
  runtime = await startLocalRuntime({
    template,
    rootDir: repoRoot,
    dataDir: dataDir.path,
    port: 0,
    maxBodyBytes: 1024,
    envOverlay: { LOCAL_FLAG: 'on' },
    logger,
    extraRoutes: {
      'GET /outbox': async () => ({
        statusCode: 200,
        headers: { 'content-type': 'text/plain' },
        body: 'outbox',
      }),
      'GET /items/special': async (event) => ({ statusCode: 200, body: `extra ${event.routeKey}` }),
    },
  });
});

afterAll(async () => {
  await runtime?.close();
  await dataDir?.remove();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch, to send repeated headers as separate lines. */
function send(
  method: string,
  path: string,
  headers: Record<string, string | string[]> = {},
  body?: Buffer | string,
) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(`${runtime.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };

describe('local HTTP API', () => {
  it('creates the template tables (with their indexes) in dynalite and resolves function environments', async () => {
    const client = new DynamoDBClient({
      endpoint: runtime.dynamodbEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toContain('Items5C12978B');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'Items5C12978B' }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['byKind']);
    expect(runtime.tableNames).toEqual({ Items5C12978B: 'Items5C12978B' });

    expect(runtime.functionEnv.ApiFnE0725F78).toEqual({
      TABLE_NAME: 'Items5C12978B',
      FIXTURE_GREETING: 'hello',
      STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:CaseFlowEE019F5C',
      STATE_MACHINE_NAME: 'CaseFlowEE019F5C',
      TABLE_ARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/Items5C12978B',
      API_REGION: 'us-east-1',
      JOINED_VALUE: 'aws|000000000000|Items5C12978B',
    });
    client.destroy();
  });

  it('stores and reads an item through path-parameter routes', async () => {
    const put = await send('PUT', '/items/a1', json, JSON.stringify({ kind: 'tool', value: 7 }));
    expect(put.status).toBe(201);
    expect(put.headers['x-item-id']).toBe('a1');
    expect(put.headers['set-cookie']).toEqual(['seen=1; Path=/', 'flavour=plain']);

    const get = await send('GET', '/items/a1?tag=x&tag=y&note=two%20words');
    expect(get.status).toBe(200);
    expect(JSON.parse(get.body)).toEqual({
      id: 'a1',
      item: { pk: 'item#a1', sk: 'item', kind: 'tool', value: 7 },
      query: { tag: 'x,y', note: 'two words' },
    });
    expect((await send('GET', '/items/missing')).status).toBe(404);
  });

  it('builds a full payload 2.0 event and infers a JSON response for results without statusCode', async () => {
    const response = await send(
      'POST',
      '/echo/a%20b/c?q=1&q=2',
      { ...json, cookie: 'a=1; b=2', 'X-Multi': ['one', 'two'] },
      JSON.stringify({ hello: 'world' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    const { event, env } = JSON.parse(response.body);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'ANY /echo/{proxy+}',
      rawPath: '/echo/a%20b/c',
      rawQueryString: 'q=1&q=2',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { q: '1,2' },
      pathParameters: { proxy: 'a b/c' },
      body: '{"hello":"world"}',
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        domainName: '127.0.0.1',
        http: { method: 'POST', path: '/echo/a%20b/c', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
        routeKey: 'ANY /echo/{proxy+}',
        stage: '$default',
      },
    });
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
    expect(event.requestContext.apiId).toMatch(/^[0-9a-f]{10}$/);
    // Template env and the local overlay are both in the handlers' process.env.
    expect(env).toMatchObject({ TABLE_NAME: 'Items5C12978B', LOCAL_FLAG: 'on', API_REGION: 'us-east-1' });

    const binary = await send(
      'PUT',
      '/echo/bin',
      { 'content-type': 'application/octet-stream' },
      Buffer.from([0, 1, 2]),
    );
    const binaryEvent = JSON.parse(binary.body).event;
    expect(binaryEvent).toMatchObject({ body: 'AAEC', isBase64Encoded: true });
    expect(binaryEvent.queryStringParameters).toBeUndefined();
  });

  it("answers 404 with API Gateway's own body when no route matches", async () => {
    const response = await send('DELETE', '/items/a1');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual({ message: 'Not Found' });
  });

  it("refuses bodies over the gateway's cap with API Gateway's 413 without calling the handler", async () => {
    const response = await send('PUT', '/items/too-big', json, JSON.stringify({ kind: 'x'.repeat(2000) }));
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual({ message: 'Request Entity Too Large' });
    expect((await send('GET', '/items/too-big')).status).toBe(404);
  });

  it("stops reading at the route's body limit and lets the handler refuse the rest, before the body ends", async () => {
    // Prepare: a request that sends more than the route's 64 bytes and then keeps its body open.
    const answered = new Promise<RawResponse>((resolve, reject) => {
      const req = request(`${runtime.url}/limited`, { method: 'POST', headers: json }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          });
          req.end();
        });
      });
      req.on('error', reject);
      req.write(JSON.stringify({ text: 'x'.repeat(200) }));
    });

    // Act
    const response = await answered;

    // Assess: the handler saw only 65 bytes, enough to know the body is over its limit.
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ bytes: 65 });
    expect(JSON.parse((await send('POST', '/limited', json, '{"a":1}')).body)).toEqual({ bytes: 7 });
  });

  it("gives each function only its own template variables, and the runtime every function's", async () => {
    // Act
    const response = await send('GET', '/echo/env');

    // Assess
    const { env, foreignVisible } = JSON.parse(response.body);
    expect(env.APPROVAL_ONLY).toBeUndefined();
    expect(foreignVisible).toBe(false);
    expect(env.TABLE_NAME).toBe('Items5C12978B');
    expect(process.env.APPROVAL_ONLY).toBe('for the approval step');
  });

  it('answers 503 as API Gateway does when a function runs past its Timeout, without waiting for it', async () => {
    // Act
    const started = Date.now();
    const hanging = await send('GET', '/slow/5000');
    const waited = Date.now() - started;
    const quick = await send('GET', '/slow/10');

    // Assess
    expect(hanging.status).toBe(503);
    expect(JSON.parse(hanging.body)).toEqual({ message: 'Service Unavailable' });
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(waited).toBeLessThan(4000);
    expect(quick.status).toBe(200);
  });

  it("refuses a Host other than this machine's names with 403", async () => {
    // Act
    const foreign = await send('GET', '/items/a1', { host: 'rebound.example' });
    const local = await send('GET', '/items/a1', { host: 'localhost' });

    // Assess
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toEqual({ message: 'Forbidden' });
    expect(local.status).toBe(200);
  });

  it('has no CORS when the template configures none', async () => {
    // Act
    const preflight = await send('OPTIONS', '/items/a1', {
      origin: 'https://elsewhere.example',
      'access-control-request-method': 'PUT',
    });
    const read = await send('GET', '/items/a1', { origin: 'https://elsewhere.example' });

    // Assess
    expect(preflight.status).toBe(404);
    expect(read.status).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 500 like API Gateway when a handler throws, logging the error without the request', async () => {
    const response = await send(
      'PUT',
      '/items/boom',
      json,
      JSON.stringify({ explode: true, secret: 'S3CRET' }),
    );
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal Server Error' });
    expect((await send('GET', '/echo/throw')).status).toBe(500);
    const failures = logger.entries.filter((entry) => entry.msg === 'handler failed');
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(logger.text()).toContain('the handler exploded on purpose');
    expect(logger.text()).not.toContain('S3CRET');
  });

  it('matches local extra routes before template routes', async () => {
    expect(await send('GET', '/outbox')).toMatchObject({ status: 200, body: 'outbox' });
    expect(await send('GET', '/items/special')).toMatchObject({
      status: 200,
      body: 'extra GET /items/special',
    });
  });

  it('logs method, route key, status and duration, never paths, queries or bodies', async () => {
    await send(
      'POST',
      '/tasks/phone-0612345678/approve?token=TOPSECRET',
      json,
      JSON.stringify({ approved: true }),
    );
    const entry = logger.entries.findLast((e) => e.msg === 'http request');
    expect(entry?.data).toMatchObject({
      method: 'POST',
      routeKey: 'POST /tasks/{caseId}/approve',
      status: 404,
    });
    expect(logger.text()).not.toContain('0612345678');
    expect(logger.text()).not.toContain('TOPSECRET');
  });

  it("answers CORS, JWT and throttling as the template configures them, with API Gateway's bodies", async () => {
    // Prepare: the same app with CORS for one origin and a JWT authorizer on one route.
    const configured = structuredClone(template);
    const api = Object.values(configured.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api');
    Object.assign(api?.Properties ?? {}, {
      CorsConfiguration: {
        AllowOrigins: ['https://pages.example'],
        AllowMethods: ['GET', 'POST'],
        AllowHeaders: ['content-type'],
        MaxAge: 600,
      },
    });
    const secured = Object.values(configured.Resources).find(
      (r) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties?.RouteKey === 'ANY /echo/{proxy+}',
    );
    Object.assign(secured?.Properties ?? {}, { AuthorizationType: 'JWT', AuthorizerId: { Ref: 'Jwt' } });
    configured.Resources.Jwt = {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: 'https://idp.example/pool', Audience: ['dashboard-client'] },
      },
    };
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const token = (
      claims: Record<string, unknown>,
      options: { key?: typeof privateKey; exp?: string; iss?: string } = {},
    ) =>
      new SignJWT({ 'gridwork:unit': 'street:s-1', 'cognito:groups': ['a', 'b'], ...claims })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(options.iss ?? 'http://issuer.local')
        .setExpirationTime(options.exp ?? '5m')
        .sign(options.key ?? privateKey);
    const other = await makeTempDir('cors');
    const second = await startLocalRuntime({
      template: configured,
      rootDir: repoRoot,
      dataDir: other.path,
      port: 0,
      logger,
      jwtIssuer: ({ audiences }) => {
        expect(audiences).toEqual(['dashboard-client']);
        return { issuer: 'http://issuer.local', keys: async () => publicKey };
      },
      rateLimits: { 'POST /limited': { perMinute: 1, burst: 1 } },
    });
    const at = (path: string, init: RequestInit = {}) => fetch(`${second.url}${path}`, init);
    try {
      // Act
      const allowed = await at('/items/a1', {
        method: 'OPTIONS',
        headers: { origin: 'https://pages.example', 'access-control-request-method': 'POST' },
      });
      const refused = await at('/items/a1', {
        method: 'OPTIONS',
        headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
      });
      const unauthorized = await at('/echo/a1', { headers: { origin: 'https://pages.example' } });
      const bearer = async (jwt: Promise<string>) =>
        (await at('/echo/a1', { headers: { authorization: `Bearer ${await jwt}` } })).status;
      const refusedTokens = await Promise.all([
        bearer(token({ aud: 'another-client' })),
        bearer(token({ aud: 'dashboard-client' }, { exp: '-1m' })),
        bearer(token({ aud: 'dashboard-client' }, { key: stranger.privateKey })),
        bearer(token({ aud: 'dashboard-client' }, { iss: 'https://idp.example/pool' })),
      ]);
      const authorized = await at('/echo/a1', {
        headers: { authorization: `Bearer ${await token({ aud: 'dashboard-client' })}` },
      });
      const first = await at('/limited', { method: 'POST', headers: json, body: '{}' });
      const throttled = await at('/limited', { method: 'POST', headers: json, body: '{}' });

      // Assess
      expect(allowed.status).toBe(204);
      expect(
        Object.fromEntries([...allowed.headers].filter(([name]) => name.startsWith('access-control'))),
      ).toEqual({
        'access-control-allow-origin': 'https://pages.example',
        'access-control-allow-methods': 'GET,POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      });
      expect(refused.status).toBe(204);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(unauthorized.status).toBe(401);
      expect(await unauthorized.json()).toEqual({ message: 'Unauthorized' });
      expect(unauthorized.headers.get('access-control-allow-origin')).toBe('https://pages.example');
      expect(refusedTokens).toEqual([401, 401, 401, 401]);
      expect(authorized.status).toBe(200);
      const echoed = (await authorized.json()) as { event: { requestContext: { authorizer: unknown } } };
      expect(echoed.event.requestContext.authorizer).toEqual({
        jwt: {
          claims: {
            'gridwork:unit': 'street:s-1',
            'cognito:groups': '[a b]',
            aud: 'dashboard-client',
            iss: 'http://issuer.local',
            exp: expect.stringMatching(/^\d+$/),
          },
          scopes: null,
        },
      });
      expect(first.status).toBe(200);
      expect(throttled.status).toBe(429);
      expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });
    } finally {
      await second.close();
      await other.remove();
    }
  });

  it('refuses to start when two functions disagree on an environment variable', async () => {
    const clashing = structuredClone(template);
    const prepare = clashing.Resources.PrepareFnF8A763DF?.Properties as {
      Environment: { Variables: object };
    };
    prepare.Environment.Variables = { ...prepare.Environment.Variables, FIXTURE_GREETING: 'hi' };
    const other = await makeTempDir('clash');
    const attempt = startLocalRuntime({
      template: clashing,
      rootDir: repoRoot,
      dataDir: other.path,
      port: 0,
      logger,
    });
    await expect(attempt).rejects.toThrow(ConflictingEnvironmentError);
    await expect(attempt).rejects.toThrow(/FIXTURE_GREETING.*PrepareFnF8A763DF.*AwaitApprovalFnCB2E2574/);
    await other.remove();
  });
});
