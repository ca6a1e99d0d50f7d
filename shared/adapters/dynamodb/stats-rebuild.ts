import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { changeOf } from '#domain/daily-stats.ts';
import { documentClient } from './document-client.ts';
import { issueOfItem } from './issue-item.ts';
import { caseKeys, itemKinds } from './keys.ts';

async function* scanAll(tableName: string, filter: string, values: Record<string, unknown>) {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: filter,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every counter item's figures as a recount of the stored cases gives them, by `pk\nsk`. */
export async function recountFigures(tableName: string): Promise<Map<string, Record<string, number>>> {
  const figures = new Map<string, Record<string, number>>();
  const add = (key: { pk: string; sk: string }, values: Record<string, number | undefined>) => {
    const id = `${key.pk}\n${key.sk}`;
    const sums = figures.get(id) ?? {};
    figures.set(id, sums);
    for (const [name, value] of Object.entries(values)) sums[name] = (sums[name] ?? 0) + (value ?? 0);
  };
  for await (const item of scanAll(tableName, 'sk = :sk', { ':sk': itemKinds.issue })) {
    // The same rule the change stream's consumer applies, from nothing to the stored state.
    const { totals, daily } = changeOf(undefined, issueOfItem(item));
    for (const [scope, delta] of Object.entries(totals)) add(caseKeys.stats(scope), delta);
    for (const [scope, days] of Object.entries(daily)) {
      for (const [day, values] of Object.entries(days)) add(caseKeys.day(scope, day), values);
    }
  }
  return figures;
}

/**
 * Rewrites every counter item from a recount of the stored cases, keeping each item's stream marks. A repair
 * tool for figures damaged outside the counting path: run it while the stream consumer is disabled and the
 * stream drained, or changes still in the stream are counted twice. A maintenance scan, never on a read path.
 */
export async function rebuildStats(tableName: string): Promise<{ items: number }> {
  const recount = await recountFigures(tableName);
  const existing = new Map<string, Record<string, unknown>>();
  const counterItems = 'sk = :stats OR begins_with(sk, :day)';
  for await (const item of scanAll(tableName, counterItems, {
    ':stats': itemKinds.stats,
    ':day': itemKinds.dayPrefix,
  })) {
    existing.set(`${item.pk}\n${item.sk}`, item);
  }
  const ids = new Set([...recount.keys(), ...existing.keys()]);
  for (const id of ids) {
    const [pk, sk] = id.split('\n') as [string, string];
    const marks = Object.entries(existing.get(id) ?? {}).filter(([name]) => name.startsWith('seq:'));
    await documentClient().send(
      new PutCommand({
        TableName: tableName,
        Item: { pk, sk, ...Object.fromEntries(marks), ...recount.get(id) },
      }),
    );
  }
  return { items: ids.size };
}
