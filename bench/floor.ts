// The floor every figure is compared with: one PutItem of an issue-sized item to the same dynalite server,
// through a DynamoDB client of the benchmark's own (the same SDK path the handlers use, nothing else).
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { caseKeys } from '#adapters/dynamodb/keys.ts';
import type { BenchRuntime } from './runtime.ts';
import { casesTable } from './runtime.ts';
import { timedPool } from './stats.ts';

/** A stored issue item (as the app wrote it), to copy under other keys as the floor's payload. */
export async function issueSizedItem(
  system: BenchRuntime,
  issueId: string,
): Promise<Record<string, unknown>> {
  const { Item } = await system.observer.send(
    new GetCommand({ TableName: casesTable(), Key: caseKeys.issue(issueId), ConsistentRead: true }),
  );
  if (!Item) throw new Error(`Issue ${issueId} is not stored`);
  // Not an issue key and no index keys: the floor writes the table only.
  const { gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...rest } = Item;
  return rest;
}

let sequence = 0;

/** Latencies (ms) of `total` PutItems of `item` under fresh keys with `concurrency` in flight. */
export function rawPutLatencies(
  system: BenchRuntime,
  item: Record<string, unknown>,
  total: number,
  concurrency: number,
): Promise<number[]> {
  return timedPool(total, concurrency, async () => {
    const n = sequence++;
    await system.observer.send(
      new PutCommand({ TableName: casesTable(), Item: { ...item, pk: `BENCH#${n}`, sk: 'FLOOR' } }),
    );
  });
}
