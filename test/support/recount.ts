import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dayOf, isDayKey, itemKinds, scopeKeyOf } from '#adapters/dynamodb/keys.ts';
import { dailyDeltasOf } from '#domain/daily-stats.ts';
import type { Issue } from '#domain/issue.ts';
import { COUNTER_NAMES, type Counters, deltasBetween, snapshotOf, zeroCounters } from '#domain/stats.ts';

export interface StoredState {
  readonly issues: Issue[];
  /** The counters as stored, by scope key. */
  readonly counters: Map<string, Counters>;
  /** The counters recounted from the stored issues, by scope key. */
  readonly recount: Map<string, Counters>;
  /** Per-day counters as stored and as recounted, by `<scope> <day>`. */
  readonly days: Map<string, Record<string, number>>;
  readonly dayRecount: Map<string, Record<string, number>>;
}

/** Reads every issue and counter item of a running system's cases table, straight from DynamoDB. */
export async function readStoredState(endpoint: string): Promise<StoredState> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  const tables = await client.send(new (await import('@aws-sdk/client-dynamodb')).ListTablesCommand({}));
  const table = tables.TableNames?.find((name) => name.startsWith('DataCases'));
  if (!table) throw new Error('No cases table');
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();

  const issues = items.filter((item) => item.sk === itemKinds.issue).map((item) => item.doc as Issue);
  const counters = new Map<string, Counters>();
  for (const item of items.filter((candidate) => candidate.sk === itemKinds.stats)) {
    const values = zeroCounters();
    for (const name of COUNTER_NAMES) values[name] = Number(item[name] ?? 0);
    counters.set(scopeKeyOf(item), values);
  }
  const recount = new Map<string, Counters>();
  for (const issue of issues) {
    const snapshot = snapshotOf(issue);
    for (const scope of snapshot.scopes) {
      const values = recount.get(scope) ?? zeroCounters();
      for (const name of COUNTER_NAMES) values[name] += snapshot.counters[name];
      recount.set(scope, values);
    }
  }
  // Scopes whose issues all moved elsewhere keep an item of zeros.
  for (const scope of counters.keys()) if (!recount.has(scope)) recount.set(scope, zeroCounters());

  const days = new Map<string, Record<string, number>>();
  for (const item of items.filter((candidate) => isDayKey(candidate))) {
    const key = `${scopeKeyOf(item)} ${dayOf(item)}`;
    days.set(key, { received: Number(item.received ?? 0), closed: Number(item.closed ?? 0) });
  }
  const dayRecount = new Map<string, Record<string, number>>();
  for (const issue of issues) {
    for (const [scope, perDay] of Object.entries(
      dailyDeltasOf(issue, deltasBetween(undefined, snapshotOf(issue))),
    )) {
      for (const [day, values] of Object.entries(perDay)) {
        const sums = dayRecount.get(`${scope} ${day}`) ?? { received: 0, closed: 0 };
        sums.received = (sums.received ?? 0) + (values.received ?? 0);
        sums.closed = (sums.closed ?? 0) + (values.closed ?? 0);
        dayRecount.set(`${scope} ${day}`, sums);
      }
    }
  }
  for (const key of days.keys()) if (!dayRecount.has(key)) dayRecount.set(key, { received: 0, closed: 0 });
  return { issues, counters, recount, days, dayRecount };
}
