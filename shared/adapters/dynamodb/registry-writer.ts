import { isDeepStrictEqual } from 'node:util';
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Category } from '#domain/categories.ts';
import { type CalendarDay, workCalendar } from '#domain/china-calendar.ts';
import {
  type Department,
  type Grid,
  normalizeAddress,
  normalizePhone,
  type Person,
  type Unit,
} from '#domain/registry.ts';
import type { OfficePeriod } from '#domain/working-time.ts';
import { documentClient } from './document-client.ts';
import { registryKeys } from './keys.ts';

export interface RegistryData {
  readonly units: readonly Unit[];
  readonly grids: readonly Grid[];
  readonly people: readonly Person[];
  /** Functional departments, beside the grids. */
  readonly departments?: readonly Department[];
  /** A whole calendar, replacing the stored one. */
  readonly calendar?: {
    readonly days: readonly CalendarDay[];
    readonly officeHours: readonly OfficePeriod[];
  };
  /** Categories added or changed; one left out stays as it is, since stored cases name it. */
  readonly categories?: readonly Category[];
}

/**
 * The kinds of registry item an import writes: its records, one item per registered address, and one per
 * person's phone (sign-in by phone finds the person by it, never by a scan).
 */
export type RegistryItemKind =
  | 'units'
  | 'grids'
  | 'people'
  | 'addresses'
  | 'phones'
  | 'calendar'
  | 'categories'
  | 'departments';

/** How an import would change each kind of item. */
export type RegistryChanges = Record<RegistryItemKind, { new: number; changed: number; unchanged: number }>;

/** Called as items are read or written: how many so far, of how many. */
export type ProgressListener = (done: number, total: number) => void;

type Item = Record<string, unknown>;

const BATCH_WRITE_LIMIT = 25;
const BATCH_GET_LIMIT = 100;

function itemsByKind(data: RegistryData): Record<RegistryItemKind, Item[]> {
  return {
    units: data.units.map((unit) => ({ ...registryKeys.unit(unit.id), ...unit })),
    grids: data.grids.map((grid) => ({ ...registryKeys.grid(grid.id), ...grid })),
    people: data.people.map((person) => ({ ...registryKeys.person(person.id), ...person })),
    addresses: data.grids.flatMap((grid) =>
      grid.addresses.map((address) => ({
        ...registryKeys.address(normalizeAddress(address)),
        gridId: grid.id,
        address,
      })),
    ),
    // One item per number (a batch write refuses a repeated key): a number two people share signs in the later.
    phones: [
      ...new Map(
        data.people.flatMap((person) =>
          person.phone ? [[normalizePhone(person.phone), { personId: person.id }] as const] : [],
        ),
      ),
    ].map(([phone, item]) => ({ ...registryKeys.personByPhone(phone), ...item })),
    calendar: data.calendar
      ? [
          {
            ...registryKeys.calendar,
            ...workCalendar(data.calendar.days, data.calendar.officeHours),
            days: data.calendar.days,
          },
        ]
      : [],
    // The position keeps the file's order, the order residents see them in.
    categories: (data.categories ?? []).map((category, position) => ({
      ...registryKeys.category(category.code),
      ...category,
      position,
    })),
    departments: (data.departments ?? []).map((department) => ({
      ...registryKeys.department(department.id),
      ...department,
    })),
  };
}

// The number of items writing the registry puts: units, grids, people and addresses.
function registryItemCount(data: RegistryData): number {
  return Object.values(itemsByKind(data)).reduce((count, items) => count + items.length, 0);
}

/** Writes a whole registry; every item is a plain put, so writing the same registry twice changes nothing. */
export async function writeRegistry(
  tableName: string,
  data: RegistryData,
  onProgress?: ProgressListener,
): Promise<number> {
  const items = Object.values(itemsByKind(data)).flat();
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    let requests = items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const response = await documentClient().send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (response.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
    onProgress?.(Math.min(start + BATCH_WRITE_LIMIT, items.length), items.length);
  }
  return items.length;
}

async function readItems(tableName: string, keys: readonly Item[]): Promise<Item[]> {
  const found: Item[] = [];
  let pending = [...keys];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    const response = await documentClient().send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    found.push(...(response.Responses?.[tableName] ?? []));
    pending = (response.UnprocessedKeys?.[tableName]?.Keys ?? []) as Item[];
  }
  return found;
}

/** Reads what the table holds under each item's key and counts, by kind, the items a write would add or change. */
export async function diffRegistry(
  tableName: string,
  data: RegistryData,
  onProgress?: ProgressListener,
): Promise<RegistryChanges> {
  const byKind = itemsByKind(data);
  const total = registryItemCount(data);
  const keyOf = (item: Item) => `${item.pk}\u0000${item.sk}`;
  const changes = {} as RegistryChanges;
  let done = 0;
  for (const [kind, items] of Object.entries(byKind) as [RegistryItemKind, Item[]][]) {
    const counts = { new: 0, changed: 0, unchanged: 0 };
    for (let start = 0; start < items.length; start += BATCH_GET_LIMIT) {
      const batch = items.slice(start, start + BATCH_GET_LIMIT);
      // BatchGetItem refuses a repeated key; two grids may register the same address.
      const keys = new Map(batch.map(({ pk, sk }) => [keyOf({ pk, sk }), { pk, sk }]));
      const stored = new Map(
        (await readItems(tableName, [...keys.values()])).map((item) => [keyOf(item), item]),
      );
      for (const item of batch) {
        const existing = stored.get(keyOf(item));
        // The document client drops undefined values on write; compare what would be stored.
        if (!existing) counts.new++;
        else if (isDeepStrictEqual(existing, JSON.parse(JSON.stringify(item)))) counts.unchanged++;
        else counts.changed++;
      }
      done += batch.length;
      onProgress?.(done, total);
    }
    changes[kind] = counts;
  }
  return changes;
}
