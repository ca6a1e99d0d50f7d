import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { BY_GRID_INDEX, gridIndexKeys } from '#adapters/dynamodb/keys.ts';
import { COUNTED } from '#test/support/api-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

let system: TestGridwork;

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '60' });
});

afterAll(async () => {
  await system?.stop();
});

const report = (gridId: string) => ({
  category: 'public_facilities',
  description: '小区路灯坏了一个月',
  location: { gridId },
  reporter: { phone: '13700001111' },
});

function countStatuses(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

async function issuesInGrid(gridId: string): Promise<number> {
  const { Items } = await documentClient().send(
    new QueryCommand({
      TableName: String(process.env.CASES_TABLE),
      IndexName: BY_GRID_INDEX,
      KeyConditionExpression: 'gsi1pk = :grid',
      ExpressionAttributeValues: { ':grid': gridIndexKeys.partition(gridId) },
    }),
  );
  return Items?.length ?? 0;
}

describe('concurrent requests', () => {
  it('lets exactly one of 50 simultaneous posts of one link through; the rest get 409', async () => {
    const { body } = await system.api.report(report('g-100'));
    const { link } = await system.api.waitForTaskLink(body.id);

    const statuses = await Promise.all(
      Array.from({ length: 50 }, () =>
        system.api.act(link, { action: 'accept' }).then((response) => response.status),
      ),
    );

    expect(countStatuses(statuses)).toEqual({ 200: 1, 409: 49 });
    const issue = await system.api.issue(body.id);
    expect(issue.timeline.filter((event) => event.type === 'accepted')).toHaveLength(1);
  });

  it('applies one of two simultaneous reassignments by a supervisor', async () => {
    const { body } = await system.api.report(report('g-101'));
    const worker = await system.api.waitForTaskLink(body.id);
    await system.api.act(worker.link, { action: 'decline', note: '不归本网格' });
    const supervisor = await system.api.waitForTaskLink(body.id, [worker.link]);

    const [first, second] = await Promise.all([
      system.api.act(supervisor.link, { action: 'reassign', gridId: 'g-143' }),
      system.api.act(supervisor.link, { action: 'reassign', gridId: 'g-185' }),
    ]);

    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = first.status === 200 ? 'g-143' : 'g-185';
    const issue = await system.api.waitForIssue(
      body.id,
      (current) => current.gridId === winner,
      'the winning grid',
    );
    expect(issue.timeline.filter((event) => event.type === 'reassigned')).toHaveLength(1);
  });

  it('records one of many simultaneous ratings', async () => {
    const { body } = await system.api.report(report('g-104'));
    const accept = await system.api.waitForTaskLink(body.id);
    await system.api.act(accept.link, { action: 'accept' });
    const resolve = await system.api.waitForTaskLink(body.id, [accept.link]);
    await system.api.act(resolve.link, { action: 'resolve' });
    await system.api.waitForIssue(body.id, (issue) => issue.status === 'resolved', 'resolved');

    const statuses = await Promise.all(
      [5, 4, 3, 2, 1, 5, 4, 3, 2, 1].map((score) =>
        system.api.rate(body.id, body.trackingToken, { score }).then((response) => response.status),
      ),
    );

    expect(countStatuses(statuses)).toEqual({ 200: 1, 409: 9 });
    const closedOrReopened = await system.api.waitForIssue(
      body.id,
      (issue) => issue.status !== 'resolved',
      'settled',
    );
    expect(closedOrReopened.timeline.filter((event) => event.type === 'rated')).toHaveLength(1);
  });

  it('creates one issue for twenty simultaneous reports with one Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'kiosk-42-report-0001-5d0c1f9e8a7b6c5d' };

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => system.api.report(report('g-105'), headers)),
    );

    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(await issuesInGrid('g-105')).toBe(1);
    await system.api.waitForTaskLink(responses[0]?.body.id as string);
    await expect.poll(async () => (await system.api.stats('grid', 'g-105')).received, COUNTED).toBe(1);
  });
});
