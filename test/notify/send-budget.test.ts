import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetOf, DynamoSendBudget } from '#adapters/notify/send-budget.ts';

const TABLE = 'cases';
let server: Server;
let client: DynamoDBClient;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The adapters' shared document client reads the endpoint from here on first use.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  client = new DynamoDBClient({ endpoint });
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
});

afterAll(async () => {
  client?.destroy();
  server?.close();
  if (server) await once(server, 'close');
});

describe('DynamoSendBudget against dynalite', () => {
  it('lets exactly the limit through in one window, even when asked at once, and starts afresh in the next', async () => {
    // Prepare
    let now = Date.parse('2026-11-30T08:10:00Z');
    const budget = new DynamoSendBudget(TABLE, () => now);

    // Act
    const first = await Promise.all(Array.from({ length: 8 }, () => budget.take('person:w-1', 5, 3600)));
    now += 3600_000;
    const next = await budget.take('person:w-1', 5, 3600);

    // Assess
    expect(first.filter(Boolean)).toHaveLength(5);
    expect(next).toBe(true);
  });

  it('keys a resident contact by a hash, the same for one number however it is written', async () => {
    // Prepare
    const notification = { id: 'gw-1:rate:x', to: 'reporter:gw-1', subject: '', text: '' };

    // Act
    const spaced = budgetOf(notification, { phone: '+86 139-0013-9000' });
    const plain = budgetOf(notification, { phone: '13900139000' });
    await new DynamoSendBudget(TABLE).take(plain.key, plain.limit, plain.windowSeconds);

    // Assess
    expect(spaced).toEqual(plain);
    expect(plain).toMatchObject({ limit: 3, windowSeconds: 86_400 });
    const { Items } = await client.send(new ScanCommand({ TableName: TABLE }));
    expect(JSON.stringify(Items)).not.toContain('13900139000');
  });
});
