import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenOf } from '#adapters/dynamodb/issue-item.ts';
import { caseKeys } from '#adapters/dynamodb/keys.ts';
import { ApiClient } from '#test/support/api-client.ts';
import { type GridworkProcess, spawnGridwork } from '#test/support/gridwork-process.ts';

// 1800x: an urgent case has 1 s to be accepted, a water case 4 s; the rating window (2 h) lasts 4 s.
const PHONE = '13912345678';
let dataDir: string;
let running: GridworkProcess;
let api: ApiClient;
const workflowTokens = new Set<string>();
const secrets = new Set<string>();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gridwork-links-'));
  running = await spawnGridwork({
    // 600x: a water case's acceptance window lasts 12 s, room to act on a loaded machine; a hazard's 3 s.
    TIME_SCALE: '600',
    RATING_WINDOW: 'PT2H',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'DEBUG',
  });
  api = new ApiClient(running.url, running.outboxToken);
});

afterAll(async () => {
  await running?.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

/** Notes the workflow's current task token of an issue, read straight from the table. */
async function captureWorkflowToken(issueId: string) {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: running.dynamodbEndpoint }));
  const table = (await client.send(new ListTablesCommand({}))).TableNames?.find((name) =>
    name.startsWith('DataCases'),
  );
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: caseKeys.workflowWait(issueId) }),
  );
  const token = tokenOf(Item?.token);
  if (token) workflowTokens.add(token);
  client.destroy();
}

async function report(category: string, gridId: string) {
  const response = await api.report({
    category,
    description: '楼道堆放杂物，存在消防隐患',
    location: { gridId },
    reporter: { name: '李先生', phone: PHONE, email: 'li@example.com' },
  });
  secrets.add(response.body.trackingToken);
  return response.body;
}

const linkPath = (link: string) => new URL(link).pathname;
const secretOf = (link: string) => linkPath(link).split('.').pop() as string;

describe('links and tokens', () => {
  it('answers forged, truncated, altered and borrowed links 404, and changes nothing', async () => {
    const a = await report('sanitation', 'g-120');
    const b = await report('sanitation', 'g-121');
    const linkA = (await api.waitForTaskLink(a.id)).link;
    const linkB = (await api.waitForTaskLink(b.id)).link;
    secrets.add(secretOf(linkA)).add(secretOf(linkB));
    const path = linkPath(linkA);

    const attempts = [
      path.slice(0, -1),
      `${path.slice(0, -1)}${path.endsWith('A') ? 'B' : 'A'}`,
      `/tasks/${b.id}.1.${secretOf(linkA)}`,
      `/tasks/${a.id}.2.${secretOf(linkA)}`,
      `/tasks/${a.id}.1.${'A'.repeat(43)}`,
      '/tasks/',
    ];
    const statuses = await Promise.all(
      attempts.map(
        async (attempt) => (await api.request('POST', attempt, { json: { action: 'accept' } })).status,
      ),
    );

    expect(statuses).toEqual([404, 404, 404, 404, 404, 404]);
    expect((await api.issue(a.id)).status).toBe('assigned');
    expect((await api.act(linkB, { action: 'accept' })).status).toBe(200);
  });

  it('answers a link whose deadline passed 410, after the case escalated', async () => {
    const urgent = await report('safety_hazard', 'g-122');
    const first = await api.waitForTaskLink(urgent.id);
    secrets.add(secretOf(first.link));
    await captureWorkflowToken(urgent.id);
    await api.waitForIssue(urgent.id, (issue) => issue.level !== 'grid', 'escalated');

    const late = await api.act(first.link, { action: 'accept' });
    const view = await api.request('GET', linkPath(first.link), { headers: { accept: 'application/json' } });

    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ type: 'urn:problem:gridwork:link-expired', issueId: urgent.id });
    expect(view.status).toBe(410);
  });

  it('answers a replayed link 409, also once the case is closed', async () => {
    const issue = await report('water_supply', 'g-123');
    const accept = await api.waitForTaskLink(issue.id);
    await captureWorkflowToken(issue.id);
    expect((await api.act(accept.link, { action: 'accept' })).status).toBe(200);
    const resolve = await api.waitForTaskLink(issue.id, [accept.link]);
    await captureWorkflowToken(issue.id);
    expect((await api.act(resolve.link, { action: 'resolve', note: '已清理' })).status).toBe(200);
    await api.waitForIssue(issue.id, (current) => current.status === 'resolved', 'resolved');
    await captureWorkflowToken(issue.id);
    expect((await api.rate(issue.id, issue.trackingToken, { score: 5 })).status).toBe(200);
    await api.waitForIssue(issue.id, (current) => current.status === 'closed', 'closed');
    for (const link of [accept.link, resolve.link]) secrets.add(secretOf(link));

    const replays = await Promise.all(
      [accept.link, resolve.link].map((link) => api.act(link, { action: 'resolve' })),
    );

    expect(replays.map((response) => response.status)).toEqual([409, 409]);
    const rating = (await api.outbox(`reporter:${issue.id}`))[0];
    expect(rating?.link).toContain(`#token=${issue.trackingToken}`);
  });

  it('keeps every link, tracking token, task token and phone number out of the logs of the whole run', () => {
    const log = running.output();

    expect(log).toContain('"routeKey":"POST /tasks/{linkToken}"');
    expect(secrets.size).toBeGreaterThanOrEqual(8);
    expect(workflowTokens.size).toBeGreaterThanOrEqual(3);
    for (const secret of [...secrets, ...workflowTokens]) expect(log).not.toContain(secret);
    expect(log).not.toContain(PHONE);
    expect(log).not.toContain('li@example.com');
  });
});
