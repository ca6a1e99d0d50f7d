import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDynamoDbServer } from '../../local/runtime/dynamodb-server.ts';
import { matchesPattern, type StreamMappingSpec } from '../../local/runtime/streams/event-source-mappings.ts';
import { StreamLog } from '../../local/runtime/streams/stream-log.ts';
import { LOCAL_SHARD_ID, StreamPoller } from '../../local/runtime/streams/stream-poller.ts';
import { ensureTables, localDynamoDbClient } from '../../local/runtime/tables.ts';
import { collectingLogger, makeTempDir, WAIT } from './helpers.ts';

const TABLE = 'Things';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startStore(path: string) {
  const log = new StreamLog();
  const server = await startDynamoDbServer(path, 0, log);
  const client = localDynamoDbClient(server.endpoint, 'us-east-1');
  await ensureTables(
    client,
    [
      {
        logicalId: TABLE,
        input: {
          TableName: TABLE,
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      },
    ],
    collectingLogger(),
  );
  await log.enable(TABLE, ['Mapping']);
  const stop = async () => {
    client.destroy();
    await server.close();
  };
  return { log, client, stop };
}

const spec = (more: Partial<StreamMappingSpec> = {}): StreamMappingSpec => ({
  logicalId: 'Mapping',
  table: TABLE,
  functionLogicalId: 'Consumer',
  batchSize: 3,
  batchingWindowMs: 0,
  bisectOnError: true,
  maxRetryAttempts: 2,
  tumblingWindowSeconds: 60,
  filters: [],
  startingPosition: 'TRIM_HORIZON',
  ...more,
});

describe('the local table stream', () => {
  it('keeps every write with its old and new image, in order, across a restart', async () => {
    // Prepare
    const dir = await makeTempDir('stream');
    cleanups.push(dir.remove);
    const first = await startStore(dir.path);
    await first.client.send(
      new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'a' }, n: { N: '1' } } }),
    );
    await first.client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'SET n = :two',
        ExpressionAttributeValues: { ':two': { N: '2' } },
      }),
    );
    await first.stop();

    // Act
    const second = await startStore(dir.path);
    cleanups.push(second.stop);
    await second.client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'b' } } }));
    const records = await second.log.read(TABLE, 0, 10);

    // Assess
    expect(
      records.map(({ seq, eventName, oldImage, newImage }) => ({ seq, eventName, oldImage, newImage })),
    ).toEqual([
      { seq: 1, eventName: 'INSERT', oldImage: undefined, newImage: { pk: { S: 'a' }, n: { N: '1' } } },
      {
        seq: 2,
        eventName: 'MODIFY',
        oldImage: { pk: { S: 'a' }, n: { N: '1' } },
        newImage: { pk: { S: 'a' }, n: { N: '2' } },
      },
      { seq: 3, eventName: 'INSERT', oldImage: undefined, newImage: { pk: { S: 'b' } } },
    ]);
  });

  it('delivers in batches of BatchSize, bisects a failing batch, and moves the checkpoint past what was taken', async () => {
    // Prepare
    const dir = await makeTempDir('stream');
    cleanups.push(dir.remove);
    const store = await startStore(dir.path);
    cleanups.push(store.stop);
    const delivered: string[][] = [];
    let failures = 1;
    const invoke = async (_name: string, event: unknown) => {
      const batch = event as { shardId: string; Records: { dynamodb: { Keys: { pk: { S: string } } } }[] };
      if (failures-- > 0) throw new Error('first delivery fails');
      expect(batch.shardId).toBe(LOCAL_SHARD_ID);
      delivered.push(batch.Records.map((record) => record.dynamodb.Keys.pk.S));
      return { state: {} };
    };
    for (const pk of ['a', 'b', 'c', 'd']) {
      await store.client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: pk } } }));
    }
    const poller = new StreamPoller(spec(), store.log, {
      region: 'us-east-1',
      streamArn: 'arn:stream',
      viewType: 'NEW_AND_OLD_IMAGES',
      keySchema: ['pk'],
      invoke,
      logger: collectingLogger(),
      trimTo: (position) => position,
    });

    // Act
    await poller.start();
    await vi.waitFor(() => expect(delivered.flat()).toEqual(['a', 'b', 'c', 'd']), WAIT);
    await poller.stop();

    // Assess
    expect(delivered).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(await store.log.checkpoint('Mapping')).toBe(4);
    expect(await store.log.read(TABLE, 0, 10)).toEqual([]);
  });

  it('matches filter patterns as Lambda does for the values this app uses', () => {
    const pattern = { dynamodb: { Keys: { sk: { S: ['ISSUE'] } } } };

    expect(matchesPattern(pattern, { dynamodb: { Keys: { sk: { S: 'ISSUE' } } } })).toBe(true);
    expect(matchesPattern(pattern, { dynamodb: { Keys: { sk: { S: 'STATS' } } } })).toBe(false);
    expect(matchesPattern(pattern, { dynamodb: {} })).toBe(false);
  });

  it('matches prefix rules and top-level event names, as the starts mapping uses them', () => {
    const pattern = {
      eventName: ['INSERT'],
      dynamodb: { NewImage: { gsi1sk: { S: [{ prefix: 'open#' }] } } },
    };
    const record = (eventName: string, gsi1sk: unknown) => ({
      eventName,
      dynamodb: { NewImage: { gsi1sk: { S: gsi1sk } } },
    });

    expect(matchesPattern(pattern, record('INSERT', 'open#2026-11-30#i-1'))).toBe(true);
    expect(matchesPattern(pattern, record('MODIFY', 'open#2026-11-30#i-1'))).toBe(false);
    expect(matchesPattern(pattern, record('INSERT', 'closed#2026-11-30#i-1'))).toBe(false);
    expect(matchesPattern(pattern, record('INSERT', 7))).toBe(false);
    expect(matchesPattern(pattern, { eventName: 'INSERT', dynamodb: {} })).toBe(false);
  });
});
