import type { Grid } from '#domain/registry.ts';
import type { Deps } from './deps.ts';

export type GridSummary = Pick<Grid, 'id' | 'name' | 'communityId' | 'streetId' | 'workers' | 'addresses'> & {
  /** Residents know their community by name; a grid shown alone is ambiguous ("第1网格"). */
  readonly communityName: string;
};

/** One page of the grids a resident can pick, without their boundaries. */
export async function listGrids(
  deps: Pick<Deps, 'registry'>,
  limit: number,
  cursor?: string,
): Promise<{ items: GridSummary[]; next: string | null }> {
  const page = await deps.registry.listGrids(limit, cursor);
  const units = await deps.registry.getUnits(page.items.map((grid) => grid.communityId));
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  return {
    items: page.items.map(({ id, name, communityId, streetId, workers, addresses }) => ({
      id,
      name,
      communityId,
      communityName: names.get(communityId) ?? communityId,
      streetId,
      workers,
      addresses,
    })),
    next: page.next,
  };
}
