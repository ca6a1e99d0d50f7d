import { readSettings } from '#adapters/config.ts';
import { DynamoCalendars } from '#adapters/dynamodb/reference-store.ts';
import type { Calendars } from '#ports';

/** The district's working-day calendar, from the registry table (REGISTRY_TABLE). */
export const calendars = (): Calendars =>
  new DynamoCalendars(readSettings(['REGISTRY_TABLE']).REGISTRY_TABLE);
