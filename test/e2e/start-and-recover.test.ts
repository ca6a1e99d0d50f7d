import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, COUNTED } from '#test/support/api-client.ts';
import { type GridworkProcess, spawnGridwork } from '#test/support/gridwork-process.ts';

const run = promisify(execFile);
// 10x: the two-hour acceptance deadline lasts twelve minutes of real time, so the link outlives two starts
// and a restart on a busy machine (business time, and so the link's expiry, runs at the same pace).
const TIME = { TIME_SCALE: '10', RATING_WINDOW: 'PT2H' };

let dataDir: string;
let running: GridworkProcess | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gridwork-e2e-'));
});

afterAll(async () => {
  await running?.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start, as a newcomer uses it', () => {
  it('runs the printed curl, survives SIGKILL, and a link sent before the crash still works after it', async () => {
    running = await spawnGridwork({ ...TIME, DATA_DIR: dataDir });
    const curl = /(curl -s -X POST [^\n]+\\\n\s+-d '[^']+')/.exec(running.output())?.[1];
    expect(curl).toBeDefined();
    const printed = await run('sh', ['-c', String(curl).replace('\\\n', ' ')]);
    const receipt = JSON.parse(printed.stdout) as { id: string; trackingToken: string; gridId: string };
    expect(receipt).toMatchObject({ status: 'submitted', gridId: 'g-001' });
    const before = new ApiClient(running.url, running.outboxToken);
    const { link } = await before.waitForTaskLink(receipt.id);
    const photoId = await attachPhoto(before, receipt.id, receipt.trackingToken);

    await running.kill('SIGKILL');
    running = await spawnGridwork({ ...TIME, DATA_DIR: dataDir });
    const api = new ApiClient(running.url, running.outboxToken);
    const linkAfterRestart = link.replace(before.baseUrl, `${running.url}/`).replace(/([^:])\/\//, '$1/');

    expect(running.output()).toContain('recovered from an unclean stop');
    expect(running.output()).toContain('resuming 1 workflow (');
    expect(running.output()).toContain('synthesized template unchanged: reused');
    expect((await api.issue(receipt.id)).status).toBe('assigned');
    const { body: view } = await api.request<{ photos: Array<{ id: string; thumbnailUrl: string }> }>(
      'GET',
      `/issues/${receipt.id}`,
    );
    expect(view.photos.map((photo) => photo.id)).toEqual([photoId]);
    expect((await fetch(view.photos[0]?.thumbnailUrl ?? '')).status).toBe(200);
    expect((await api.act(linkAfterRestart, { action: 'accept' })).status).toBe(200);
    const resolveTask = await api.waitForTaskLink(receipt.id, [link]);
    expect((await api.act(resolveTask.link, { action: 'resolve', note: '已恢复供水' })).status).toBe(200);
    await api.waitForIssue(receipt.id, (issue) => issue.status === 'resolved', 'resolved');
    expect((await api.rate(receipt.id, receipt.trackingToken, { score: 4 })).status).toBe(200);
    const closed = await api.waitForIssue(receipt.id, (issue) => issue.status === 'closed', 'closed');

    expect(closed.timeline.map((event) => event.type)).toEqual([
      'submitted',
      'assigned',
      'accepted',
      'resolved',
      'rated',
      'closed',
    ]);
    await expect
      .poll(() => api.stats('grid', 'g-001'), COUNTED)
      .toMatchObject({ received: 1, open: 0, closed: 1, satisfied: 1 });
    expect(running.output()).not.toContain(receipt.trackingToken);
    expect(running.output()).not.toContain(new URL(link).pathname.split('/').pop());
  }, 90_000);
});

/** A photo uploaded to the local S3 server and attached, as the report page does it; returns its id. */
async function attachPhoto(api: ApiClient, issueId: string, trackingToken: string): Promise<string> {
  const headers = { authorization: `Bearer ${trackingToken}` };
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } })
    .jpeg()
    .toBuffer();
  const upload = await api.request<{ uploadId: string; url: string; fields: Record<string, string> }>(
    'POST',
    `/issues/${issueId}/photo-uploads`,
    { json: { kind: 'report', contentType: 'image/jpeg', size: bytes.length }, headers },
  );
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.body.fields)) form.append(name, value);
  form.append('file', new Blob([bytes]));
  expect((await fetch(upload.body.url, { method: 'POST', body: form })).status).toBe(204);
  const attached = await api.request('POST', `/issues/${issueId}/photos`, {
    json: { uploadId: upload.body.uploadId, kind: 'report' },
    headers,
  });
  expect(attached.status).toBe(201);
  return upload.body.uploadId;
}
