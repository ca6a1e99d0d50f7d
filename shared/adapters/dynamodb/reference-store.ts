import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { allCategories, type Category, useCategories } from '#domain/categories.ts';
import { DEFAULT_CALENDAR } from '#domain/china-calendar.ts';
import type { WorkCalendar } from '#domain/working-time.ts';
import type { Calendars, Categories } from '#ports';
import { documentClient } from './document-client.ts';
import { registryKeys } from './keys.ts';

/** Reference data changes when ops import it, rarely; a warm function re-reads it after this long. */
const REFERENCE_CACHE_MS = 5 * 60_000;

/** One value read at most once per period; a failed read is not kept, so the next call tries again. */
function cached<T>(load: () => Promise<T>, now: () => number): () => Promise<T> {
  let entry: { at: number; value: Promise<T> } | undefined;
  return () => {
    const at = now();
    if (!entry || at - entry.at > REFERENCE_CACHE_MS) {
      const value = load();
      value.catch(() => {
        entry = undefined;
      });
      entry = { at, value };
    }
    return entry.value;
  };
}

/** The district's calendar from the registry table; the shipped 2025–2027 calendar until one is imported. */
export class DynamoCalendars implements Calendars {
  readonly calendar: () => Promise<WorkCalendar>;

  constructor(tableName: string, now: () => number = Date.now) {
    this.calendar = cached(async () => {
      const { Item } = await documentClient().send(
        new GetCommand({ TableName: tableName, Key: registryKeys.calendar }),
      );
      if (!Item) return DEFAULT_CALENDAR;
      const { holidays, workdays, officeHours } = Item as unknown as WorkCalendar;
      return { holidays, workdays, officeHours };
    }, now);
  }
}

/** The categories from the registry table, in the order they were imported; the default eight until then. */
export class DynamoCategories implements Categories {
  private readonly load: () => Promise<readonly Category[]>;

  constructor(tableName: string, now: () => number = Date.now) {
    this.load = cached(async () => {
      const items: Record<string, unknown>[] = [];
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await documentClient().send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': registryKeys.allCategories },
            ...(cursor ? { ExclusiveStartKey: cursor } : {}),
          }),
        );
        items.push(...(page.Items ?? []));
        cursor = page.LastEvaluatedKey;
      } while (cursor);
      return items
        .sort((a, b) => Number(a.position) - Number(b.position))
        .map(({ pk: _pk, sk: _sk, position: _position, ...category }) => category as unknown as Category);
    }, now);
  }

  async current(): Promise<readonly Category[]> {
    useCategories(await this.load());
    return allCategories();
  }
}
