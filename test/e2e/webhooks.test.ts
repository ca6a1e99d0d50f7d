// Signed webhooks to a fake hotline over real HTTP against the local runtime: the cases stream feeds the FIFO
// queue the template declares, the local SQS runs its mapping, and the deliverer POSTs to a server in this test.
// A partner that fails three times gets every event once, in order; a case handed back reaches the partner; a
// partner that never answers has its deliveries parked, listed locally and re-driven.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoPartnerKeyStore } from '#adapters/dynamodb/partner-key-store.ts';
import { issuePartnerKey } from '#domain/partner-keys.ts';
import { INTEGRATION_BASE_PATH } from '#infra/constructs/integration-routes.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { webhooksCli } from '#webhooks/cli.ts';
import type { WebhookEvent } from '#webhooks/events.ts';
import { verifySignature, WEBHOOK_HEADERS } from '#webhooks/signing.ts';

interface Received {
  readonly path: string;
  readonly status: number;
  readonly event: WebhookEvent;
  readonly valid: boolean;
}

/** The fake hotline: one path per partner; `/flaky` fails its first three calls, `/dead` while `deadFails`. */
const received: Received[] = [];
const secrets = new Map<string, string>();
let flakyFailures = 3;
let deadFails = true;
let hotline: Server;
let hotlineUrl: string;
let system: TestGridwork;

function startHotline(): Promise<void> {
  hotline = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      const fail = path === '/flaky' ? flakyFailures-- > 0 : path === '/dead' && deadFails;
      const status = fail ? 503 : 204;
      const event = JSON.parse(body) as WebhookEvent;
      const valid = verifySignature(
        secrets.get(event.partnerId) ?? '',
        {
          timestamp: String(req.headers[WEBHOOK_HEADERS.timestamp]),
          signature: String(req.headers[WEBHOOK_HEADERS.signature]),
        },
        body,
        Math.floor(Date.now() / 1000),
      );
      expect(req.headers[WEBHOOK_HEADERS.eventId]).toBe(event.eventId);
      received.push({ path, status, event, valid });
      res.writeHead(status).end();
    });
  });
  return new Promise((resolve) =>
    hotline.listen(0, '127.0.0.1', () => {
      hotlineUrl = `http://127.0.0.1:${(hotline.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

/** Sets a partner's webhook through the ops command and keeps the secret it prints once. */
async function setWebhook(partnerId: string, path: string): Promise<void> {
  let out = '';
  const status = await webhooksCli(
    ['set', partnerId, `${hotlineUrl}${path}`, '--table', String(process.env.REGISTRY_TABLE)],
    { stdout: { write: (text: string) => (out += text) }, stderr: { write: () => {} } },
  );
  expect(status).toBe(0);
  secrets.set(partnerId, out.trim().split('\n').at(-1) ?? '');
}

const keys = new Map<string, string>();

async function createCase(partnerId: string, orderNo: string): Promise<string> {
  const response = await system.api.request('POST', `${INTEGRATION_BASE_PATH}/cases`, {
    json: {
      orderNo,
      channel: 'phone',
      category: 'water_supply',
      description: '3号楼停水两天，没有通知',
      location: { gridId: 'g-071' },
      caller: { name: '李先生', phone: '13900001111' },
    },
    headers: { 'x-api-key': keys.get(partnerId) ?? '' },
  });
  expect(response.status).toBe(201);
  return String(response.body.caseId);
}

/** What the partner took (2xx) of one case, in the order it arrived. */
const deliveredOf = (caseId: string) =>
  received.filter((r) => r.event.caseId === caseId && r.status === 204).map((r) => r.event);

function webhooksView() {
  return system.api.request<{
    queues: {
      delivered: { caseId: string }[];
      parked: { caseId: string; type: string; eventId: string }[];
    }[];
  }>('GET', '/webhooks', { headers: { authorization: `Bearer ${system.gridwork.outboxToken}` } });
}

let deadCase: string;

beforeAll(async () => {
  await startHotline();
  system = await startTestGridwork({ TIME_SCALE: '900' });
  const store = new DynamoPartnerKeyStore(String(process.env.REGISTRY_TABLE));
  for (const [partnerId, path] of [
    ['city-12345', '/flaky'],
    ['county-12345', '/dead'],
  ] as const) {
    keys.set(partnerId, (await issuePartnerKey(store, partnerId, new Date())).apiKey);
    await setWebhook(partnerId, path);
  }
  // The partner that never answers goes first: its retries run out while the other scenarios run.
  deadCase = await createCase('county-12345', 'CX-0001');
});

afterAll(async () => {
  await system?.stop();
  await new Promise((resolve) => hotline?.close(resolve));
});

describe('webhooks to the hotline', () => {
  it('deliver every status change once, signed and in order, through a partner that fails three times', async () => {
    // Prepare
    const caseId = await createCase('city-12345', 'RX-0001');

    // Act
    const offer = await system.api.waitForTaskLink(caseId);
    expect((await system.api.act(offer.link, { action: 'accept' })).status).toBe(200);
    const resolve = await system.api.waitForTaskLink(caseId, [offer.link]);
    expect((await system.api.act(resolve.link, { action: 'resolve', note: '已恢复供水' })).status).toBe(200);

    // Assess
    const events = await vi.waitFor(
      () => {
        const got = deliveredOf(caseId);
        if (got.at(-1)?.type !== 'resolved') throw new Error(`not yet resolved: ${JSON.stringify(got)}`);
        return got;
      },
      { timeout: 60_000, interval: 50 },
    );
    expect(events.map((event) => event.type)).toEqual(['received', 'assigned', 'accepted', 'resolved']);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    expect(events.map((event) => event.version)).toEqual(
      [...events.map((e) => e.version)].sort((a, b) => a - b),
    );
    expect(events.at(-1)).toMatchObject({
      orderNo: 'RX-0001',
      status: 'resolved',
      outcome: 'solved',
      note: '已恢复供水',
    });
    const attempts = received.filter((r) => r.event.caseId === caseId);
    expect(attempts.filter((r) => r.status === 503).map((r) => r.event.type)).toEqual([
      'received',
      'received',
      'received',
    ]);
    expect(attempts.every((r) => r.valid)).toBe(true);
    expect(JSON.stringify(attempts)).not.toContain('13900001111');
  });

  it('hand a hotline case back with a reason: the case closes out of remit and the partner is told', async () => {
    // Prepare
    const caseId = await createCase('city-12345', 'RX-0002');
    const offer = await system.api.waitForTaskLink(caseId);
    const before = await system.api.issue(caseId);
    const resident = await system.api.report({
      category: 'water_supply',
      description: '楼道水管漏水',
      location: { gridId: 'g-071' },
    });
    const residentOffer = await system.api.waitForTaskLink(resident.body.id);

    // Act
    const noReason = await system.api.act(offer.link, { action: 'hand_back' });
    const notHotline = await system.api.act(residentOffer.link, { action: 'hand_back', note: '不归我们管' });
    const unchanged = await system.api.issue(caseId);
    const handedBack = await system.api.act(offer.link, {
      action: 'hand_back',
      note: '属供水公司产权，请热线转办',
    });

    // Assess
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({ errors: [expect.objectContaining({ path: 'note' })] });
    expect(notHotline.status).toBe(422);
    expect(notHotline.body).toMatchObject({ errors: [expect.objectContaining({ path: 'action' })] });
    expect(unchanged).toEqual(before);
    expect(handedBack.status).toBe(200);
    const last = await vi.waitFor(
      () => {
        const event = deliveredOf(caseId).at(-1);
        if (event?.type !== 'handed_back') throw new Error('not yet handed back');
        return event;
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(last).toMatchObject({
      status: 'closed',
      outcome: 'out_of_remit',
      note: '属供水公司产权，请热线转办',
    });
    await system.api.waitForIssue(caseId, (issue) => issue.status === 'closed', 'closed');
  });

  it('park what a partner never takes, list it locally, and re-drive it in order once the partner is back', async () => {
    // Prepare: the case created first has been retried against the dead partner meanwhile.
    const parked = await vi.waitFor(
      async () => {
        const view = await webhooksView();
        const mine = view.body.queues.flatMap((queue) => queue.parked).filter((p) => p.caseId === deadCase);
        if (mine.length < 1) throw new Error(`parked so far: ${JSON.stringify(view.body)}`);
        return mine;
      },
      { timeout: 100_000, interval: 250 },
    );
    // The case's first event parks first; the ones behind it follow it there after their own tries.
    expect(parked[0]?.type).toBe('received');
    const parkedIds = parked.map((p) => p.eventId);
    deadFails = false;

    // Act
    const redrive = await system.api.request('POST', '/webhooks/redrive', {
      headers: { authorization: `Bearer ${system.gridwork.outboxToken}` },
    });

    // Assess: each parked event arrives once, in its order (later events, never parked, may come before).
    expect(redrive.status).toBe(200);
    expect(Number(redrive.body.redriven)).toBeGreaterThanOrEqual(parkedIds.length);
    const redriven = await vi.waitFor(
      () => {
        const got = deliveredOf(deadCase).filter((event) => parkedIds.includes(event.eventId));
        if (got.length < parkedIds.length) throw new Error('not yet re-driven');
        return got;
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(redriven.map((event) => event.eventId)).toEqual(parkedIds);
    const after = await webhooksView();
    const stillParked = after.body.queues.flatMap((queue) => queue.parked).map((p) => p.eventId);
    expect(stillParked.filter((id) => parkedIds.includes(id))).toEqual([]);
    expect((await system.api.request('GET', '/webhooks')).status).toBe(401);
  }, 120_000);
});
