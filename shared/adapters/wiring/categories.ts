import { readSettings } from '#adapters/config.ts';
import { DynamoCategories } from '#adapters/dynamodb/reference-store.ts';
import type { Categories } from '#ports';

/**
 * The categories, from the registry table (REGISTRY_TABLE), read once at cold start so the synchronous readers
 * (`categoryOf`) see them from the first invocation; handlers call `current()` again to pick up an import.
 */
export const categories = async (): Promise<Categories> => {
  const port = new DynamoCategories(readSettings(['REGISTRY_TABLE']).REGISTRY_TABLE);
  await port.current();
  return port;
};
