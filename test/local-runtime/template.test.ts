// Pure parts of the local runtime: intrinsic resolution, the definition rewrite, route matching
// and the shared-environment rule.
import { describe, expect, it } from 'vitest';
import { ConflictingEnvironmentError, mergeFunctionEnvironments } from '../../local/runtime/function-env.ts';
import { matchRoute, parseRoute } from '../../local/runtime/http-api/routes.ts';
import type { CfnTemplate } from '../../local/runtime/index.ts';
import { TemplateResolver, UnresolvableValueError } from '../../local/runtime/intrinsics.ts';
import {
  LIBRARY_TASK_TIMEOUT_SECONDS,
  localDefinition,
  startingAt,
} from '../../local/runtime/step-functions/definition.ts';

const template: CfnTemplate = {
  Parameters: { Stage: { Type: 'String', Default: 'dev' } },
  Mappings: { Sizes: { dev: { memory: 256 } } },
  Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] } },
  Resources: {
    Cases: { Type: 'AWS::DynamoDB::GlobalTable' },
    Fn: { Type: 'AWS::Lambda::Function' },
    Flow: { Type: 'AWS::StepFunctions::StateMachine' },
    Api: { Type: 'AWS::ApiGatewayV2::Api' },
    Secret: { Type: 'AWS::SecretsManager::Secret' },
    Topic: { Type: 'AWS::SNS::Topic' },
    Role: { Type: 'AWS::IAM::Role' },
  },
};

const resolver = new TemplateResolver({
  template,
  region: 'eu-central-1',
  publicUrl: 'http://localhost:9000',
});
const resolve = (value: unknown) => resolver.resolve(value, 'test');

describe('intrinsics', () => {
  it('resolves refs and attributes of the resources the runtime runs', () => {
    expect(resolve({ Ref: 'Cases' })).toBe('Cases');
    expect(resolve({ 'Fn::GetAtt': ['Cases', 'Arn'] })).toBe(
      'arn:aws:dynamodb:eu-central-1:000000000000:table/Cases',
    );
    expect(resolve({ Ref: 'Fn' })).toBe('Fn');
    expect(resolve({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe(
      'arn:aws:lambda:eu-central-1:000000000000:function:Fn',
    );
    expect(resolve({ Ref: 'Flow' })).toBe('arn:aws:states:eu-central-1:000000000000:stateMachine:Flow');
    expect(resolve({ 'Fn::GetAtt': ['Flow', 'Name'] })).toBe('Flow');
    expect(resolve({ 'Fn::GetAtt': ['Api', 'ApiEndpoint'] })).toBe('http://localhost:9000');
    expect(resolve({ 'Fn::GetAtt': 'Fn.Arn' })).toBe('arn:aws:lambda:eu-central-1:000000000000:function:Fn');
  });

  it('gives plausible values for resources it does not run, never throwing', () => {
    expect(resolve({ Ref: 'Secret' })).toMatch(
      /^arn:aws:secretsmanager:eu-central-1:000000000000:secret:Secret-/,
    );
    expect(resolve({ Ref: 'Topic' })).toBe('arn:aws:sns:eu-central-1:000000000000:Topic');
    expect(resolve({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe('arn:aws:iam::000000000000:role/Role');
    expect(typeof resolve({ 'Fn::GetAtt': ['Topic', 'TopicName'] })).toBe('string');
  });

  it('resolves pseudo parameters, Join, Sub, Select, Split, FindInMap, If and NoValue', () => {
    expect(
      resolve({
        'Fn::Join': ['|', [{ Ref: 'AWS::Partition' }, { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }]],
      }),
    ).toBe('aws|eu-central-1|000000000000');
    expect(resolve({ Ref: 'AWS::URLSuffix' })).toBe('amazonaws.com');
    expect(typeof resolve({ Ref: 'AWS::StackName' })).toBe('string');
    // CloudFormation's ${…} syntax, built without template-literal look-alikes.
    const sub = (text: string) => text.replaceAll('%', '$');
    expect(resolve({ 'Fn::Sub': sub('arn:%{AWS::Partition}:x:%{Cases}:%{Fn.Arn}:%{!Literal}') })).toBe(
      sub('arn:aws:x:Cases:arn:aws:lambda:eu-central-1:000000000000:function:Fn:%{Literal}'),
    );
    expect(resolve({ 'Fn::Sub': [sub('%{A}-%{Stage}'), { A: { Ref: 'Cases' } }] })).toBe('Cases-dev');
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
    expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'memory'] })).toBe(256);
    expect(resolve({ 'Fn::If': ['IsDev', 'yes', 'no'] })).toBe('yes');
    expect(resolve({ A: 1, B: { Ref: 'AWS::NoValue' } })).toEqual({ A: 1 });
  });

  it('names the place of a reference it cannot resolve', () => {
    expect(() => resolver.resolve({ Ref: 'Nope' }, 'Fn.Environment.X')).toThrow(UnresolvableValueError);
    expect(() => resolver.resolve({ Ref: 'Nope' }, 'Fn.Environment.X')).toThrow(/Fn\.Environment\.X/);
  });
});

describe('local definition rewrite', () => {
  const original = {
    TimeoutSeconds: 99_999_999,
    StartAt: 'Call',
    States: {
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: {
          FunctionName: 'f',
          Payload: { 'token.$': '$$.Task.Token', 'input.$': '$$.Execution.Input' },
        },
        TimeoutSecondsPath: '$.timeout',
        HeartbeatSeconds: 60,
        Next: 'Direct',
      },
      Direct: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:eu-west-1:1:function:f',
        TimeoutSeconds: 5,
        Next: 'Plain',
      },
      Plain: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:1:function:f', Next: 'Keep' },
      Keep: { Type: 'Pass', Result: { 'text.$': '$$.Execution.Input' }, End: true },
    },
  };

  it('moves task timeouts into hidden Parameters and keeps the library timeout below its limit', () => {
    const local = localDefinition(original);
    const states = local.definition.States as Record<string, Record<string, unknown>>;
    expect(states.Call).toMatchObject({
      TimeoutSeconds: LIBRARY_TASK_TIMEOUT_SECONDS,
      Parameters: {
        __localPayload: {
          FunctionName: 'f',
          Payload: { 'token.$': '$$.Task.Token', 'input.$': '$$.Execution.__Input' },
        },
        '__localTimeoutSeconds.$': '$.timeout',
      },
    });
    expect(states.Call).not.toHaveProperty('TimeoutSecondsPath');
    expect(states.Call).not.toHaveProperty('HeartbeatSeconds');
    expect(states.Direct?.Parameters).toEqual({ '__localPayload.$': '$', __localTimeoutSeconds: 5 });
    expect(states.Plain).toMatchObject({ TimeoutSeconds: LIBRARY_TASK_TIMEOUT_SECONDS });
    expect(states.Plain).not.toHaveProperty('Parameters');
    // Literal results are data, not paths.
    expect(states.Keep?.Result).toEqual({ 'text.$': '$$.Execution.Input' });
    expect(local.definition).not.toHaveProperty('TimeoutSeconds');
    expect(local.executionTimeoutSeconds).toBe(99_999_999);
    expect([...local.tasks.values()].map((t) => [t.name, t.kind, t.wrapped])).toEqual([
      ['Call', 'lambda-callback', true],
      ['Direct', 'lambda-direct', true],
      ['Plain', 'lambda-direct', false],
    ]);
    // The original is untouched.
    expect(original.States.Call.TimeoutSecondsPath).toBe('$.timeout');
  });

  it('starts copies at a top-level state only', () => {
    const local = localDefinition(original);
    expect(startingAt(local, 'Direct').StartAt).toBe('Direct');
    expect(() => startingAt(local, 'Nowhere')).toThrow(/not a top-level state/);
  });
});

describe('route matching', () => {
  const routes = [
    'GET /items/{id}',
    'GET /items/special',
    'ANY /items/{id}',
    'GET /files/{proxy+}',
    'POST /items',
    '$default',
  ].map((key) => parseRoute(key, key));
  const match = (method: string, path: string) => matchRoute(routes, method, path);

  it('prefers literal segments, then parameters, then greedy ones, and specific methods over ANY', () => {
    expect(match('GET', '/items/special')?.route.routeKey).toBe('GET /items/special');
    expect(match('GET', '/items/42')).toMatchObject({
      route: { routeKey: 'GET /items/{id}' },
      pathParameters: { id: '42' },
    });
    expect(match('DELETE', '/items/42')?.route.routeKey).toBe('ANY /items/{id}');
    expect(match('GET', '/files/a/b%2Fc')).toMatchObject({ pathParameters: { proxy: 'a/b/c' } });
    expect(match('POST', '/items')?.route.routeKey).toBe('POST /items');
  });

  it('falls back to $default, and matches nothing without it', () => {
    expect(match('GET', '/elsewhere')?.route.routeKey).toBe('$default');
    expect(match('GET', '/files/')?.route.routeKey).toBe('$default');
    expect(matchRoute(routes.slice(0, -1), 'GET', '/elsewhere')).toBeUndefined();
  });
});

describe('shared function environment', () => {
  it('merges agreeing variables and names both functions when they disagree', () => {
    expect(
      mergeFunctionEnvironments([
        { logicalId: 'A', env: { TABLE: 't', ONLY_A: '1' } },
        { logicalId: 'B', env: { TABLE: 't' } },
      ]),
    ).toEqual({ TABLE: 't', ONLY_A: '1' });
    const clash = () =>
      mergeFunctionEnvironments([
        { logicalId: 'A', env: { SERVICE: 'a' } },
        { logicalId: 'B', env: { SERVICE: 'b' } },
      ]);
    expect(clash).toThrow(ConflictingEnvironmentError);
    expect(clash).toThrow(/SERVICE.*\bA\b.*\bB\b/);
  });
});
