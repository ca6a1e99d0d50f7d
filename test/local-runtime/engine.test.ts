// Engine behaviour the fixture CDK app does not reach, on a hand-written template: direct Lambda
// resources, error names and causes, States.TaskFailed vs States.Timeout, timeouts beyond the
// timer limit, execution timeouts, context fields in Parallel branches, unsupported resources.
import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CfnTemplate, type LocalRuntime, startLocalRuntime } from '../../local/runtime/index.ts';
import { collectingLogger, makeTempDir, repoRoot, sfnClient, WAIT } from './helpers.ts';

const STEP_ARN = '__STEP_ARN__';

/** A DefinitionString the way CDK writes it: Fn::Join around the function's GetAtt Arn. */
function definitionString(definition: object): unknown {
  const parts = JSON.stringify(definition).split(STEP_ARN);
  const joined: unknown[] = [];
  parts.forEach((part, i) => {
    if (i > 0) joined.push({ 'Fn::GetAtt': ['StepFn', 'Arn'] });
    joined.push(part);
  });
  return { 'Fn::Join': ['', joined] };
}

const invoke = (payload: object) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: STEP_ARN, Payload: payload },
  ResultSelector: { 'value.$': '$.Payload' },
});

const machines: Record<string, object> = {
  Errors: {
    StartAt: 'Direct',
    States: {
      Direct: {
        Type: 'Task',
        Resource: STEP_ARN,
        Parameters: { action: 'echo', 'input.$': '$' },
        TimeoutSeconds: 99_999_999,
        ResultPath: '$.direct',
        Next: 'Fails',
      },
      Fails: {
        ...invoke({ action: 'fail', errorName: 'DomainError' }),
        Catch: [
          { ErrorEquals: ['States.Timeout'], Next: 'Wrong' },
          { ErrorEquals: ['DomainError'], ResultPath: '$.caught', Next: 'Slow' },
        ],
        Next: 'Wrong',
      },
      Slow: {
        ...invoke({ action: 'sleep', ms: 1500 }),
        TimeoutSeconds: 1,
        Catch: [
          { ErrorEquals: ['States.TaskFailed'], Next: 'Wrong' },
          { ErrorEquals: ['States.ALL'], ResultPath: '$.timeout', Next: 'Fanout' },
        ],
        Next: 'Wrong',
      },
      Fanout: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'InBranch',
            States: {
              InBranch: {
                Type: 'Pass',
                Parameters: {
                  'original.$': '$$.Execution.Input',
                  'name.$': '$$.Execution.Name',
                  'startTime.$': '$$.Execution.StartTime',
                  'machine.$': '$$.StateMachine.Id',
                },
                End: true,
              },
            },
          },
        ],
        ResultPath: '$.branch',
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
      Wrong: { Type: 'Fail', Error: 'Wrong', Cause: 'took the wrong path' },
    },
  },
  LongTimeouts: {
    TimeoutSeconds: 99_999_999,
    StartAt: 'Echo',
    States: { Echo: { ...invoke({ action: 'echo' }), TimeoutSeconds: 3_000_000, End: true } },
  },
  // A Lambda task whose function (Timeout 1 s) takes longer: it fails as a task, not as a state timeout.
  FunctionTimeout: {
    StartAt: 'Slow',
    States: {
      Slow: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: {
          FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:SlowStepFn',
          Payload: { action: 'sleep', ms: 5_000 },
        },
        Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Succeed' },
    },
  },
  ShortExecution: {
    TimeoutSeconds: 1,
    StartAt: 'Wait',
    States: { Wait: { Type: 'Wait', Seconds: 30, End: true } },
  },
  ShortCallback: {
    TimeoutSeconds: 1,
    StartAt: 'Await',
    States: {
      Await: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: STEP_ARN, Payload: { action: 'echo', 'token.$': '$$.Task.Token' } },
        End: true,
      },
    },
  },
  Unsupported: {
    StartAt: 'Put',
    States: {
      Put: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Parameters: { TableName: 'x', Item: {} },
        End: true,
      },
    },
  },
};

const template: CfnTemplate = {
  Resources: {
    StepFn: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
        Environment: { Variables: { STEP_MODE: { 'Fn::Sub': 'mode-${AWS::Region}' } } },
        Timeout: 5,
      },
      Metadata: { 'gridwork:entry': 'test/local-runtime/fixtures/handlers/step.ts' },
    },
    SlowStepFn: {
      Type: 'AWS::Lambda::Function',
      Properties: { Timeout: 1 },
      Metadata: { 'gridwork:entry': 'test/local-runtime/fixtures/handlers/step.ts' },
    },
    LogRetention: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler' } },
    Secret: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
    ...Object.fromEntries(
      Object.entries(machines).map(([id, definition]) => [
        id,
        {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { DefinitionString: definitionString(definition) },
        },
      ]),
    ),
  },
};

let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
let runtime: LocalRuntime;
let sfn: SFNClient;

beforeAll(async () => {
  dataDir = await makeTempDir('engine');
  runtime = await startLocalRuntime({
    template,
    rootDir: repoRoot,
    dataDir: dataDir.path,
    port: 0,
    region: 'eu-west-1',
    logger: collectingLogger(),
  });
  sfn = sfnClient(runtime.stepFunctionsEndpoint);
});

afterAll(async () => {
  await runtime?.close();
  await dataDir?.remove();
});

async function run(machine: string, input: object) {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: runtime.stateMachineArns[machine],
      input: JSON.stringify(input),
    }),
  );
  return vi.waitFor(async () => {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status === 'RUNNING') throw new Error(`${machine} is still running`);
    return execution;
  }, WAIT);
}

describe('local Step Functions engine', () => {
  it('runs only functions with an entry and resolves their environment', () => {
    expect(Object.keys(runtime.functionEnv)).toEqual(['StepFn', 'SlowStepFn']);
    expect(runtime.functionEnv.StepFn).toEqual({ STEP_MODE: 'mode-eu-west-1' });
  });

  it('matches errors by name, keeps timeouts apart from States.TaskFailed and fills the context', async () => {
    const input = { case: 'errors' };
    const execution = await run('Errors', input);
    expect(execution.status).toBe('SUCCEEDED');
    const output = JSON.parse(String(execution.output));
    expect(output.direct).toEqual({ echoed: { action: 'echo', input }, mode: 'mode-eu-west-1' });
    expect(output.caught.Error).toBe('DomainError');
    expect(JSON.parse(output.caught.Cause)).toMatchObject({
      errorType: 'DomainError',
      errorMessage: 'step failed with DomainError',
    });
    expect(output.timeout.Error).toBe('States.Timeout');
    expect(output.branch).toEqual([
      {
        original: input,
        name: execution.name,
        startTime: execution.startDate?.toISOString(),
        machine: runtime.stateMachineArns.Errors,
      },
    ]);
  });

  it('fails a task whose function runs past its Timeout with Sandbox.Timedout, caught as States.TaskFailed', async () => {
    // Act
    const execution = await run('FunctionTimeout', {});

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    const { error } = JSON.parse(String(execution.output));
    expect(error.Error).toBe('Sandbox.Timedout');
    expect(JSON.parse(error.Cause)).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringContaining('Task timed out after 1.00 seconds'),
    });
    const lasted = Number(execution.stopDate?.getTime()) - Number(execution.startDate?.getTime());
    expect(lasted).toBeLessThan(4_000);
  });

  it('treats timeouts beyond the timer limit as long, not as immediate', async () => {
    const execution = await run('LongTimeouts', { action: 'ignored' });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(String(execution.output)).value.echoed).toEqual({ action: 'echo' });
  });

  it('times an execution out after its TimeoutSeconds', async () => {
    const execution = await run('ShortExecution', {});
    expect(execution.status).toBe('TIMED_OUT');
    const lasted = Number(execution.stopDate?.getTime()) - Number(execution.startDate?.getTime());
    expect(lasted).toBeGreaterThanOrEqual(1000);
  });

  it('times out an execution whose callback task waits parked', async () => {
    // Act
    const ended = run('ShortCallback', {});
    await expect.poll(() => runtime.parkedExecutions(), WAIT).toBe(1);
    const execution = await ended;

    // Assess
    expect(execution.status).toBe('TIMED_OUT');
    expect(execution.error).toBe('States.Timeout');
    const lasted = Number(execution.stopDate?.getTime()) - Number(execution.startDate?.getTime());
    expect(lasted).toBeGreaterThanOrEqual(1000);
    expect(runtime.parkedExecutions()).toBe(0);
  });

  it('fails a task whose resource the runtime cannot run, with a clear cause', async () => {
    const execution = await run('Unsupported', {});
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('States.Runtime');
    expect(execution.cause).toContain('arn:aws:states:::dynamodb:putItem');
  });
});
