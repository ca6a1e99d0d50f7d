import { gridOfAddress } from '#domain/address-match.ts';
import { AmbiguousAddressError, LocationNotFoundError } from '#domain/errors.ts';
import { gridContaining, toWgs84 } from '#domain/geo.ts';
import type { Location } from '#domain/issue.ts';
import type { Grid } from '#domain/registry.ts';
import type { Registry } from '#ports';
import { describeMatches, MAX_SUGGESTIONS } from './suggest-addresses.ts';

/** The grid of a typed address: registered exactly, or matching registered addresses of one grid only. */
async function gridByAddress(registry: Registry, address: string): Promise<Grid> {
  const gridId = await registry.findGridIdByAddress(address);
  const exact = gridId ? await registry.getGrid(gridId) : undefined;
  if (exact) return exact;
  const found = gridOfAddress(await registry.allGrids(), address);
  if (!found) throw new LocationNotFoundError('No grid registers this address', 'location.address');
  if ('grid' in found) return found.grid;
  throw new AmbiguousAddressError(
    await describeMatches({ registry }, found.candidates.slice(0, MAX_SUGGESTIONS)),
  );
}

/**
 * The grid a report belongs to: named directly, by a registered address (forgiving: see `gridOfAddress`), or
 * by the boundary around a point (converted to WGS-84 first when the resident's map drew it in GCJ-02).
 */
export async function resolveGrid(registry: Registry, location: Location): Promise<Grid> {
  if ('gridId' in location) {
    const grid = await registry.getGrid(location.gridId);
    if (!grid) throw new LocationNotFoundError(`No grid ${location.gridId}`, 'location.gridId');
    return grid;
  }
  if ('address' in location) return gridByAddress(registry, location.address);
  const grid = gridContaining(
    await registry.allGrids(),
    toWgs84([location.lng, location.lat], location.coordSystem),
  );
  if (!grid) throw new LocationNotFoundError('No grid covers this point', 'location');
  return grid;
}
