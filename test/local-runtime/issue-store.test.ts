import { randomBytes } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  issueOfItem,
  PACKED_ATTRIBUTE,
  PLAIN_ATTRIBUTE,
  packToken,
  tokenOf,
} from '#adapters/dynamodb/issue-item.ts';
import { DynamoIssueStore } from '#adapters/dynamodb/issue-store.ts';
import { caseKeys } from '#adapters/dynamodb/keys.ts';
import { startDynamoDbServer } from '../../local/runtime/dynamodb-server.ts';
import { ensureTables, localDynamoDbClient } from '../../local/runtime/tables.ts';
import { at, reportedIssue, resolveAt } from '../unit/fixtures.ts';
import { collectingLogger, makeTempDir } from './helpers.ts';

const TABLE = 'Cases';
let cleanup: () => Promise<void>;
let client: ReturnType<typeof localDynamoDbClient>;

beforeAll(async () => {
  const dir = await makeTempDir('issue-store');
  const server = await startDynamoDbServer(dir.path);
  // The store's shared client reads its endpoint from the environment on first use, as handlers do.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = server.endpoint;
  client = localDynamoDbClient(server.endpoint, 'us-east-1');
  const keys = ['pk', 'sk'] as const;
  await ensureTables(
    client,
    [
      {
        logicalId: TABLE,
        input: {
          TableName: TABLE,
          KeySchema: keys.map((name, i) => ({ AttributeName: name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
          AttributeDefinitions: keys.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          BillingMode: 'PAY_PER_REQUEST',
        },
      },
    ],
    collectingLogger(),
  );
  cleanup = async () => {
    client.destroy();
    await server.close();
    await dir.remove();
  };
});

afterAll(async () => {
  await cleanup?.();
});

/** The write units of writing the stored item again as it is: what each write of this case costs. */
async function unitsPerWrite(id: string, key = caseKeys.issue(id)): Promise<number> {
  const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: marshall(key) }));
  const put = await client.send(
    new PutItemCommand({ TableName: TABLE, Item: Item ?? {}, ReturnConsumedCapacity: 'TOTAL' }),
  );
  return put.ConsumedCapacity?.CapacityUnits ?? Number.NaN;
}

describe('the DynamoDB issue store', () => {
  it('reads a case stored before packing, and packs it at its next write, one write unit each', async () => {
    // Prepare: a long case, stored the way items were written before packing
    const legacy = resolveAt({ ...reportedIssue(), id: 'gw-legacycase00001' }, 'grid', 2);
    const store = new DynamoIssueStore(TABLE);
    await client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: marshall(
          { ...caseKeys.issue(legacy.id), [PLAIN_ATTRIBUTE]: legacy, version: legacy.version },
          { removeUndefinedValues: true },
        ),
      }),
    );
    const plainUnits = await unitsPerWrite(legacy.id);

    // Act
    const read = await store.get(legacy.id);
    const next = { ...legacy, updatedAt: at(30), version: legacy.version + 1 };
    const saved = await store.save(next, legacy.version, 'token-1');

    // Assess
    expect(read?.issue).toEqual(legacy);
    expect(saved).toEqual({ issue: next, workflowToken: 'token-1' });
    expect(await store.get(legacy.id)).toEqual({ issue: next, workflowToken: 'token-1' });
    const { Item } = await client.send(
      new GetItemCommand({ TableName: TABLE, Key: marshall(caseKeys.issue(legacy.id)) }),
    );
    expect(Item?.[PLAIN_ATTRIBUTE]).toBeUndefined();
    expect(Item?.[PACKED_ATTRIBUTE]?.B).toBeDefined();
    expect(issueOfItem({ [PACKED_ATTRIBUTE]: Item?.[PACKED_ATTRIBUTE]?.B })).toEqual(next);
    expect(plainUnits).toBe(2);
    expect(await unitsPerWrite(legacy.id)).toBe(1);
  });

  it('keeps an AWS-sized workflow token in its own item, so every case write stays one write unit', async () => {
    // Prepare: a long case and a token of the length Step Functions issues
    const issue = resolveAt({ ...reportedIssue(), id: 'gw-waitingcase0001' }, 'grid', 2);
    const token = Buffer.concat([Buffer.from([1, 0, 0x84]), randomBytes(717)]).toString('base64');
    const store = new DynamoIssueStore(TABLE);
    expect(await store.create(issue)).toBe(true);

    // Act: the workflow parks with the token, then a decision saves the case
    const v = issue.version;
    const parked = await store.save({ ...issue, version: v + 1 }, v, token);
    const decided = await store.save({ ...issue, updatedAt: at(40), version: v + 2 }, v + 1);
    const reparked = await store.setWorkflowToken(issue.id, `${token.slice(0, -4)}AAAA`);

    // Assess
    expect(parked.workflowToken).toBe(token);
    expect(decided.workflowToken).toBe(token);
    expect(reparked).toEqual({ issue: decided.issue, workflowToken: `${token.slice(0, -4)}AAAA` });
    expect((await store.get(issue.id))?.workflowToken).toBe(`${token.slice(0, -4)}AAAA`);
    expect(token.length).toBe(960);
    expect(await unitsPerWrite(issue.id)).toBe(1);
    expect(await unitsPerWrite(issue.id, caseKeys.workflowWait(issue.id))).toBe(1);
  });

  it('packs base64 tokens to their bytes and keeps any other text as it is', () => {
    for (const token of [
      'AQCEAAAAKgAAAAMAAAAAAAAAAQ==',
      `AQ${randomBytes(48).toString('base64url')}`,
      'token-1',
    ]) {
      expect(tokenOf(packToken(token))).toBe(token);
    }
    expect(packToken('AQCEAAAAKgAAAAMAAAAAAAAAAQ==')).toBeInstanceOf(Uint8Array);
    expect(packToken('token-1')).toBe('token-1');
  });
});
