import { readSettings } from '#adapters/config.ts';
import { DynamoCaseExportStore } from '#adapters/dynamodb/case-export-store.ts';
import type { CaseExportStore } from '#domain/case-export.ts';

/** Export jobs, as items of the cases table (CASES_TABLE). */
export const caseExports = (): CaseExportStore =>
  new DynamoCaseExportStore(readSettings(['CASES_TABLE']).CASES_TABLE);
