import type { Grid } from '#domain/registry.ts';
import type { Deps } from './deps.ts';

export type GridSummary = Pick<Grid, 'id' | 'name' | 'communityId' | 'streetId' | 'workers' | 'addresses'>;

/** One page of the grids a resident can pick, without their boundaries. */
export async function listGrids(
  deps: Pick<Deps, 'registry'>,
  limit: number,
  cursor?: string,
): Promise<{ items: GridSummary[]; next: string | null }> {
  const page = await deps.registry.listGrids(limit, cursor);
  return {
    items: page.items.map(({ id, name, communityId, streetId, workers, addresses }) => ({
      id,
      name,
      communityId,
      streetId,
      workers,
      addresses,
    })),
    next: page.next,
  };
}
