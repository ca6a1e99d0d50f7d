import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DayFigures } from '#domain/daily-stats.ts';
import { COUNTER_NAMES, type Counters, zeroCounters } from '#domain/stats.ts';
import type { PositionedChange, StatsStore } from '#ports';
import { batchGetAll } from './batch-get.ts';
import { documentClient, isConditionFailure } from './document-client.ts';
import { caseKeys, dayOf, scopeKeyOf, shardMarkAttribute } from './keys.ts';

type Key = Record<string, string>;

/** The changes of one batch that concern one counter item, in stream order. */
interface ItemChanges {
  readonly key: Key;
  readonly entries: { position: string; figures: Record<string, number> }[];
}

/** Bookkeeping attributes of a counter item, which a figure read must not mistake for figures. */
const isFigure = (name: string) => name !== 'pk' && name !== 'sk' && !name.startsWith('seq:');

/**
 * The counter items: one per scope (totals) and one per scope and day (China time), changed with ADD so that
 * changes from different shards never overwrite each other.
 */
export class DynamoStatsStore implements StatsStore {
  constructor(private readonly tableName: string) {}

  async applyChanges(shard: string, changes: readonly PositionedChange[]): Promise<void> {
    const items = new Map<string, ItemChanges>();
    const add = (key: Key, position: string, figures: Record<string, number | undefined>) => {
      const id = `${key.pk}\n${key.sk}`;
      const item = items.get(id) ?? { key, entries: [] };
      items.set(id, item);
      item.entries.push({ position, figures: figures as Record<string, number> });
    };
    for (const { position, change } of changes) {
      for (const [scope, delta] of Object.entries(change.totals)) add(caseKeys.stats(scope), position, delta);
      for (const [scope, days] of Object.entries(change.daily)) {
        for (const [day, figures] of Object.entries(days)) add(caseKeys.day(scope, day), position, figures);
      }
    }
    // Items are independent: each carries its own mark, so a failure part-way leaves the others correct.
    await Promise.all([...items.values()].map((item) => this.addOnce(shard, item)));
    const newest = changes.at(-1)?.at;
    if (newest) await this.recordProgress(newest);
  }

  /**
   * Adds the item's changes past its mark for the shard and moves the mark, in one conditional write. The
   * common case (no earlier delivery reached the item) needs no read; a redelivery reads the mark once.
   */
  private async addOnce(shard: string, item: ItemChanges): Promise<void> {
    const first = item.entries[0]?.position ?? '';
    try {
      await this.write(shard, item, item.entries, { after: first });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await documentClient().send(
        new GetCommand({ TableName: this.tableName, Key: item.key, ConsistentRead: true }),
      );
      const mark = String(Item?.[shardMarkAttribute(shard)] ?? '');
      const pending = item.entries.filter((entry) => entry.position > mark);
      if (pending.length > 0) await this.write(shard, item, pending, { equals: mark });
    }
  }

  private async write(
    shard: string,
    item: ItemChanges,
    entries: ItemChanges['entries'],
    expect: { after: string } | { equals: string },
  ): Promise<void> {
    const sums = new Map<string, number>();
    for (const { figures } of entries) {
      for (const [name, value] of Object.entries(figures)) sums.set(name, (sums.get(name) ?? 0) + value);
    }
    const names = [...sums.keys()];
    const last = entries.at(-1)?.position ?? '';
    const condition =
      'after' in expect ? 'attribute_not_exists(#mark) OR #mark < :expect' : '#mark = :expect';
    await documentClient().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: item.key,
        UpdateExpression: [
          'SET #mark = :last',
          ...(names.length > 0 ? [`ADD ${names.map((_, i) => `#f${i} :f${i}`).join(', ')}`] : []),
        ].join(' '),
        ConditionExpression: condition,
        ExpressionAttributeNames: {
          '#mark': shardMarkAttribute(shard),
          ...Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
        },
        ExpressionAttributeValues: {
          ':last': last,
          ...('after' in expect ? { ':expect': expect.after } : { ':expect': expect.equals }),
          ...Object.fromEntries(names.map((name, i) => [`:f${i}`, sums.get(name)])),
        },
      }),
    );
  }

  /** Moves the progress mark forward only: shards report out of order with each other. */
  private async recordProgress(at: string): Promise<void> {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKeys.countingProgress(),
          UpdateExpression: 'SET asOf = :at',
          ConditionExpression: 'attribute_not_exists(asOf) OR asOf < :at',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async countedUpTo(): Promise<string | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: caseKeys.countingProgress(), ConsistentRead: true }),
    );
    return Item?.asOf === undefined ? undefined : String(Item.asOf);
  }

  async readDaily(scopeKey: string, fromDay: string, toDay: string): Promise<Map<string, DayFigures>> {
    const result = new Map<string, DayFigures>();
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
        const figures: DayFigures = {};
        for (const [name, value] of Object.entries(item)) if (isFigure(name)) figures[name] = Number(value);
        result.set(dayOf(item), figures);
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
