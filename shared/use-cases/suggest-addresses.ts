import type { AddressMatch } from '#domain/address-match.ts';
import { matchAddresses } from '#domain/address-match.ts';
import type { PlaceCandidate } from '#domain/errors.ts';
import type { Deps } from './deps.ts';

/** At most this many suggestions: a phone screen shows about ten lines. */
export const MAX_SUGGESTIONS = 10;

/** Matches named as a resident knows them: each grid with its community's name (never ids alone). */
export async function describeMatches(
  deps: Pick<Deps, 'registry'>,
  matches: readonly AddressMatch[],
): Promise<PlaceCandidate[]> {
  const units = await deps.registry.getUnits(matches.map((match) => match.grid.communityId));
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  return matches.map(({ address, grid }) => ({
    address,
    gridId: grid.id,
    gridName: grid.name,
    communityName: names.get(grid.communityId) ?? grid.communityId,
  }));
}

/**
 * Registered addresses that contain what the resident typed so far (community name optional, full- or
 * half-width digits alike), best first, from the grid list the registry adapter keeps warm.
 */
export async function suggestAddresses(
  deps: Pick<Deps, 'registry'>,
  typed: string,
): Promise<{ items: PlaceCandidate[]; more: boolean }> {
  const matches = matchAddresses(await deps.registry.allGrids(), typed);
  return {
    items: await describeMatches(deps, matches.slice(0, MAX_SUGGESTIONS)),
    more: matches.length > MAX_SUGGESTIONS,
  };
}
