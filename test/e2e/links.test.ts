import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { itemKinds } from '#adapters/dynamodb/keys.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

let system: TestGridwork;

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '60' });
});

afterAll(async () => {
  await system?.stop();
});

async function newTask(gridId: string) {
  const receipt = await system.api.report({
    category: 'sanitation',
    description: '小区垃圾站三天未清运',
    location: { gridId },
    reporter: { name: '张阿姨', phone: '13812345678' },
  });
  const task = await system.api.waitForTaskLink(receipt.body.id);
  return { ...receipt.body, ...task, path: new URL(task.link).pathname };
}

describe('approval links', () => {
  it('shows the task on GET, in HTML or JSON, and never acts', async () => {
    const task = await newTask('g-060');

    const html = await system.api.request<string>('GET', task.path);
    const json = await system.api.request('GET', task.path, { headers: { accept: 'application/json' } });
    const issue = await system.api.issue(task.id);

    expect(html.status).toBe(200);
    expect(html.contentType).toContain('text/html');
    expect(html.body).toContain(`<form class="inline" method="post" action="${task.path}">`);
    expect(html.headers.get('referrer-policy')).toBe('no-referrer');
    expect(json.body).toMatchObject({
      issueId: task.id,
      actions: ['accept', 'decline'],
      reporter: null,
    });
    expect(html.body).not.toContain('13812345678');
    expect(issue.status).toBe('assigned');
    expect(issue.timeline.map((event) => event.type)).toEqual(['submitted', 'assigned']);
  });

  it('takes one action per link: a replay answers 409 and a forged or altered link 404', async () => {
    const task = await newTask('g-061');
    const altered = task.path.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));

    const first = await system.api.act(task.link, { action: 'accept' });
    const replay = await system.api.act(task.link, { action: 'accept' });
    const forged = await system.api.request('POST', `/tasks/${task.id}.1.${'x'.repeat(43)}`, {
      json: { action: 'accept' },
    });
    const tampered = await system.api.request('POST', altered, { json: { action: 'accept' } });
    const garbage = await system.api.request('POST', '/tasks/..%2F..%2Fetc%2Fpasswd', {
      json: { action: 'accept' },
    });

    expect([first.status, replay.status, forged.status, tampered.status, garbage.status]).toEqual([
      200, 409, 404, 404, 404,
    ]);
    expect(replay.contentType).toBe('application/problem+json');
  });

  it('accepts the form the page posts and answers with a page', async () => {
    const task = await newTask('g-062');

    const response = await system.api.request<string>('POST', task.path, {
      body: 'action=decline&note=%E4%B8%8D%E5%B1%9E%E4%BA%8E%E6%9C%AC%E7%BD%91%E6%A0%BC',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toContain('已退回');
    const issue = await system.api.waitForIssue(
      task.id,
      (current) => current.level === 'community',
      'at the community',
    );
    const declined = (view: { timeline: { type: string; note?: string }[] }) =>
      view.timeline.find((event) => event.type === 'declined');
    expect(declined(issue)).not.toHaveProperty('note');
    const resident = await system.api.request<typeof issue>('GET', `/issues/${task.id}`, {
      headers: { authorization: `Bearer ${task.trackingToken}` },
    });
    expect(declined(resident.body)?.note).toBe('不属于本网格');
  });

  it('lets exactly one of many simultaneous posts of one link through', async () => {
    const task = await newTask('g-063');

    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        system.api.act(task.link, { action: 'accept' }).then((response) => response.status),
      ),
    );

    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
  });

  it('rejects a rating with a wrong or missing tracking token', async () => {
    const task = await newTask('g-064');

    const wrong = await system.api.rate(task.id, 'not-the-token', { score: 5 });
    const missing = await system.api.request('POST', `/issues/${task.id}/rating`, { json: { score: 5 } });
    const early = await system.api.rate(task.id, task.trackingToken, { score: 5 });

    expect([wrong.status, missing.status, early.status]).toEqual([403, 401, 409]);
  });

  it('keeps no approval link or tracking token in the issue record', async () => {
    const task = await newTask('g-065');
    const { Items } = await documentClient().send(
      new ScanCommand({
        TableName: String(process.env.CASES_TABLE),
        FilterExpression: 'sk = :sk',
        ExpressionAttributeValues: { ':sk': itemKinds.issue },
      }),
    );
    const stored = JSON.stringify(Items?.map(({ workflowToken: _token, ...rest }) => rest));
    const secret = task.path.split('.').pop() as string;

    expect(stored).toContain(task.id);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(task.trackingToken);
  });
});
