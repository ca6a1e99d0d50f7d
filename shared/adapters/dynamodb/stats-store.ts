import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { COUNTER_NAMES, type CounterDeltas, type Counters, zeroCounters } from '#domain/stats.ts';
import { DAILY_COUNTER_NAMES, type DailyCounters, type DailyDeltas, type StatsStore } from '#ports';
import { batchGetAll } from './batch-get.ts';
import { documentClient } from './document-client.ts';
import { caseKeys, dayOf, scopeKeyOf } from './keys.ts';

/** One counter item per scope, changed with ADD so that concurrent cases never overwrite each other. */
export class DynamoStatsStore implements StatsStore {
  constructor(private readonly tableName: string) {}

  async apply(deltas: CounterDeltas, daily: DailyDeltas = {}): Promise<void> {
    const updates = [
      ...Object.entries(deltas).map(([scopeKey, delta]) => this.add(caseKeys.stats(scopeKey), delta)),
      ...Object.entries(daily).flatMap(([scopeKey, days]) =>
        Object.entries(days).map(([day, delta]) => this.add(caseKeys.day(scopeKey, day), delta)),
      ),
    ];
    await Promise.all(updates);
  }

  private async add(key: Record<string, string>, delta: Record<string, number | undefined>): Promise<void> {
    const names = Object.keys(delta);
    if (names.length === 0) return;
    await documentClient().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:c${i}`, delta[name]])),
      }),
    );
  }

  async readDaily(scopeKey: string, fromDay: string, toDay: string): Promise<Map<string, DailyCounters>> {
    const result = new Map<string, DailyCounters>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': caseKeys.day(scopeKey, fromDay).pk,
            ':from': caseKeys.day(scopeKey, fromDay).sk,
            ':to': caseKeys.day(scopeKey, toDay).sk,
          },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const counters = Object.fromEntries(
          DAILY_COUNTER_NAMES.map((name) => [name, Number(item[name] ?? 0)]),
        ) as DailyCounters;
        result.set(dayOf(item), counters);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return result;
  }

  async read(scopeKeys: readonly string[]): Promise<Map<string, Counters>> {
    const items = await batchGetAll(
      this.tableName,
      scopeKeys.map((key) => caseKeys.stats(key)),
      { consistentRead: true },
    );
    const result = new Map<string, Counters>();
    for (const item of items) {
      const counters = zeroCounters();
      for (const name of COUNTER_NAMES) counters[name] = Number(item[name] ?? 0);
      result.set(scopeKeyOf(item), counters);
    }
    return result;
  }
}
