import { readSettings } from '#adapters/config.ts';
import { DynamoStatsStore } from '#adapters/dynamodb/stats-store.ts';
import type { StatsStore } from '#ports';

/** The published counters, in the cases table (CASES_TABLE). */
export const stats = (): StatsStore => new DynamoStatsStore(readSettings(['CASES_TABLE']).CASES_TABLE);
