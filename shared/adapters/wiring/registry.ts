import { readSettings } from '#adapters/config.ts';
import { DynamoRegistry } from '#adapters/dynamodb/registry-store.ts';
import type { Registry } from '#ports';

/** The grid registry table (REGISTRY_TABLE). */
export const registry = (): Registry => new DynamoRegistry(readSettings(['REGISTRY_TABLE']).REGISTRY_TABLE);
