import type { Grid, Position } from './registry.ts';

/** Whether a point lies inside a polygon ring (ray casting; points on an edge may fall either side). */
export function ringContains(ring: readonly Position[], [lng, lat]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    const crosses = yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi;
    if (crosses) inside = !inside;
  }
  return inside;
}

/** The first grid whose boundary contains the point, if any. */
export function gridContaining<G extends Pick<Grid, 'boundary'>>(
  grids: readonly G[],
  point: Position,
): G | undefined {
  return grids.find((grid) => grid.boundary.length >= 3 && ringContains(grid.boundary, point));
}
