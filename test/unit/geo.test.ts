import { describe, expect, it } from 'vitest';
import { gridContaining, ringContains } from '#domain/geo.ts';
import type { Position } from '#domain/registry.ts';

const SQUARE: Position[] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];

/** A U open to the north: the notch between the arms is outside. */
const U_SHAPE: Position[] = [
  [0, 0],
  [9, 0],
  [9, 9],
  [6, 9],
  [6, 3],
  [3, 3],
  [3, 9],
  [0, 9],
  [0, 0],
];

function square(west: number, south: number, size: number): Position[] {
  return [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ];
}

describe('ringContains', () => {
  it.each([[[5, 5]], [[0.001, 0.001]], [[9.999, 9.999]]] as [Position][])(
    'finds %j inside the square',
    (point) => {
      // Act
      const inside = ringContains(SQUARE, point);

      // Assess
      expect(inside).toBe(true);
    },
  );

  it.each([[[15, 5]], [[-1, 5]], [[5, 11]], [[5, -0.001]], [[-5, -5]]] as [Position][])(
    'finds %j outside the square',
    (point) => {
      // Act
      const inside = ringContains(SQUARE, point);

      // Assess
      expect(inside).toBe(false);
    },
  );

  it.each([
    [[1.5, 6], true],
    [[7.5, 6], true],
    [[4.5, 1.5], true],
    [[4.5, 6], false],
    [[4.5, 8.9], false],
    [[10, 6], false],
  ] as [Position, boolean][])('on a concave U, finds %j inside: %s', (point, expected) => {
    // Act
    const inside = ringContains(U_SHAPE, point);

    // Assess
    expect(inside).toBe(expected);
  });

  it('reads positions as [lng, lat]', () => {
    // Prepare
    const wide: Position[] = [
      [0, 0],
      [20, 0],
      [20, 2],
      [0, 2],
      [0, 0],
    ];

    // Act
    const lngLat = ringContains(wide, [15, 1]);
    const swapped = ringContains(wide, [1, 15]);

    // Assess
    expect(lngLat).toBe(true);
    expect(swapped).toBe(false);
  });
});

describe('gridContaining', () => {
  const grids = [
    { id: 'g-west', boundary: square(116.3, 39.9, 0.01) },
    { id: 'g-east', boundary: square(116.31, 39.9, 0.01) },
    { id: 'g-empty', boundary: [] as Position[] },
    {
      id: 'g-line',
      boundary: [
        [116.4, 39.9],
        [116.5, 39.9],
      ] as Position[],
    },
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

  it('finds the arm of a concave grid but not its notch', () => {
    // Prepare
    const concave = [{ id: 'g-u', boundary: U_SHAPE }];

    // Act
    const arm = gridContaining(concave, [1.5, 6]);
    const notch = gridContaining(concave, [4.5, 6]);

    // Assess
    expect(arm?.id).toBe('g-u');
    expect(notch).toBeUndefined();
  });
});
