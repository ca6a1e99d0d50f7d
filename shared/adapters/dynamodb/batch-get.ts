import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './document-client.ts';

/** BatchGetItem takes at most 100 keys per request. */
const BATCH_GET_LIMIT = 100;

type Key = Record<string, unknown>;

/**
 * Every item of `keys` that exists, in no particular order: 100 keys per request, and the keys DynamoDB left
 * unprocessed (under throttling or the 16 MB response limit) asked again until none remain.
 */
export async function batchGetAll(
  tableName: string,
  keys: readonly Key[],
  options: { consistentRead: boolean },
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
    let pending: Key[] = keys.slice(start, start + BATCH_GET_LIMIT);
    while (pending.length > 0) {
      const response = await documentClient().send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistentRead } },
        }),
      );
      items.push(...(response.Responses?.[tableName] ?? []));
      pending = (response.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
    }
  }
  return items;
}
