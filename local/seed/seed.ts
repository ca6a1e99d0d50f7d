import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { registryKeys } from '#adapters/dynamodb/keys.ts';
import { writeRegistry } from '#adapters/dynamodb/registry-writer.ts';
import { DEFAULT_CATEGORIES } from '#domain/categories.ts';
import { CHINA_CALENDAR_DAYS, DEFAULT_OFFICE_HOURS } from '#domain/china-calendar.ts';
import { DEMO_DISTRICT_ID, demoDistrict } from './demo-district.ts';

/** Loads the demo district into a registry that lacks it; the district unit goes last, as the mark of a whole seed. */
export async function seedDemoDistrictIfEmpty(
  registryTable: string,
  onSeeding?: () => void,
): Promise<boolean> {
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: registryTable,
      Key: registryKeys.unit(DEMO_DISTRICT_ID),
      ConsistentRead: true,
    }),
  );
  if (Item) return false;
  onSeeding?.();
  const { units, grids, people, departments } = demoDistrict();
  const district = units.filter((unit) => unit.id === DEMO_DISTRICT_ID);
  await writeRegistry(registryTable, {
    units: units.filter((unit) => unit.id !== DEMO_DISTRICT_ID),
    grids,
    people,
    departments,
  });
  await writeRegistry(registryTable, { units: district, grids: [], people: [] });
  return true;
}

/**
 * Loads the shipped calendar (2025–2027) and the default categories into a registry that holds none of
 * either, so they can be seen and replaced like the rest of the registry.
 */
export async function seedReferenceDataIfMissing(registryTable: string): Promise<boolean> {
  const [calendar, categories] = await Promise.all([
    documentClient().send(
      new GetCommand({ TableName: registryTable, Key: registryKeys.calendar, ConsistentRead: true }),
    ),
    documentClient().send(
      new QueryCommand({
        TableName: registryTable,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': registryKeys.allCategories },
        Limit: 1,
        ConsistentRead: true,
      }),
    ),
  ]);
  const needsCalendar = !calendar.Item;
  const needsCategories = (categories.Items ?? []).length === 0;
  if (!needsCalendar && !needsCategories) return false;
  await writeRegistry(registryTable, {
    units: [],
    grids: [],
    people: [],
    ...(needsCalendar ? { calendar: { days: CHINA_CALENDAR_DAYS, officeHours: DEFAULT_OFFICE_HOURS } } : {}),
    ...(needsCategories ? { categories: DEFAULT_CATEGORIES } : {}),
  });
  return true;
}
