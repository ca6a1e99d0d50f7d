import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueSpec } from '../../local/runtime/queues/queue-specs.ts';
import { QueueStore } from '../../local/runtime/queues/queue-store.ts';
import { matchesPattern } from '../../local/runtime/streams/event-source-mappings.ts';

const SPECS: QueueSpec[] = [
  {
    name: 'Deliveries',
    fifo: true,
    visibilityTimeoutSeconds: 60,
    retentionSeconds: 3600,
    dedupPerGroup: true,
    redrive: { deadLetterQueue: 'Parked', maxReceiveCount: 2 },
  },
  { name: 'Parked', fifo: true, visibilityTimeoutSeconds: 60, retentionSeconds: 3600, dedupPerGroup: false },
];

let dir: string;
const opened: QueueStore[] = [];

async function openStore(): Promise<QueueStore> {
  const store = new QueueStore(new Map(SPECS.map((spec) => [spec.name, spec])));
  await store.open(dir);
  opened.push(store);
  return store;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gridwork-queues-'));
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the local queues', () => {
  it('give a FIFO group one message at a time, in order, while other groups go on', async () => {
    const store = await openStore();
    for (const [group, body] of [
      ['a', 'a1'],
      ['b', 'b1'],
      ['a', 'a2'],
    ]) {
      await store.send('Deliveries', String(body), { groupId: group, dedupId: String(body) });
    }

    const first = await store.receive('Deliveries', 1);
    const second = await store.receive('Deliveries', 10);

    expect(first.map((m) => m.body)).toEqual(['a1']);
    expect(second.map((m) => m.body)).toEqual(['b1']);
  });

  it('send a deduplication id once within the window', async () => {
    const store = await openStore();

    const one = await store.send('Deliveries', 'x', { groupId: 'a', dedupId: 'e-1' });
    const again = await store.send('Deliveries', 'x', { groupId: 'a', dedupId: 'e-1' });

    expect(again.id).toBe(one.id);
    expect(store.peek('Deliveries')).toHaveLength(1);
  });

  it('keep accepted messages and receive counts across a kill, and park a message past its receives', async () => {
    const store = await openStore();
    await store.send('Deliveries', 'a1', { groupId: 'a', dedupId: 'a1' });
    await store.send('Deliveries', 'a2', { groupId: 'a', dedupId: 'a2' });
    for (let receive = 0; receive < 2; receive++) {
      const [message] = await store.receive('Deliveries', 1);
      await store.changeVisibility('Deliveries', String(message?.receipt), 0);
    }

    // Act: a second store on the same journal, the first never closed (as after SIGKILL).
    const restarted = await openStore();
    const after = await restarted.receive('Deliveries', 10);

    // Assess
    expect(restarted.peek('Parked').map((m) => [m.body, m.receiveCount])).toEqual([['a1', 2]]);
    expect(after.map((m) => m.body)).toEqual(['a2']);
    expect(await restarted.delete('Deliveries', String(after[0]?.receipt), true)).toBe(true);
    expect(restarted.delivered('Deliveries').map((m) => m.body)).toEqual(['a2']);
  });
});

describe('stream filters with an exists rule', () => {
  it('let through the records that have the field, and only those', () => {
    const pattern = {
      dynamodb: {
        NewImage: { doc: { M: { partnerOrder: { M: { partnerId: { S: [{ exists: true }] } } } } } },
      },
    };
    const withOrder = {
      dynamodb: { NewImage: { doc: { M: { partnerOrder: { M: { partnerId: { S: 'city-12345' } } } } } } },
    };
    const without = { dynamodb: { NewImage: { doc: { M: { status: { S: 'submitted' } } } } } };

    expect(matchesPattern(pattern, withOrder)).toBe(true);
    expect(matchesPattern(pattern, without)).toBe(false);
    expect(matchesPattern({ a: [{ exists: false }] }, { b: 1 })).toBe(true);
  });
});
