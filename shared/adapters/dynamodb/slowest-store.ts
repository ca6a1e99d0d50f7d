import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mergeSlowest, type SlowCase, type SlowestChanges } from '#domain/slowest-cases.ts';
import type { SlowestCases } from '#ports';
import { documentClient, isConditionFailure } from './document-client.ts';
import { caseKeys, shardMarkAttribute } from './keys.ts';

type Key = { pk: string; sk: string };

/** The changes of one batch that concern one list, in stream order. */
interface ListChanges {
  readonly key: Key;
  readonly entries: { position: string; cases: Record<string, SlowCase | null> }[];
}

/** Lists merged from several shards at once are rewritten whole: a lost race reads again, a few times at most. */
const ATTEMPTS = 5;

/**
 * The slowest-cases lists: one small item per scope and month beside its counters, holding at most
 * `SLOWEST_KEPT` cases. A list is read, merged and written back under a version guard (a list is a set to
 * trim, which ADD cannot express); it is written only when the batch changed it, so most closes of a busy
 * month, faster than the list's last, cost one read and no write.
 */
export class DynamoSlowestCases implements SlowestCases {
  constructor(private readonly tableName: string) {}

  async apply(shard: string, changes: readonly { position: string; lists: SlowestChanges }[]): Promise<void> {
    const lists = new Map<string, ListChanges>();
    for (const { position, lists: touched } of changes) {
      for (const [scope, months] of Object.entries(touched)) {
        for (const [month, cases] of Object.entries(months)) {
          const key = caseKeys.slowest(scope, month);
          const id = `${key.pk}\n${key.sk}`;
          const list: ListChanges = lists.get(id) ?? { key, entries: [] };
          lists.set(id, list);
          list.entries.push({ position, cases });
        }
      }
    }
    await Promise.all([...lists.values()].map((list) => this.applyOnce(shard, list)));
  }

  private async applyOnce(shard: string, list: ListChanges): Promise<void> {
    const mark = shardMarkAttribute(shard);
    for (let attempt = 1; ; attempt++) {
      const { Item } = await documentClient().send(
        new GetCommand({ TableName: this.tableName, Key: list.key, ConsistentRead: true }),
      );
      const seen = String(Item?.[mark] ?? '');
      const pending = list.entries.filter((entry) => entry.position > seen);
      if (pending.length === 0) return;
      const current = (Item?.cases ?? []) as SlowCase[];
      let next = current;
      for (const { cases } of pending) next = mergeSlowest(next, cases);
      // An unchanged list needs no write; its mark stays behind, which a redelivery only re-merges to the same.
      if (JSON.stringify(next) === JSON.stringify(current)) return;
      const version = Number(Item?.version ?? 0);
      try {
        await documentClient().send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...Item,
              ...list.key,
              cases: next,
              version: version + 1,
              [mark]: pending.at(-1)?.position,
            },
            ConditionExpression: 'attribute_not_exists(version) OR version = :version',
            ExpressionAttributeValues: { ':version': version },
          }),
        );
        return;
      } catch (error) {
        if (!isConditionFailure(error) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  async read(scopeKey: string, month: string): Promise<SlowCase[]> {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: this.tableName,
        Key: caseKeys.slowest(scopeKey, month),
        ConsistentRead: true,
      }),
    );
    return (Item?.cases ?? []) as SlowCase[];
  }
}
