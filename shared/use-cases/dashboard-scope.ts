import { OutsideUnitError, UnitNotFoundError } from '#domain/errors.ts';
import { gridPosition, type Level, levelsAbove, TOP_LEVEL, unitIdAt } from '#domain/hierarchy.ts';
import type { UnitScope } from '#domain/stats.ts';
import type { Registry } from '#ports';
import { topUnit } from './dashboard.ts';

/** The unit whose figures a supervisor may read: theirs and everything below it. */
export interface Viewer {
  readonly scope: UnitScope;
  readonly id: string;
  /** The signed-in person's registry id, when the token names one. */
  readonly personId?: string | undefined;
}

/** A unit of the ladder or a department, as a figures request names it. */
export interface UnitAsked {
  readonly scope: UnitScope;
  readonly id: string;
}

/**
 * A department's figures are its supervisor's (a handler's token names the department too) and the district's
 * it serves; no other department or ladder unit reads them.
 */
async function departmentInView(
  deps: { registry: Registry },
  viewer: Viewer | 'district',
  id: string,
): Promise<UnitAsked> {
  if (viewer !== 'district' && viewer.scope === 'department') {
    const person = viewer.personId ? await deps.registry.getPerson(viewer.personId) : undefined;
    const supervisor = person?.role === 'department_supervisor' && person.unitId === viewer.id;
    if (id !== viewer.id || !supervisor) throw new OutsideUnitError('department', id);
    return { scope: 'department', id };
  }
  const own = viewer === 'district' ? await topUnit(deps) : viewer;
  const department = await deps.registry.getDepartment(id);
  if (own.scope !== TOP_LEVEL) throw new OutsideUnitError('department', id);
  if (!department) throw new UnitNotFoundError('department', id);
  if (department.districtId !== own.id) throw new OutsideUnitError('department', id);
  return { scope: 'department', id };
}

/**
 * The unit to show: the one asked for if it lies within the viewer's unit (the viewer's own when none is
 * asked for). A unit nobody knows is left to the figures' own not-found answer; one outside is refused.
 */
export async function unitInView(
  deps: { registry: Registry },
  viewer: Viewer | 'district',
  asked?: UnitAsked,
): Promise<UnitAsked> {
  if (asked?.scope === 'department') return departmentInView(deps, viewer, asked.id);
  if (viewer !== 'district' && viewer.scope === 'department')
    return departmentInView(deps, viewer, asked?.id ?? viewer.id);
  const own = viewer === 'district' ? await topUnit(deps) : (viewer as { scope: Level; id: string });
  if (!asked) return { scope: own.scope, id: own.id };
  return ladderUnitInView(deps, own, asked as { scope: Level; id: string });
}

async function ladderUnitInView(
  deps: { registry: Registry },
  own: { scope: Level; id: string },
  asked: { scope: Level; id: string },
): Promise<UnitAsked> {
  if (levelsAbove(own.scope).includes(asked.scope)) throw new OutsideUnitError(asked.scope, asked.id);
  const grids = (await deps.registry.allGrids()).filter(
    (grid) => unitIdAt(gridPosition(grid), asked.scope) === asked.id,
  );
  if (grids.some((grid) => unitIdAt(gridPosition(grid), own.scope) !== own.id))
    throw new OutsideUnitError(asked.scope, asked.id);
  return asked;
}
