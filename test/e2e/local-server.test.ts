// The local runtime is a server too: its outbox holds every link, so it takes the local supervisor
// credential; it answers only to this machine's names, listens on 127.0.0.1 unless told otherwise,
// keeps its data private and lets outbox items expire.
import { readdir, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { readLocalSettings } from '#local/config.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

let system: TestGridwork;

beforeAll(async () => {
  system = await startTestGridwork();
});

afterAll(async () => {
  await system?.stop();
});

function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${system.gridwork.url}${path}`, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('the local server', () => {
  it('hands out the outbox only with its own local credential', async () => {
    // Act
    const anonymous = await system.api.request('GET', '/outbox?to=w-0001');
    const wrong = await system.api.request('GET', '/outbox?to=w-0001', {
      headers: { authorization: 'Bearer not-the-token' },
    });
    const supervisor = await system.api.request('GET', '/outbox?to=w-0001', {
      headers: { authorization: `Bearer ${system.gridwork.outboxToken}` },
    });

    // Assess
    expect([anonymous.status, wrong.status, supervisor.status]).toEqual([401, 401, 200]);
    expect(anonymous.body).toEqual({ message: 'Unauthorized' });
    expect(supervisor.body).toEqual({ items: expect.any(Array) });
  });

  it('answers only to localhost, 127.0.0.1 and the PUBLIC_URL host', async () => {
    // Act
    const rebound = await getWithHost('/health', 'attacker.example:3000');
    const local = await getWithHost('/health', 'localhost:3000');

    // Assess
    expect(rebound).toEqual({ status: 403, body: JSON.stringify({ message: 'Forbidden' }) });
    expect(local.status).toBe(200);
  });

  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    // Act
    const phone = readLocalSettings({ HOST: '0.0.0.0' });
    const attempt = () => readLocalSettings({ HOST: 'example.com' });

    // Assess
    expect(system.gridwork.runtime.listenAddress).toBe('127.0.0.1');
    expect(readLocalSettings({}).HOST).toBe('127.0.0.1');
    expect(phone.HOST).toBe('0.0.0.0');
    expect(attempt).toThrow(/HOST/);
  });

  it('creates its data directory and every file in it readable by its owner only', async () => {
    // Act
    const dir = await stat(system.dataDir);
    const files = await filesUnder(system.dataDir);
    const modes = await Promise.all(
      files.map(async (file) => [file, (await stat(file)).mode & 0o777] as const),
    );

    // Assess
    expect(dir.mode & 0o777).toBe(0o700);
    expect(files.map((file) => file.slice(system.dataDir.length + 1))).toEqual(
      expect.arrayContaining(['link-key', 'outbox-token', 'issuer-key.json', 'running.lock']),
    );
    expect(modes.filter(([, mode]) => (mode & 0o077) !== 0)).toEqual([]);
  });

  it('stores when each outbox item expires and never lists an expired one', async () => {
    // Prepare: a report (whose task message goes to the outbox) and a message that expired yesterday.
    const receipt = await system.api.report({
      category: 'sanitation',
      description: '楼道垃圾两天没人清理',
      location: { gridId: 'g-070' },
    });
    const { assigneeId } = await system.api.waitForTaskLink(receipt.body.id);
    const table = String(process.env.CASES_TABLE);
    const yesterday = Math.floor(Date.now() / 1000) - 86_400;
    await documentClient().send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: `OUTBOX#${assigneeId}`,
          sk: 'expired-message',
          id: 'expired-message',
          at: '2026-01-01T00:00:00.000Z',
          to: assigneeId,
          channel: 'outbox',
          subject: 'old',
          text: 'old',
          link: null,
          expiresAt: yesterday,
        },
      }),
    );

    // Act
    const listed = await system.api.outbox(assigneeId);
    const { Items } = await documentClient().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `OUTBOX#${assigneeId}` },
      }),
    );

    // Assess
    expect(listed.map((item) => item.id)).not.toContain('expired-message');
    expect(listed.length).toBeGreaterThan(0);
    const fresh = Items?.filter((item) => item.id !== 'expired-message') ?? [];
    expect(fresh.length).toBe(listed.length);
    for (const item of fresh) expect(item.expiresAt).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);
  });
});
