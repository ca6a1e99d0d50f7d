import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Grid, normalizeAddress, type Person, type Unit } from '#domain/registry.ts';
import { documentClient } from './document-client.ts';
import { registryKeys } from './keys.ts';

export interface RegistryData {
  readonly units: readonly Unit[];
  readonly grids: readonly Grid[];
  readonly people: readonly Person[];
}

const BATCH_WRITE_LIMIT = 25;

function itemsOf(data: RegistryData): Record<string, unknown>[] {
  return [
    ...data.units.map((unit) => ({ ...registryKeys.unit(unit.id), ...unit })),
    ...data.grids.map((grid) => ({ ...registryKeys.grid(grid.id), ...grid })),
    ...data.people.map((person) => ({ ...registryKeys.person(person.id), ...person })),
    ...data.grids.flatMap((grid) =>
      grid.addresses.map((address) => ({
        ...registryKeys.address(normalizeAddress(address)),
        gridId: grid.id,
        address,
      })),
    ),
  ];
}

/** Writes a whole registry; every item is a plain put, so writing the same registry twice changes nothing. */
export async function writeRegistry(tableName: string, data: RegistryData): Promise<number> {
  const items = itemsOf(data);
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    let requests = items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const response = await documentClient().send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (response.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
  return items.length;
}
