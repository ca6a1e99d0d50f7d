import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditTrail } from '#adapters/dynamodb/audit-store.ts';
import { type AuditEntry, auditEntry } from '#domain/audit.ts';
import { startDynamoDbServer } from '../../local/runtime/dynamodb-server.ts';
import { ensureTables, localDynamoDbClient } from '../../local/runtime/tables.ts';
import { collectingLogger, makeTempDir } from './helpers.ts';

const TABLE = 'AuditTrail';
let cleanup: () => Promise<void>;
let trail: DynamoAuditTrail;

beforeAll(async () => {
  const dir = await makeTempDir('audit-store');
  const server = await startDynamoDbServer(dir.path);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = server.endpoint;
  const client = localDynamoDbClient(server.endpoint, 'us-east-1');
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
          AttributeDefinitions: ['pk', 'sk', 'caseId'].map((name) => ({
            AttributeName: name,
            AttributeType: 'S',
          })),
          GlobalSecondaryIndexes: [
            {
              IndexName: 'auditByCase',
              KeySchema: [
                { AttributeName: 'caseId', KeyType: 'HASH' },
                { AttributeName: 'sk', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        },
      },
    ],
    collectingLogger(),
  );
  trail = new DynamoAuditTrail(TABLE);
  cleanup = async () => {
    client.destroy();
    await server.close();
    await dir.remove();
  };
});

afterAll(async () => {
  await cleanup?.();
});

/** An entry at `iso`, by `actor`, on `caseId`. */
function entryAt(iso: string, caseId: string, actor = 'sup-d'): AuditEntry {
  return auditEntry(new Date(iso), actor, 'viewed_contact', { caseId, detail: 'phone' });
}

describe('the audit trail on DynamoDB', () => {
  it('lists a range of China days in time order, page by page, and one case through its index', async () => {
    // 2026-10-01T23:30+08:00 is still 1 October in China; 16:30Z is already the 2nd.
    const written = [
      entryAt('2026-10-01T15:30:00Z', 'gw-a'),
      entryAt('2026-10-01T16:30:00Z', 'gw-b'),
      entryAt('2026-10-02T01:00:00Z', 'gw-a'),
      entryAt('2026-10-04T02:00:00Z', 'gw-a'),
      entryAt('2026-10-06T02:00:00Z', 'gw-b'),
    ];
    for (const entry of [...written].reverse()) await trail.record(entry);

    const seen: AuditEntry[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await trail.list({ fromDay: '2026-10-01', toDay: '2026-10-04', limit: 2, after });
      seen.push(...page.entries);
      after = page.next;
      pages += 1;
    } while (after && pages < 10);
    expect(seen.map((entry) => entry.at)).toEqual(written.slice(0, 4).map((entry) => entry.at));
    expect(seen[0]).toEqual(written[0]);

    const ofCase = await trail.list({
      fromDay: '2026-10-02',
      toDay: '2026-10-31',
      caseId: 'gw-a',
      limit: 10,
    });
    expect(ofCase.entries.map((entry) => entry.at)).toEqual([written[2]?.at, written[3]?.at]);
  });

  it('keeps an entry as first written when the same entry is recorded again', async () => {
    const entry = entryAt('2026-11-01T03:00:00Z', 'gw-c');
    await trail.record(entry);
    await trail.record({ ...entry, detail: 'changed' });
    const page = await trail.list({ fromDay: '2026-11-01', toDay: '2026-11-01', limit: 10 });
    expect(page.entries).toEqual([entry]);
  });
});
