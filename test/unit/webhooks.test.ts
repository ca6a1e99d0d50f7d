import { describe, expect, it } from 'vitest';
import type { PartnerOrder } from '#domain/case-source.ts';
import { ActionNotAllowedError } from '#domain/errors.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { allowedActions, decideTask } from '#domain/task-transitions.ts';
import { MAX_RECEIVES, retryDelaySeconds, retryHorizonSeconds } from '#webhooks/backoff.ts';
import { deliverWebhooks, type QueuedWebhook } from '#webhooks/deliver.ts';
import { webhookEventsOf } from '#webhooks/events.ts';
import { configureWebhook, type PartnerWebhook, signingSecrets } from '#webhooks/partner-webhook.ts';
import { signatureHeader, signatureOf, verifySignature } from '#webhooks/signing.ts';
import { assignedIssue, at, offerNext, reportedIssue, resolveAt, taskOf } from './fixtures.ts';

const ORDER: PartnerOrder = { partnerId: 'city-12345', orderNo: 'RX-1', channel: 'phone', requestHash: 'h' };
const hotlineIssue = () => reportedIssue({ partnerOrder: ORDER });

describe('webhook signatures', () => {
  it('are the hex HMAC-SHA256 of "<timestamp>.<body>", which a partner verifies within the tolerance', () => {
    const body = '{"eventId":"gw-1:v1"}';
    const header = signatureHeader(['s3cret'], '1700000000', body);

    // printf '1700000000.{"eventId":"gw-1:v1"}' | openssl dgst -sha256 -hmac s3cret
    expect(signatureOf('s3cret', '1700000000', body)).toBe(
      '1ee0444e244754ef58206eb701da6f1ab021a0e2fa02a8ebd21a29bee9d80c34',
    );
    expect(header).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', { timestamp: '1700000000', signature: header }, body, 1700000100)).toBe(
      true,
    );
  });

  it('fail for another secret, another body, or a timestamp outside the tolerance (a replay)', () => {
    const body = '{"a":1}';
    const signature = signatureHeader(['s3cret'], '1700000000', body);
    const check = (secret: string, text: string, now: number) =>
      verifySignature(secret, { timestamp: '1700000000', signature }, text, now);

    expect(check('other', body, 1700000000)).toBe(false);
    expect(check('s3cret', '{"a":2}', 1700000000)).toBe(false);
    expect(check('s3cret', body, 1700000000 + 301)).toBe(false);
    expect(check('s3cret', body, 1700000000 - 301)).toBe(false);
  });

  it('carry both secrets while a rotation overlaps, and either verifies', async () => {
    const stored = new Map<string, PartnerWebhook>();
    const store = {
      get: async (id: string) => stored.get(id),
      put: async (w: PartnerWebhook) => void stored.set(w.partnerId, w),
    };
    const first = await configureWebhook(
      store,
      { partnerId: 'p', url: 'https://hotline.example/hook' },
      new Date(at(0)),
    );
    const second = await configureWebhook(store, { partnerId: 'p', rotate: true }, new Date(at(1)));
    const body = '{}';
    const header = signatureHeader(signingSecrets(second.webhook, new Date(at(2))), '100', body);

    expect(first.newSecret).toMatch(/^gwhs_/);
    expect(second.newSecret).not.toBe(first.newSecret);
    expect(header.split(',')).toHaveLength(2);
    for (const secret of [first.newSecret, second.newSecret]) {
      expect(verifySignature(String(secret), { timestamp: '100', signature: header }, body, 100)).toBe(true);
    }
    expect(signingSecrets(second.webhook, new Date(Date.parse(at(1)) + 25 * 3_600_000))).toEqual([
      second.newSecret,
    ]);
  });
});

describe('retry back-off', () => {
  it('waits 30 s after the first failure, doubling, capped at an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 9, 11].map((n) => retryDelaySeconds(n))).toEqual([
      30, 60, 120, 240, 1920, 3600, 3600, 3600,
    ]);
  });

  it('retries for hours before a delivery is parked, and takes seconds at a test time scale', () => {
    expect(MAX_RECEIVES).toBe(12);
    expect(retryHorizonSeconds()).toBe(30 + 60 + 120 + 240 + 480 + 960 + 1920 + 4 * 3600);
    expect(retryDelaySeconds(1, 3600)).toBe(0);
    expect(retryDelaySeconds(11, 3600)).toBe(1);
  });
});

describe('webhook events', () => {
  it('turn each appended timeline event of a partner case into one event, keyed by case and version', () => {
    const received = hotlineIssue();
    const assigned = offerNext(received, 'accept', 'grid', { now: at(1) });

    expect(webhookEventsOf(undefined, received)).toEqual([
      expect.objectContaining({
        eventId: `${received.id}:v${received.version}`,
        type: 'received',
        orderNo: 'RX-1',
      }),
    ]);
    expect(webhookEventsOf(received, assigned)).toEqual([
      expect.objectContaining({
        eventId: `${assigned.id}:v${assigned.version}`,
        type: 'assigned',
        status: 'assigned',
      }),
    ]);
  });

  it('say nothing of cases no partner handed over, or of internal changes such as reminders', () => {
    const resident = reportedIssue();
    expect(webhookEventsOf(undefined, resident)).toEqual([]);
    const before = offerNext(hotlineIssue(), 'accept', 'grid', { now: at(1) });
    const after = {
      ...before,
      version: before.version + 1,
      timeline: [...before.timeline, { at: at(2), type: 'reminded' as const }],
    };
    expect(webhookEventsOf(before, after)).toEqual([]);
  });

  it('carry the outcome of a resolved case and the resolution note', () => {
    const received = hotlineIssue();
    const resolved = resolveAt(received, 'grid', 2);
    const events = webhookEventsOf(received, resolved);
    expect(events.map((event) => event.type)).toEqual(['assigned', 'accepted', 'resolved']);
    expect(events[2]).toMatchObject({
      outcome: 'solved',
      note: '已修复',
      eventId: `${resolved.id}:v${resolved.version}:3`,
    });
  });
});

describe('handing a case back to the hotline (退单)', () => {
  it('is offered to the holder of a hotline case only', () => {
    const hotline = offerNext(hotlineIssue(), 'accept', 'grid', { now: at(1) });
    expect(allowedActions(taskOf(hotline), hotline)).toEqual(['accept', 'decline', 'hand_back']);
    const resident = assignedIssue();
    expect(allowedActions(taskOf(resident), resident)).toEqual(['accept', 'decline']);
    expect(() => decideTask(resident, { seq: 1, action: 'hand_back', note: '非本辖区', now: at(2) })).toThrow(
      ActionNotAllowedError,
    );
  });

  it('closes the case as out of remit, asks no rating, and tells the partner with the reason', () => {
    const offered = offerNext(hotlineIssue(), 'accept', 'grid', { now: at(1) });
    const handedBack = decideTask(offered, {
      seq: 1,
      action: 'hand_back',
      note: '属供水公司管辖',
      now: at(2),
    });
    const { next } = whatFollowsTask(handedBack, 1, at(3));

    expect(handedBack).toMatchObject({
      status: 'closed',
      resolution: { outcome: 'out_of_remit', note: '属供水公司管辖' },
    });
    expect(next).toEqual({ kind: 'closed', after: 'task:1' });
    expect(webhookEventsOf(offered, handedBack)).toEqual([
      expect.objectContaining({
        type: 'handed_back',
        status: 'closed',
        outcome: 'out_of_remit',
        note: '属供水公司管辖',
      }),
    ]);
  });
});

describe('delivering a batch', () => {
  const webhook: PartnerWebhook = {
    partnerId: 'city-12345',
    url: 'https://h.example/hook',
    secret: 's',
    updatedAt: at(0),
  };
  const message = (id: string, group: string): QueuedWebhook => ({
    messageId: id,
    receiptHandle: `r-${id}`,
    groupId: group,
    receiveCount: 2,
    body: JSON.stringify({ eventId: id, partnerId: 'city-12345' }),
  });

  it('fails a case’s webhook and its later ones with the back-off, and delivers other cases meanwhile', async () => {
    const posted: string[] = [];
    const retried: [string, number][] = [];
    const failed = await deliverWebhooks(
      {
        webhooks: { get: async () => webhook },
        post: async (_url, headers) => {
          posted.push(headers['x-gridwork-event-id'] ?? '');
          return { status: headers['x-gridwork-event-id'] === 'a1' ? 503 : 204 };
        },
        retryLater: async (receipt, seconds) => void retried.push([receipt, seconds]),
        now: () => new Date(at(0)),
        timeScale: 1,
        log: () => {},
      },
      [message('a1', 'A'), message('b1', 'B'), message('a2', 'A'), message('b2', 'B')],
    );

    expect(failed).toEqual(['a1', 'a2']);
    expect(posted.sort()).toEqual(['a1', 'b1', 'b2']);
    expect(retried).toEqual([
      ['r-a1', 60],
      ['r-a2', 60],
    ]);
  });
});

describe('delivering for a partner without a webhook', () => {
  it('drops the event rather than retrying it into parking', async () => {
    const posted: string[] = [];
    const failed = await deliverWebhooks(
      {
        webhooks: { get: async () => undefined },
        post: async (url) => {
          posted.push(url);
          return { status: 204 };
        },
        retryLater: async () => {},
        now: () => new Date(at(0)),
        timeScale: 1,
        log: () => {},
      },
      [{ messageId: 'm', receiptHandle: 'r', groupId: 'g', receiveCount: 1, body: '{"partnerId":"none"}' }],
    );

    expect(failed).toEqual([]);
    expect(posted).toEqual([]);
  });
});
