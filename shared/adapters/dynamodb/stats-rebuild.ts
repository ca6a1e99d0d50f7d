import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DAILY_COUNTER_NAMES, dailyDeltasOf } from '#domain/daily-stats.ts';
import type { Issue } from '#domain/issue.ts';
import { COUNTER_NAMES, type Counters, deltasBetween, snapshotOf, zeroCounters } from '#domain/stats.ts';
import { documentClient } from './document-client.ts';
import { caseKeys, dayOf, itemKinds, scopeKeyOf } from './keys.ts';

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

/**
 * Recounts every counter from the stored issues and marks each issue as counted. Counter updates are
 * at-least-once (a crash between adding a difference and marking it added repeats it), so after an unclean
 * stop the local runtime runs this before any workflow resumes. A maintenance scan, never on a read path.
 */
export async function rebuildStats(tableName: string): Promise<{ issues: number; scopes: number }> {
  const totals = new Map<string, Counters>();
  // Per-day counters, keyed `<scope>\n<yyyy-mm-dd>`.
  const days = new Map<string, Record<string, number>>();
  let issues = 0;
  for await (const item of scanAll(tableName, 'sk = :sk', { ':sk': itemKinds.issue })) {
    const issue = item.doc as Issue;
    const snapshot = snapshotOf(issue);
    for (const [scope, perDay] of Object.entries(dailyDeltasOf(issue, deltasBetween(undefined, snapshot)))) {
      for (const [day, counters] of Object.entries(perDay)) {
        const sums = days.get(`${scope}\n${day}`) ?? {};
        for (const [name, value] of Object.entries(counters)) sums[name] = (sums[name] ?? 0) + (value ?? 0);
        days.set(`${scope}\n${day}`, sums);
      }
    }
    for (const scope of snapshot.scopes) {
      const counters = totals.get(scope) ?? zeroCounters();
      for (const name of COUNTER_NAMES) counters[name] += snapshot.counters[name];
      totals.set(scope, counters);
    }
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET counted = :snapshot ADD countedVersion :one',
        ExpressionAttributeValues: { ':snapshot': snapshot, ':one': 1 },
      }),
    );
    issues++;
  }
  for await (const item of scanAll(tableName, 'sk = :sk', { ':sk': itemKinds.stats })) {
    const scope = scopeKeyOf(item);
    if (!totals.has(scope)) totals.set(scope, zeroCounters());
  }
  for await (const item of scanAll(tableName, 'begins_with(sk, :day)', { ':day': itemKinds.dayPrefix })) {
    const key = `${scopeKeyOf(item)}\n${dayOf(item)}`;
    if (!days.has(key)) days.set(key, {});
  }
  for (const [key, sums] of days) {
    const [scope, day] = key.split('\n') as [string, string];
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: caseKeys.day(scope, day),
        UpdateExpression: `SET ${DAILY_COUNTER_NAMES.map((name) => `#${name} = :${name}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(DAILY_COUNTER_NAMES.map((name) => [`#${name}`, name])),
        ExpressionAttributeValues: Object.fromEntries(
          DAILY_COUNTER_NAMES.map((name) => [`:${name}`, sums[name] ?? 0]),
        ),
      }),
    );
  }
  for (const [scope, counters] of totals) {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: caseKeys.stats(scope),
        UpdateExpression: `SET ${COUNTER_NAMES.map((name) => `#${name} = :${name}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(COUNTER_NAMES.map((name) => [`#${name}`, name])),
        ExpressionAttributeValues: Object.fromEntries(
          COUNTER_NAMES.map((name) => [`:${name}`, counters[name]]),
        ),
      }),
    );
  }
  return { issues, scopes: totals.size };
}
