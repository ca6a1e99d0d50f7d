import { readSettings } from '#adapters/config.ts';
import { DynamoIdempotencyStore } from '#adapters/dynamodb/idempotency-store.ts';
import type { IdempotencyStore } from '#ports';

/** Idempotency records for intake, in the cases table (CASES_TABLE). */
export const idempotency = (): IdempotencyStore =>
  new DynamoIdempotencyStore(readSettings(['CASES_TABLE']).CASES_TABLE);
