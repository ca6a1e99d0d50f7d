import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueOfItem, PACKED_ATTRIBUTE, PLAIN_ATTRIBUTE } from '#adapters/dynamodb/issue-item.ts';
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
async function unitsPerWrite(id: string): Promise<number> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: TABLE, Key: marshall(caseKeys.issue(id)) }),
  );
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
});
