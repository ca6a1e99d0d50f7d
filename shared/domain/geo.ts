import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import gcoordModule from 'gcoord';
import type { Boundary, CoordSystem, Position, Ring } from './registry.ts';

// gcoord's types declare an ES default export, but its CommonJS entry sets module.exports, and that object is what
// both Node's default import and esbuild's bundle (its ES build) give.
const gcoord = gcoordModule as unknown as typeof gcoordModule.default;

/** The position in WGS-84, from the coordinate system it was drawn in (outside China GCJ-02 is WGS-84). */
export function toWgs84(position: Position, from: CoordSystem = 'wgs84'): Position {
  if (from === 'wgs84') return position;
  const [lng, lat] = gcoord.transform([position[0], position[1]], gcoord.GCJ02, gcoord.WGS84);
  // Six decimals are 0.1 m: enough for a grid, and what a registry file would have written.
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return [round(lng), round(lat)];
}

/** The boundary in WGS-84, every position converted from the coordinate system it was drawn in. */
export function boundaryToWgs84(boundary: Boundary, from: CoordSystem = 'wgs84'): Boundary {
  if (from === 'wgs84') return boundary;
  const ring = (positions: Ring) => positions.map((position) => toWgs84(position, from));
  return boundary.type === 'Polygon'
    ? { type: 'Polygon', coordinates: boundary.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: boundary.coordinates.map((polygon) => polygon.map(ring)) };
}

// Registries imported before boundaries were GeoJSON hold a bare ring, not always closed: read it as a Polygon, so
// their grids keep receiving reports until the registry file is imported again.
function geometryOf(boundary: Boundary | Ring): Boundary | undefined {
  if (!Array.isArray(boundary)) return boundary as Boundary;
  const [first, last] = [boundary[0], boundary.at(-1)];
  if (!first || !last || boundary.length < 3) return undefined;
  const closed = first[0] === last[0] && first[1] === last[1];
  return { type: 'Polygon', coordinates: [closed ? boundary : [...boundary, first]] };
}

/** Whether the boundary holds the WGS-84 point: inside an outer ring and not in its holes; an edge counts as in. */
export function boundaryContains(boundary: Boundary, point: Position): boolean {
  const geometry = geometryOf(boundary);
  if (!geometry) return false;
  // turf takes mutable GeoJSON types; it reads the arrays and never writes them.
  return booleanPointInPolygon(
    [point[0], point[1]],
    geometry as unknown as Parameters<typeof booleanPointInPolygon>[1],
  );
}

/** The first grid whose boundary holds the WGS-84 point, if any. */
export function gridContaining<G extends { readonly boundary: Boundary }>(
  grids: readonly G[],
  point: Position,
): G | undefined {
  return grids.find((grid) => boundaryContains(grid.boundary, point));
}
