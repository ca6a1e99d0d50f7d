import { readSettings } from '#adapters/config.ts';
import { DynamoIssueStore } from '#adapters/dynamodb/issue-store.ts';
import type { IssueStore } from '#ports';

/** The cases table's issues (CASES_TABLE). */
export const issues = (): IssueStore => new DynamoIssueStore(readSettings(['CASES_TABLE']).CASES_TABLE);
