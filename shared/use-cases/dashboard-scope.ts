import { LEVELS } from '#domain/hierarchy.ts';
import type { Registry } from '#ports';
import { topUnit, type UnitScope } from './dashboard.ts';

/** The unit whose figures a supervisor may read: theirs and everything below it. */
export interface Viewer {
  readonly scope: UnitScope;
  readonly id: string;
}

/** A supervisor asked for a unit outside their own part of the tree. */
export class OutsideUnitError extends Error {
  constructor(
    readonly scope: string,
    readonly id: string,
  ) {
    super(`The ${scope} ${id} is outside your unit.`);
    this.name = 'OutsideUnitError';
  }
}

const idAt = (
  grid: { id: string; communityId: string; streetId: string; districtId: string },
  scope: UnitScope,
) =>
  ({ district: grid.districtId, street: grid.streetId, community: grid.communityId, grid: grid.id })[scope];

/**
 * The unit to show: the one asked for if it lies within the viewer's unit (the viewer's own when none is
 * asked for). A unit nobody knows is left to the figures' own not-found answer; one outside is refused.
 */
export async function unitInView(
  deps: { registry: Registry },
  viewer: Viewer | 'district',
  asked?: { scope: UnitScope; id: string },
): Promise<{ scope: UnitScope; id: string }> {
  const own = viewer === 'district' ? await topUnit(deps) : viewer;
  if (!asked) return own;
  if (LEVELS.indexOf(asked.scope) > LEVELS.indexOf(own.scope))
    throw new OutsideUnitError(asked.scope, asked.id);
  const grids = (await deps.registry.allGrids()).filter((grid) => idAt(grid, asked.scope) === asked.id);
  if (grids.some((grid) => idAt(grid, own.scope) !== own.id))
    throw new OutsideUnitError(asked.scope, asked.id);
  return asked;
}
