import { LocationNotFoundError } from '#domain/errors.ts';
import { gridContaining, toWgs84 } from '#domain/geo.ts';
import type { Location } from '#domain/issue.ts';
import type { Grid } from '#domain/registry.ts';
import type { Registry } from '#ports';

/**
 * The grid a report belongs to: named directly, by a registered address, or by the boundary around a point (converted
 * to WGS-84 first when the resident's map drew it in GCJ-02).
 */
export async function resolveGrid(registry: Registry, location: Location): Promise<Grid> {
  if ('gridId' in location) {
    const grid = await registry.getGrid(location.gridId);
    if (!grid) throw new LocationNotFoundError(`No grid ${location.gridId}`, 'location.gridId');
    return grid;
  }
  if ('address' in location) {
    const gridId = await registry.findGridIdByAddress(location.address);
    const grid = gridId ? await registry.getGrid(gridId) : undefined;
    if (!grid) throw new LocationNotFoundError('No grid registers this address', 'location.address');
    return grid;
  }
  const grid = gridContaining(
    await registry.allGrids(),
    toWgs84([location.lng, location.lat], location.coordSystem),
  );
  if (!grid) throw new LocationNotFoundError('No grid covers this point', 'location');
  return grid;
}
