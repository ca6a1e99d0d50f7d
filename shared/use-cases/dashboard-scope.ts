import { OutsideUnitError } from '#domain/errors.ts';
import { gridPosition, type Level, levelsAbove, unitIdAt } from '#domain/hierarchy.ts';
import type { Registry } from '#ports';
import { topUnit } from './dashboard.ts';

/** The unit whose figures a supervisor may read: theirs and everything below it. */
export interface Viewer {
  readonly scope: Level;
  readonly id: string;
}

/**
 * The unit to show: the one asked for if it lies within the viewer's unit (the viewer's own when none is
 * asked for). A unit nobody knows is left to the figures' own not-found answer; one outside is refused.
 */
export async function unitInView(
  deps: { registry: Registry },
  viewer: Viewer | 'district',
  asked?: { scope: Level; id: string },
): Promise<{ scope: Level; id: string }> {
  const own = viewer === 'district' ? await topUnit(deps) : viewer;
  if (!asked) return own;
  if (levelsAbove(own.scope).includes(asked.scope)) throw new OutsideUnitError(asked.scope, asked.id);
  const grids = (await deps.registry.allGrids()).filter(
    (grid) => unitIdAt(gridPosition(grid), asked.scope) === asked.id,
  );
  if (grids.some((grid) => unitIdAt(gridPosition(grid), own.scope) !== own.id))
    throw new OutsideUnitError(asked.scope, asked.id);
  return asked;
}
