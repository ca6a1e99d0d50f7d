import { readSettings } from '#adapters/config.ts';
import { DynamoClosedCaseIndex } from '#adapters/dynamodb/closed-case-index.ts';
import type { ClosedCaseIndex } from '#ports';

/** Closed cases with contacts kept, from the cases table's grid index (CASES_TABLE). */
export const closedCases = (): ClosedCaseIndex =>
  new DynamoClosedCaseIndex(readSettings(['CASES_TABLE']).CASES_TABLE);
