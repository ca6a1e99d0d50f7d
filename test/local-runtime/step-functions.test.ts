// The template's state machine run by the local engine, driven through the real SFN client and
// the HTTP API: Lambda tasks, callbacks, timeouts, tokens, idempotent starts, resume on restart.

import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CfnTemplate, type LocalRuntime, startLocalRuntime } from '../../local/runtime/index.ts';
import {
  EXECUTIONS_TABLE,
  type ExecutionRecord,
} from '../../local/runtime/step-functions/execution-store.ts';
import { synthFixtureTemplate } from './fixtures/app.ts';
import { collectingLogger, makeTempDir, postJson, repoRoot, sfnClient, WAIT } from './helpers.ts';

/** A pid no process has (above Linux's pid_max). */
const DEAD_PID = 2 ** 22 + 1;

let template: CfnTemplate;
let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
let runtime: LocalRuntime;
let sfn: SFNClient;
let documents: DynamoDBDocumentClient;
const logger = collectingLogger();

async function start(): Promise<LocalRuntime> {
  runtime = await startLocalRuntime({ template, rootDir: repoRoot, dataDir: dataDir.path, port: 0, logger });
  sfn = sfnClient(runtime.stepFunctionsEndpoint);
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.dynamodbEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  return runtime;
}

beforeAll(async () => {
  template = synthFixtureTemplate();
  dataDir = await makeTempDir('sfn');
  await start();
});

afterAll(async () => {
  await runtime?.close();
  await dataDir?.remove();
});

const stateMachineArn = () => String(runtime.stateMachineArns.CaseFlowEE019F5C);
const itemsTable = () => String(runtime.tableNames.Items5C12978B);

async function startCase(name: string, input: Record<string, unknown>) {
  return sfn.send(
    new StartExecutionCommand({ stateMachineArn: stateMachineArn(), name, input: JSON.stringify(input) }),
  );
}

async function callbackItem(caseId: string, invocations = 1) {
  return vi.waitFor(async () => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: itemsTable(), Key: { pk: `case#${caseId}`, sk: 'task' } }),
    );
    if (!Item || Number(Item.invocations) < invocations) {
      throw new Error(`No callback task of ${caseId} (invocation ${invocations}) yet`);
    }
    return Item;
  }, WAIT);
}

async function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return vi.waitFor(async () => {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status === 'RUNNING') throw new Error(`${executionArn} is still running`);
    return execution;
  }, WAIT);
}

/** Resolves with the URL a runtime child process prints once it serves. */
async function readyUrl(child: ChildProcess): Promise<string> {
  if (!child.stdout) throw new Error('no stdout from the runtime process');
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('READY ')) return line.slice('READY '.length);
  }
  throw new Error('the runtime process ended before it was ready');
}

async function storedRecord(executionArn: string): Promise<ExecutionRecord> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: EXECUTIONS_TABLE, Key: { executionArn } }),
  );
  return Item as ExecutionRecord;
}

describe('local Step Functions', () => {
  it('runs a Lambda task (with retry) and a callback task completed over HTTP to SUCCEEDED', async () => {
    const input = { caseId: 'happy', timeoutSeconds: 30, flaky: true };
    const { executionArn } = await startCase('happy', input);
    expect(executionArn).toBe(`${stateMachineArn().replace(':stateMachine:', ':execution:')}:happy`);

    const task = await callbackItem('happy');
    // Once the callback's function returned, the execution waits parked (its run set aside).
    await expect.poll(() => runtime.parkedExecutions(), WAIT).toBe(1);
    // Context object fields reach the payload.
    expect(task.executionName).toBe('happy');
    expect(JSON.parse(String(task.originalInput))).toEqual(input);
    expect(String(task.token)).toMatch(/^AQ[\w-]{64}$/);

    expect(await postJson(`${runtime.url}/tasks/happy/approve`, { approved: true })).toEqual({
      status: 200,
      json: { completed: true },
    });
    const execution = await finished(String(executionArn));
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(String(execution.output))).toEqual({
      ...input,
      // The first attempt threw FlakyError and the state's Retry ran it again.
      prepare: { prepared: { caseId: 'happy', attempts: 2, greeting: 'hello' } },
      approval: { approved: true },
    });

    // The same token again is unknown.
    expect(await postJson(`${runtime.url}/tasks/happy/approve`, { approved: true })).toEqual({
      status: 410,
      json: { error: 'TaskDoesNotExist' },
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toThrow(InvalidToken);

    const listed = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: stateMachineArn(), statusFilter: 'SUCCEEDED' }),
    );
    expect(listed.executions?.map((e) => e.name)).toContain('happy');
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: stateMachineArn() }));
    expect(JSON.parse(String(described.definition)).States.WaitForApproval.TimeoutSecondsPath).toBe(
      '$.timeoutSeconds',
    );
  });

  it('takes the Choice default when the callback output says so', async () => {
    const { executionArn } = await startCase('rejected', { caseId: 'rejected', timeoutSeconds: 30 });
    await callbackItem('rejected');
    await postJson(`${runtime.url}/tasks/rejected/approve`, { approved: false });
    const execution = await finished(String(executionArn));
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(String(execution.output))).toEqual({ outcome: 'rejected' });
  });

  it('times a callback out after TimeoutSecondsPath and follows the States.Timeout catch', async () => {
    const startedAt = Date.now();
    const { executionArn } = await startCase('slow', { caseId: 'slow', timeoutSeconds: 1 });
    const task = await callbackItem('slow');
    const execution = await finished(String(executionArn));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(String(execution.output))).toEqual({ outcome: 'timed-out' });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: String(task.token), output: '{}' })),
    ).rejects.toThrow(TaskTimedOut);
  });

  it('stops a parked execution as ABORTED; its token is then unknown', async () => {
    // Prepare
    const { executionArn } = await startCase('stop-me', { caseId: 'stop-me', timeoutSeconds: 30 });
    const task = await callbackItem('stop-me');
    await expect.poll(() => runtime.parkedExecutions(), WAIT).toBe(1);

    // Act
    await sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'the case was withdrawn' }),
    );

    // Assess
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution.status).toBe('ABORTED');
    expect(execution.error).toBe('Withdrawn');
    expect(runtime.parkedExecutions()).toBe(0);
    expect((await storedRecord(String(executionArn))).status).toBe('ABORTED');
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: String(task.token), output: '{}' })),
    ).rejects.toThrow(TaskDoesNotExist);
  });

  it('starts idempotently by name and refuses a name already used otherwise', async () => {
    const input = { caseId: 'twice', timeoutSeconds: 30 };
    const first = await startCase('twice', input);
    const again = await startCase('twice', input);
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate?.getTime()).toBe(first.startDate?.getTime());
    await expect(startCase('twice', { ...input, caseId: 'other' })).rejects.toThrow(ExecutionAlreadyExists);

    await callbackItem('twice');
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn, error: 'Test.Stopped' }));
    const stopped = await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }));
    expect(stopped.status).toBe('ABORTED');
    expect(stopped.error).toBe('Test.Stopped');
    // Not running any more: the same name and input is now a conflict too.
    await expect(startCase('twice', input)).rejects.toThrow(ExecutionAlreadyExists);
  });

  it('resumes waiting executions after a restart, keeping the callback deadline', async () => {
    const { executionArn: waitingArn } = await startCase('resume-me', {
      caseId: 'resume-me',
      timeoutSeconds: 60,
    });
    const { executionArn: expiringArn } = await startCase('expire-me', {
      caseId: 'expire-me',
      timeoutSeconds: 2,
    });
    const before = await callbackItem('resume-me');
    await callbackItem('expire-me');
    const waitingRecord = await vi.waitFor(async () => {
      const record = await storedRecord(String(waitingArn));
      if (record.currentState !== 'WaitForApproval' || !record.callbacks?.WaitForApproval) {
        throw new Error('The first execution is not waiting yet');
      }
      return record;
    }, WAIT);
    const expiringDeadline = await vi.waitFor(async () => {
      const deadline = (await storedRecord(String(expiringArn))).callbacks?.WaitForApproval;
      if (deadline === undefined) throw new Error('The second execution has no deadline yet');
      return deadline;
    }, WAIT);

    await runtime.close();
    // The second execution's deadline passes while the runtime is down.
    await expect.poll(() => Date.now(), WAIT).toBeGreaterThan(expiringDeadline);
    await start();
    expect(runtime.resumed).toBe(2);

    // It waits parked again at once, on the token it was given before (as on AWS, the link sent still works),
    // and its function is not called again: the runtime closed, so no decision can be missing.
    expect(runtime.parkedExecutions()).toBeGreaterThanOrEqual(1);
    expect(waitingRecord.parked).toMatchObject({ stateName: 'WaitForApproval', token: before.token });
    const resumedRecord = await storedRecord(String(waitingArn));
    expect(resumedRecord.callbacks?.WaitForApproval).toBe(waitingRecord.callbacks?.WaitForApproval);

    // The expired one timed out at once, without running its callback function again.
    const expired = await finished(String(expiringArn));
    expect(JSON.parse(String(expired.output))).toEqual({ outcome: 'timed-out' });
    expect((await callbackItem('expire-me')).invocations).toBe(1);
    expect((await callbackItem('resume-me')).invocations).toBe(1);

    // After a crash (the pid file of a process no longer running is left), each wait's function is called once
    // more on the same token, to find a decision stored just before the kill.
    await runtime.close();
    await writeFile(join(dataDir.path, 'local-runtime.pid'), String(DEAD_PID));
    await start();
    const checked = await callbackItem('resume-me', 2);
    expect(checked.token).toBe(before.token);
    expect(JSON.parse(String(checked.originalInput))).toEqual({ caseId: 'resume-me', timeoutSeconds: 60 });
    expect(runtime.parkedExecutions()).toBe(1);

    // Answered once the outcome is stored: a kill after the answer would resume with it.
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: String(before.token),
        output: JSON.stringify({ approved: true }),
      }),
    );
    const answered = await storedRecord(String(waitingArn));
    if (answered.status === 'RUNNING' && answered.currentState === 'WaitForApproval') {
      expect(answered.delivered).toEqual({
        stateName: 'WaitForApproval',
        outcome: { ok: true, output: { approved: true } },
      });
    }
    const completed = await finished(String(waitingArn));
    expect(completed.status).toBe('SUCCEEDED');
    expect(JSON.parse(String(completed.output)).approval).toEqual({ approved: true });
  });

  it('goes on after a restart with a wait outcome stored before a kill, without calling the task again', async () => {
    // Prepare: an execution parked at its callback, then the record a kill right after SendTaskSuccess leaves.
    const { executionArn } = await startCase('delivered', { caseId: 'delivered', timeoutSeconds: 60 });
    await callbackItem('delivered');
    const parked = await vi.waitFor(async () => {
      const record = await storedRecord(String(executionArn));
      if (!record.parked) throw new Error('not parked yet');
      return record;
    }, WAIT);
    const { parked: _wait, ...rest } = parked;
    const killedAfterAnswer: ExecutionRecord = {
      ...rest,
      delivered: { stateName: 'WaitForApproval', outcome: { ok: true, output: { approved: true } } },
    };
    // Written behind the engine's back, after its last write of this execution; closing writes nothing more.
    await documents.send(new PutCommand({ TableName: EXECUTIONS_TABLE, Item: killedAfterAnswer }));
    await runtime.close();

    // Act
    await start();

    // Assess
    const completed = await finished(String(executionArn));
    expect(completed.status).toBe('SUCCEEDED');
    expect(JSON.parse(String(completed.output)).approval).toEqual({ approved: true });
    expect((await callbackItem('delivered')).invocations).toBe(1);
  });

  it('keeps accepted executions and table data across SIGKILL, and resumes them', async () => {
    // The runtime runs in a child process on this data directory, is killed, then started here again.
    await runtime.close();
    const templateFile = join(dataDir.path, 'template.json');
    await writeFile(templateFile, JSON.stringify(template));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'fixtures', 'runtime-process.ts'),
        templateFile,
        dataDir.path,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const url = await readyUrl(child);
      const put = await fetch(`${url}/items/kept`, {
        method: 'PUT',
        body: JSON.stringify({ kind: 'k', value: 1 }),
      });
      expect(put.status).toBe(201);
      const started = await postJson(`${url}/cases`, {
        name: 'killed',
        input: { caseId: 'killed', timeoutSeconds: 60 },
      });
      expect(started.status).toBe(202);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      await start();
      expect(runtime.resumed).toBe(1);
      expect((await fetch(`${runtime.url}/items/kept`)).status).toBe(200);
      // Whichever token the item holds when asked (stored before or after the kill) is the one waited for.
      const approve = () => postJson(`${runtime.url}/tasks/killed/approve`, { approved: true });
      await expect.poll(async () => (await approve()).status, WAIT).toBe(200);
      expect((await finished(String(started.json.executionArn))).status).toBe('SUCCEEDED');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('never logs task tokens', () => {
    expect(logger.text()).not.toMatch(/AQ[\w-]{64}/);
  });
});
