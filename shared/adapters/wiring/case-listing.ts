import { readSettings } from '#adapters/config.ts';
import { DynamoCaseListing } from '#adapters/dynamodb/category-index.ts';
import type { CaseListing } from '#open311/listing.ts';

/** Cases listed for Open311 through the cases table's category index (CASES_TABLE). */
export const caseListing = (): CaseListing =>
  new DynamoCaseListing(readSettings(['CASES_TABLE']).CASES_TABLE);
