import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { stepFunctionsClient } from '#adapters/step-functions/workflow-engine.ts';
import { COUNTED } from '#test/support/api-client.ts';
import { failNextCalls } from '#test/support/fault-injection.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

// 900x: a water case's acceptance deadline lasts 8 s, room to accept on a loaded machine, and short enough that a
// workflow waking at it is seen within a poll's 15 s. The workflow's retries wait about a second.
let system: TestGridwork;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '900', RATING_WINDOW: 'P1D' });
});

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

afterAll(async () => {
  await system?.stop();
});

describe('dependency faults inside the workflow and the API', () => {
  it('retries a step whose DynamoDB write is throttled, and applies it once', async () => {
    const fault = failNextCalls(
      documentClient(),
      'UpdateItemCommand',
      2,
      'ProvisionedThroughputExceededException',
      // Intake's case-number counter is not the step under test.
      (input) => JSON.stringify((input as { Key?: unknown })?.Key ?? '').includes('CASENO#'),
    );
    cleanups.push(fault.remove);

    const { body } = await system.api.report({
      category: 'water_supply',
      description: '水压太低，六楼没水',
      location: { gridId: 'g-110' },
    });
    const task = await system.api.waitForTaskLink(body.id);

    expect(fault.failures()).toBe(2);
    const issue = await system.api.issue(body.id);
    expect(issue.timeline.map((event) => event.type)).toEqual(['submitted', 'assigned']);
    await expect
      .poll(() => system.api.stats('grid', 'g-110'), COUNTED)
      .toMatchObject({ received: 1, open: 1 });
    expect((await system.api.outbox(task.assigneeId)).filter((item) => item.link === task.link)).toHaveLength(
      1,
    );
  });

  it('accepts a report while Step Functions is down, and starts its lifecycle once it is back', async () => {
    // Intake never calls Step Functions: the stream's consumer does, and its failed batches are delivered again.
    const fault = failNextCalls(stepFunctionsClient(), 'StartExecutionCommand', 3, 'ServiceUnavailable');
    cleanups.push(fault.remove);

    const { status, body } = await system.api.report({
      category: 'water_supply',
      description: '二单元整栋停水',
      location: { gridId: 'g-112' },
    });
    const task = await system.api.waitForTaskLink(body.id);

    expect(status).toBe(201);
    expect(fault.failures()).toBe(3);
    const issue = await system.api.issue(body.id);
    expect(issue.timeline.map((event) => event.type)).toEqual(['submitted', 'assigned']);
    expect((await system.api.outbox(task.assigneeId)).filter((item) => item.link === task.link)).toHaveLength(
      1,
    );
  });

  it('tells the worker when the decision could not reach the workflow, and applies it all the same', async () => {
    const { body } = await system.api.report({
      category: 'water_supply',
      description: '楼顶水箱漏水',
      location: { gridId: 'g-111' },
    });
    const task = await system.api.waitForTaskLink(body.id);
    const fault = failNextCalls(stepFunctionsClient(), 'SendTaskSuccessCommand', 1, 'ServiceUnavailable');
    cleanups.push(fault.remove);

    const response = await system.api.act(task.link, { action: 'accept' });
    const retried = await system.api.act(task.link, { action: 'accept' });

    expect(response.status).toBe(503);
    expect(response.contentType).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('5');
    expect(retried.status).toBe(409);
    // The stored decision wins over the deadline: the workflow applies it when it wakes.
    const next = await system.api.waitForTaskLink(body.id, [task.link]);
    const issue = await system.api.issue(body.id);
    expect(issue.timeline.map((event) => event.type)).toEqual(['submitted', 'assigned', 'accepted']);
    expect(issue.overdue).toBe(false);
    expect(next.assigneeId).toBe(task.assigneeId);
  });
});
