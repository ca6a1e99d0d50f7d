import { readSettings } from '#adapters/config.ts';
import { DynamoCaseIndex } from '#adapters/dynamodb/case-index.ts';
import type { CaseIndex } from '#ports';

/** The workbench's reads of the cases table's indexes (CASES_TABLE). */
export const caseIndex = (): CaseIndex => new DynamoCaseIndex(readSettings(['CASES_TABLE']).CASES_TABLE);
