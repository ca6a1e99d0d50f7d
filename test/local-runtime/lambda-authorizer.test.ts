// The local gateway's Lambda authorizers, as API Gateway HTTP APIs run them: identity sources checked before
// the call, the REQUEST event, simple and policy answers, the cache per identity, failures as 500.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { AuthorizerRunner, type LambdaAuthorizer } from '../../local/runtime/http-api/lambda-authorizer.ts';
import { collectingLogger } from './helpers.ts';

const AUTHORIZER: LambdaAuthorizer = {
  logicalId: 'PartnerKey',
  functionName: 'arn:aws:lambda:us-east-1:000000000000:function:Authorizer',
  identitySource: ['$request.header.X-Api-Key'],
  ttlSeconds: 30,
  simpleResponses: true,
  payloadFormatVersion: '2.0',
};

function event(headers: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /integration/v1/cases',
    rawPath: '/integration/v1/cases',
    rawQueryString: '',
    headers,
    body: '{"secret":"body"}',
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'abcdefghij',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/integration/v1/cases',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: '',
      },
      requestId: 'r1',
      routeKey: 'POST /integration/v1/cases',
      stage: '$default',
      time: '30/Nov/2026:09:00:00 +0000',
      timeEpoch: 0,
    },
  };
}

/** An authorizer function that allows the key `good`, recording every event it is called with. */
function fakeAuthorizer(answer?: (event: Record<string, unknown>) => unknown) {
  const calls: Record<string, unknown>[] = [];
  const invoke = async (_name: string, received: unknown) => {
    const call = received as Record<string, unknown>;
    calls.push(call);
    if (answer) return answer(call);
    const key = (call.headers as Record<string, string>)['x-api-key'];
    return key === 'good'
      ? { isAuthorized: true, context: { partnerId: 'city-12345' } }
      : { isAuthorized: false };
  };
  return { calls, invoke };
}

describe('a Lambda authorizer run by the local gateway', () => {
  it('answers 401 without calling the function when an identity source is missing', async () => {
    const fake = fakeAuthorizer();
    const runner = new AuthorizerRunner(fake.invoke, collectingLogger());

    const verdict = await runner.authorize(AUTHORIZER, event({}));

    expect(verdict).toMatchObject({ allowed: false, response: { statusCode: 401 } });
    expect(fake.calls).toEqual([]);
  });

  it('sends the REQUEST event without the body and passes on the context of a simple answer', async () => {
    const fake = fakeAuthorizer();
    const runner = new AuthorizerRunner(fake.invoke, collectingLogger(), 'cn-north-1');

    const verdict = await runner.authorize(AUTHORIZER, event({ 'x-api-key': 'good' }));

    expect(verdict).toEqual({ allowed: true, context: { partnerId: 'city-12345' } });
    expect(fake.calls[0]).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: 'arn:aws:execute-api:cn-north-1:000000000000:abcdefghij/$default/POST/integration/v1/cases',
      identitySource: ['good'],
      routeKey: 'POST /integration/v1/cases',
      headers: { 'x-api-key': 'good' },
    });
    expect(fake.calls[0]).not.toHaveProperty('body');
  });

  it('refuses with 403, and keeps each answer for its TTL per identity', async () => {
    let now = 0;
    const fake = fakeAuthorizer();
    const runner = new AuthorizerRunner(fake.invoke, collectingLogger(), 'us-east-1', () => now);

    const answers = [
      await runner.authorize(AUTHORIZER, event({ 'x-api-key': 'bad' })),
      await runner.authorize(AUTHORIZER, event({ 'x-api-key': 'bad' })),
      await runner.authorize(AUTHORIZER, event({ 'x-api-key': 'good' })),
    ];
    now = 30_001;
    await runner.authorize(AUTHORIZER, event({ 'x-api-key': 'bad' }));

    expect(answers.map((answer) => (answer.allowed ? 200 : answer.response.statusCode))).toEqual([
      403, 403, 200,
    ]);
    expect(fake.calls.map((call) => call.identitySource)).toEqual([['bad'], ['good'], ['bad']]);
  });

  it('answers 500 when the function fails or answers nonsense, and does not keep that', async () => {
    const fake = fakeAuthorizer(() => {
      throw new Error('registry unreachable');
    });
    const nonsense = fakeAuthorizer(() => 'yes');
    const runner = new AuthorizerRunner(fake.invoke, collectingLogger());

    const first = await runner.authorize(AUTHORIZER, event({ 'x-api-key': 'good' }));
    const second = await runner.authorize(AUTHORIZER, event({ 'x-api-key': 'good' }));
    const odd = await new AuthorizerRunner(nonsense.invoke, collectingLogger()).authorize(
      { ...AUTHORIZER, ttlSeconds: 0 },
      event({ 'x-api-key': 'good' }),
    );

    expect([first, second, odd].map((answer) => (answer.allowed ? 200 : answer.response.statusCode))).toEqual(
      [500, 500, 500],
    );
    expect(fake.calls).toHaveLength(2);
  });

  it('reads an IAM policy answer when simple responses are off', async () => {
    const policy = (effect: string) => ({
      principalId: 'p',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: '*' }],
      },
      context: { partnerId: 'p' },
    });
    const allow = new AuthorizerRunner(fakeAuthorizer(() => policy('Allow')).invoke, collectingLogger());
    const deny = new AuthorizerRunner(fakeAuthorizer(() => policy('Deny')).invoke, collectingLogger());
    const settings = { ...AUTHORIZER, simpleResponses: false };

    const verdicts = [
      await allow.authorize(settings, event({ 'x-api-key': 'k' })),
      await deny.authorize(settings, event({ 'x-api-key': 'k' })),
    ];

    expect(verdicts.map((answer) => (answer.allowed ? answer.context : answer.response.statusCode))).toEqual([
      { partnerId: 'p' },
      403,
    ]);
  });
});
