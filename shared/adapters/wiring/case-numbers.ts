import { readSettings } from '#adapters/config.ts';
import { DynamoCaseNumbers } from '#adapters/dynamodb/case-numbers.ts';
import type { CaseNumbers } from '#ports';

/** The daily case-number counters, in the cases table (CASES_TABLE). */
export const caseNumbers = (): CaseNumbers =>
  new DynamoCaseNumbers(readSettings(['CASES_TABLE']).CASES_TABLE);
