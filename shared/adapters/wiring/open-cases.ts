import { readSettings } from '#adapters/config.ts';
import { DynamoOpenCaseIndex } from '#adapters/dynamodb/open-case-index.ts';
import type { OpenCaseIndex } from '#ports';

/** The open cases of a unit, from the cases table's grid index (CASES_TABLE). */
export const openCases = (): OpenCaseIndex =>
  new DynamoOpenCaseIndex(readSettings(['CASES_TABLE']).CASES_TABLE);
