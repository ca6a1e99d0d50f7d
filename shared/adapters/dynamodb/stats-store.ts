import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { COUNTER_NAMES, type CounterDeltas, type Counters, zeroCounters } from '#domain/stats.ts';
import type { StatsStore } from '#ports';
import { documentClient } from './document-client.ts';
import { caseKeys } from './keys.ts';

const BATCH_GET_LIMIT = 100;

/** One counter item per scope, changed with ADD so that concurrent cases never overwrite each other. */
export class DynamoStatsStore implements StatsStore {
  constructor(private readonly tableName: string) {}

  async apply(deltas: CounterDeltas): Promise<void> {
    await Promise.all(
      Object.entries(deltas).map(([scopeKey, delta]) => {
        const names = Object.keys(delta);
        return documentClient().send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: caseKeys.stats(scopeKey),
            UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
            ExpressionAttributeValues: Object.fromEntries(
              names.map((name, i) => [`:c${i}`, delta[name as keyof Counters]]),
            ),
          }),
        );
      }),
    );
  }

  async read(scopeKeys: readonly string[]): Promise<Map<string, Counters>> {
    const result = new Map<string, Counters>();
    for (let start = 0; start < scopeKeys.length; start += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = scopeKeys
        .slice(start, start + BATCH_GET_LIMIT)
        .map((key) => caseKeys.stats(key));
      while (keys.length > 0) {
        const response = await documentClient().send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of response.Responses?.[this.tableName] ?? []) {
          const counters = zeroCounters();
          for (const name of COUNTER_NAMES) counters[name] = Number(item[name] ?? 0);
          result.set(String(item.pk).slice('STATS#'.length), counters);
        }
        keys = (response.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return result;
  }
}
