import { describe, expect, it } from 'vitest';
import { boundaryContains, boundaryToWgs84, gridContaining, toWgs84 } from '#domain/geo.ts';
import type { Boundary, Grid, Position, Ring } from '#domain/registry.ts';
import type { Registry } from '#ports';
import { resolveGrid } from '#use-cases/resolve-grid.ts';

function square(west: number, south: number, width: number, height = width): Ring {
  return [
    [west, south],
    [west + width, south],
    [west + width, south + height],
    [west, south + height],
    [west, south],
  ];
}

const polygon = (...rings: Ring[]): Boundary => ({ type: 'Polygon', coordinates: rings });

/** A U open to the north: the notch between the arms is outside. */
const U_SHAPE = polygon([
  [0, 0],
  [9, 0],
  [9, 9],
  [6, 9],
  [6, 3],
  [3, 3],
  [3, 9],
  [0, 9],
  [0, 0],
]);

/** Two parts: a square with a square hole in its middle, and an island to the east. */
const ISLANDS_WITH_A_HOLE: Boundary = {
  type: 'MultiPolygon',
  coordinates: [[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 5)]],
};

describe('boundaryContains', () => {
  it.each([
    [[5, 5], true],
    [[0.001, 0.001], true],
    [[9.999, 9.999], true],
    [[15, 5], false],
    [[5, -0.001], false],
  ] as [Position, boolean][])('on a square, finds %j inside: %s', (point, expected) => {
    // Act
    const inside = boundaryContains(polygon(square(0, 0, 10)), point);

    // Assess
    expect(inside).toBe(expected);
  });

  it.each([
    [[1.5, 6], true],
    [[7.5, 6], true],
    [[4.5, 1.5], true],
    [[4.5, 6], false],
    [[4.5, 8.9], false],
    [[10, 6], false],
  ] as [Position, boolean][])('on a concave U, finds %j inside: %s', (point, expected) => {
    // Act
    const inside = boundaryContains(U_SHAPE, point);

    // Assess
    expect(inside).toBe(expected);
  });

  it.each([
    ['the first part, beside its hole', [2, 2], true],
    ['the hole of the first part', [5, 5], false],
    ['the second part', [22, 2], true],
    ['the water between the parts', [15, 2], false],
  ] as [string, Position, boolean][])(
    'on a MultiPolygon with a hole, finds a point in %s inside: %s',
    (_, point, expected) => {
      // Act
      const inside = boundaryContains(ISLANDS_WITH_A_HOLE, point);

      // Assess
      expect(inside).toBe(expected);
    },
  );

  it('reads positions as [lng, lat]', () => {
    // Prepare
    const wide = polygon(square(0, 0, 20, 2));

    // Act
    const lngLat = boundaryContains(wide, [15, 1]);
    const swapped = boundaryContains(wide, [1, 15]);

    // Assess
    expect(lngLat).toBe(true);
    expect(swapped).toBe(false);
  });
});

describe('gridContaining', () => {
  const grids = [
    { id: 'g-west', boundary: polygon(square(116.3, 39.9, 0.01)) },
    { id: 'g-east', boundary: polygon(square(116.31, 39.9, 0.01)) },
    { id: 'g-ring', boundary: ISLANDS_WITH_A_HOLE },
    { id: 'g-enclave', boundary: polygon(square(4, 4, 2)) },
  ];

  it('finds the grid whose boundary holds the point', () => {
    // Act
    const west = gridContaining(grids, [116.305, 39.905]);
    const east = gridContaining(grids, [116.315, 39.905]);

    // Assess
    expect(west?.id).toBe('g-west');
    expect(east?.id).toBe('g-east');
  });

  it('finds no grid for a point outside every boundary', () => {
    // Act
    const grid = gridContaining(grids, [116.45, 39.9]);

    // Assess
    expect(grid).toBeUndefined();
  });

  it('still reads a boundary stored as a bare ring, closed or not, before boundaries were GeoJSON', () => {
    // Prepare
    const legacy = [
      { id: 'g-open', boundary: square(0, 0, 1).slice(0, 4) },
      { id: 'g-closed', boundary: square(2, 0, 1) },
      { id: 'g-empty', boundary: [] },
    ] as unknown as { id: string; boundary: Boundary }[];

    const points: Position[] = [
      [0.5, 0.5],
      [2.5, 0.5],
      [5, 5],
    ];

    // Act
    const found = points.map((point) => gridContaining(legacy, point)?.id);

    // Assess
    expect(found).toEqual(['g-open', 'g-closed', undefined]);
  });

  it("sends a point in one grid's hole to the grid that fills it", () => {
    // Act
    const inHole = gridContaining(grids, [5, 5]);
    const onIsland = gridContaining(grids, [22, 2]);

    // Assess
    expect(inHole?.id).toBe('g-enclave');
    expect(onIsland?.id).toBe('g-ring');
  });
});

describe('GCJ-02', () => {
  // Two demo-sized grids (about 400 m by 330 m) in Zhuzhou. GCJ-02 lies some 570 m east and 350 m south of WGS-84
  // here, so the GCJ-02 reading of a point in g-north falls in g-south-east unless it is converted.
  const grids = [
    { id: 'g-north', boundary: polygon(square(113.152, 27.83, 0.004, 0.003)) },
    { id: 'g-south-east', boundary: polygon(square(113.156, 27.827, 0.004, 0.003)) },
  ] as unknown as Grid[];
  const registry = { allGrids: async () => grids } as Pick<Registry, 'allGrids'> as Registry;
  // The WGS-84 point [113.154, 27.832] as a map drawn in GCJ-02 (Amap, Tencent) shows it.
  const ON_A_CHINESE_MAP = { lng: 113.159798, lat: 27.828827 };

  it('converts a point in China to WGS-84 within a metre', () => {
    // Act
    const [lng, lat] = toWgs84([ON_A_CHINESE_MAP.lng, ON_A_CHINESE_MAP.lat], 'gcj02');

    // Assess
    expect(lng).toBeCloseTo(113.154, 5);
    expect(lat).toBeCloseTo(27.832, 5);
  });

  it('leaves a point outside China as it is, where GCJ-02 is WGS-84', () => {
    // Act
    const paris = toWgs84([2.3522, 48.8566], 'gcj02');

    // Assess
    expect(paris).toEqual([2.3522, 48.8566]);
  });

  it('routes a point marked gcj02 to the grid it was drawn in', async () => {
    // Act
    const marked = await resolveGrid(registry, { ...ON_A_CHINESE_MAP, coordSystem: 'gcj02' });
    const unmarked = await resolveGrid(registry, ON_A_CHINESE_MAP);

    // Assess
    expect(marked.id).toBe('g-north');
    expect(unmarked.id).toBe('g-south-east');
  });

  it('converts every ring of a boundary, holes and parts included, and keeps its shape', () => {
    // Act
    const converted = boundaryToWgs84(ISLANDS_WITH_A_HOLE, 'gcj02');
    const shifted = boundaryToWgs84(polygon(square(113.158, 27.829, 0.004)), 'gcj02');

    // Assess
    expect(converted).toEqual(ISLANDS_WITH_A_HOLE);
    expect(shifted.type).toBe('Polygon');
    const [[first, , , , last] = []] = shifted.coordinates as Ring[][];
    expect(first).toEqual(last);
    expect(first?.[0]).toBeCloseTo(113.152, 2);
  });
});
