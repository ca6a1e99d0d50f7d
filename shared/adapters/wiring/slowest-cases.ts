import { readSettings } from '#adapters/config.ts';
import { DynamoSlowestCases } from '#adapters/dynamodb/slowest-store.ts';
import type { SlowestCases } from '#ports';

/** The slowest-cases lists, beside the counters in the cases table (CASES_TABLE). */
export const slowestCases = (): SlowestCases =>
  new DynamoSlowestCases(readSettings(['CASES_TABLE']).CASES_TABLE);
