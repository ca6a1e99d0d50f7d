import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { issueOfItem } from '#adapters/dynamodb/issue-item.ts';
import { caseKeys, itemKinds } from '#adapters/dynamodb/keys.ts';
import { changeOf } from '#domain/daily-stats.ts';
import type { Issue } from '#domain/issue.ts';

export interface StoredState {
  readonly issues: Issue[];
  /** Every counter item's figures as stored (totals and days), by `pk sk`, zeros and marks left out. */
  readonly figures: Map<string, Record<string, number>>;
  /** The same items as a recount of the stored issues gives them. */
  readonly recount: Map<string, Record<string, number>>;
}

const isCounterItem = (item: Record<string, unknown>) =>
  item.sk === itemKinds.stats || String(item.sk).startsWith(itemKinds.dayPrefix);

function nonZero(values: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(
        ([name, value]) => name !== 'pk' && name !== 'sk' && !name.startsWith('seq:') && Number(value) !== 0,
      )
      .map(([name, value]) => [name, Number(value)]),
  );
}

/** Reads every issue and counter item of a running system's cases table, straight from DynamoDB. */
export async function readStoredState(endpoint: string): Promise<StoredState> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  const tables = await client.send(new ListTablesCommand({}));
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

  const issues = items
    .filter((item) => item.sk === itemKinds.issue)
    .flatMap((item) => issueOfItem(item) ?? []);
  const figures = new Map<string, Record<string, number>>();
  for (const item of items.filter(isCounterItem)) {
    const values = nonZero(item);
    if (Object.keys(values).length > 0) figures.set(`${item.pk} ${item.sk}`, values);
  }
  const sums = new Map<string, Record<string, number>>();
  const add = (key: { pk: string; sk: string }, values: Record<string, number | undefined>) => {
    const id = `${key.pk} ${key.sk}`;
    const total = sums.get(id) ?? {};
    sums.set(id, total);
    for (const [name, value] of Object.entries(values)) total[name] = (total[name] ?? 0) + (value ?? 0);
  };
  for (const issue of issues) {
    const { totals, daily } = changeOf(undefined, issue);
    for (const [scope, delta] of Object.entries(totals)) add(caseKeys.stats(scope), delta);
    for (const [scope, days] of Object.entries(daily)) {
      for (const [day, values] of Object.entries(days)) add(caseKeys.day(scope, day), values);
    }
  }
  const recount = new Map([...sums].map(([id, values]) => [id, nonZero(values)]));
  for (const [id, values] of recount) if (Object.keys(values).length === 0) recount.delete(id);
  return { issues, figures, recount };
}
