// The street and department indexes against dynalite: the sparse department index a transfer writes, and the
// backfill command that sets both on case items stored before them, page by page, resumable and idempotent.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseIndex } from '#adapters/dynamodb/case-index.ts';
import { PACKED_ATTRIBUTE, packIssue } from '#adapters/dynamodb/issue-item.ts';
import { DynamoIssueStore } from '#adapters/dynamodb/issue-store.ts';
import { caseKeys, gridIndexKeys } from '#adapters/dynamodb/keys.ts';
import type { Issue } from '#domain/issue.ts';
import { decideTask } from '#domain/task-transitions.ts';
import { startDynamoDbServer } from '../../local/runtime/dynamodb-server.ts';
import { ensureTables, localDynamoDbClient } from '../../local/runtime/tables.ts';
import { indexBackfillCli } from '../../shared/index-backfill/cli.ts';
import { at, offerNext, reportedIssue } from '../unit/fixtures.ts';
import { collectingLogger, makeTempDir } from './helpers.ts';

const TABLE = 'Cases';
const WATER = { id: 'dep-water', name: '自来水公司' };
let endpoint = '';
let cleanup: () => Promise<void>;
let client: ReturnType<typeof localDynamoDbClient>;

beforeAll(async () => {
  const dir = await makeTempDir('case-indexes');
  const server = await startDynamoDbServer(dir.path);
  endpoint = server.endpoint;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = server.endpoint;
  client = localDynamoDbClient(server.endpoint, 'us-east-1');
  const names = ['pk', 'sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk'];
  const index = (name: string, pk: string, sk: string) => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: pk, KeyType: 'HASH' as const },
      { AttributeName: sk, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'KEYS_ONLY' as const },
  });
  await ensureTables(
    client,
    [
      {
        logicalId: TABLE,
        input: {
          TableName: TABLE,
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: names.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          GlobalSecondaryIndexes: [
            index('casesByStreet', 'gsi3pk', 'gsi3sk'),
            index('casesByDepartment', 'gsi4pk', 'gsi4sk'),
          ],
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

/** A case on its grid worker's resolve task, reported at `minute`. */
function held(id: string, minute: number): Issue {
  const reported = reportedIssue({ id, now: at(minute) });
  return offerNext(offerNext(reported, 'accept', 'grid', { now: at(minute) }), 'resolve', 'grid', {
    now: at(minute),
  });
}

/** The same case transferred (转派) to the water utility by its grid worker. */
function transferred(issue: Issue): Issue {
  const seq = issue.task?.seq ?? 0;
  return decideTask(issue, { seq, action: 'transfer', department: WATER, note: '供水设施', now: at(30) });
}

async function attributes(id: string): Promise<Record<string, unknown>> {
  const { Item = {} } = await client.send(
    new GetItemCommand({ TableName: TABLE, Key: marshall(caseKeys.issue(id)) }),
  );
  return Object.fromEntries(Object.entries(Item).map(([name, value]) => [name, value.S ?? value.N ?? '…']));
}

/** A case item as stored before the street and department indexes: no gsi3 or gsi4 keys at all. */
async function storeAsBefore(issue: Issue, extra: Record<string, string> = {}): Promise<void> {
  await client.send(
    new PutItemCommand({
      TableName: TABLE,
      Item: marshall({
        ...caseKeys.issue(issue.id),
        ...gridIndexKeys.of(issue),
        [PACKED_ATTRIBUTE]: packIssue(issue),
        version: issue.version,
        ...extra,
      }),
    }),
  );
}

const departmentIndex = new DynamoCaseIndex(TABLE);
const inDepartment = async () =>
  (await departmentIndex.newest({ kind: 'department', id: WATER.id, state: 'open' }, {}, 50)).map(
    (e) => e.id,
  );
const inStreet = async (state: 'open' | 'closed') =>
  (await departmentIndex.newest({ kind: 'street', id: 's-1', state }, {}, 50)).map((e) => e.id);

function backfill(...args: string[]) {
  const out: string[] = [];
  const io = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => out.push(text) },
  };
  return indexBackfillCli(['--table', TABLE, '--endpoint', endpoint, ...args], io).then((status) => ({
    status,
    text: out.join(''),
  }));
}

describe('the department index', () => {
  it('gets a case with its transfer only: a case never transferred carries no department keys', async () => {
    // Prepare
    const store = new DynamoIssueStore(TABLE);
    const plain = held('gw-plain000000001', 1);
    const moved = held('gw-moved000000001', 2);
    await store.create(plain);
    await store.create(moved);

    // Act
    await store.save({ ...plain, updatedAt: at(100), version: plain.version + 1 }, plain.version);
    const sent = transferred(moved);
    await store.save(sent, moved.version);

    // Assess
    expect(Object.keys(await attributes(plain.id)).filter((name) => name.startsWith('gsi4'))).toEqual([]);
    expect(await attributes(moved.id)).toMatchObject({
      gsi4pk: `DEPARTMENT#${WATER.id}`,
      gsi4sk: `open#${moved.createdAt}#${moved.id}`,
    });
    expect(await inDepartment()).toEqual([moved.id]);
    expect(await inStreet('open')).toEqual([moved.id, plain.id]);
  });
});

describe('the index backfill command', () => {
  it('sets missing and stale keys page by page, resumes from its cursor, writes nothing on a dry run, and is idempotent', async () => {
    // Prepare: three cases as stored before the indexes, one with a street key of the older erased# layout
    const old = held('gw-old0000000001', 10);
    const oldTransferred = transferred(held('gw-old0000000002', 11));
    const erased = { ...held('gw-old0000000003', 12), status: 'closed' as const, contactsErasedAt: at(300) };
    await storeAsBefore(old);
    await storeAsBefore(oldTransferred);
    await storeAsBefore(erased, { gsi3pk: 'STREET#s-1', gsi3sk: `erased#${erased.createdAt}#${erased.id}` });
    const before = await inStreet('open');

    // Act
    const dry = await backfill('--dry-run');
    const afterDry = await inStreet('open');
    const first = await backfill('--page-size', '2', '--pages', '1');
    const cursor = /--cursor (\S+)/.exec(first.text)?.[1] ?? '';
    const rest = await backfill('--page-size', '2', '--cursor', cursor);
    const again = await backfill();
    const bad = await backfill('--cursor', 'not-a-cursor');

    // Assess
    expect(dry).toMatchObject({ status: 0 });
    expect(dry.text).toMatch(
      /done: scanned \d+, cases 5, would set 3, already current 2, changed meanwhile 0/,
    );
    expect(afterDry).toEqual(before);
    expect(first.status).toBe(0);
    expect(first.text).toMatch(/^page 1: scanned 2, .*; resume with --cursor \S+\nstopped after 1 page\(s\)/);
    expect(rest.status).toBe(0);
    expect(rest.text).toMatch(/done: /);
    expect(await inStreet('open')).toEqual([
      oldTransferred.id,
      old.id,
      'gw-moved000000001',
      'gw-plain000000001',
    ]);
    expect(await inStreet('closed')).toEqual([erased.id]);
    expect(await inDepartment()).toEqual([oldTransferred.id, 'gw-moved000000001']);
    expect(again.text).toMatch(/done: scanned \d+, cases 5, set 0, already current 5, changed meanwhile 0/);
    expect(bad.status).toBe(2);
    expect(bad.text).toContain('--cursor takes a cursor this command printed');
  });
});
