import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { registryKeys } from '#adapters/dynamodb/keys.ts';
import { writeRegistry } from '#adapters/dynamodb/registry-writer.ts';
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
  const { units, grids, people } = demoDistrict();
  const district = units.filter((unit) => unit.id === DEMO_DISTRICT_ID);
  await writeRegistry(registryTable, {
    units: units.filter((unit) => unit.id !== DEMO_DISTRICT_ID),
    grids,
    people,
  });
  await writeRegistry(registryTable, { units: district, grids: [], people: [] });
  return true;
}
