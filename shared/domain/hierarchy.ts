/** The escalation ladder, lowest first: the one definition every level list, schema and step derives from. */
export const LEVELS = ['grid', 'community', 'street', 'district'] as const;
export type Level = (typeof LEVELS)[number];

/** The bottom rung: a case starts at its grid. */
export const GRID_LEVEL = LEVELS[0];
/** The top rung: the district has nobody above it. */
export const TOP_LEVEL = LEVELS[LEVELS.length - 1] as 'district';

/** A level above the grid: an administrative unit (社区, 街道, 区) with supervisors. */
export type UnitLevel = Exclude<Level, typeof GRID_LEVEL>;
export const UNIT_LEVELS = LEVELS.slice(1) as [UnitLevel, ...UnitLevel[]];

/** The levels from the top down (district first), as the dashboard lists them. */
export const LEVELS_TOP_DOWN = [...LEVELS].reverse() as [Level, ...Level[]];

/** The level one rung up, or `undefined` at the top. */
export function levelAbove(level: Level): Level | undefined {
  return LEVELS[LEVELS.indexOf(level) + 1];
}

/** The level one rung down, or `undefined` at the grid. */
export function levelBelow(level: Level): Level | undefined {
  const index = LEVELS.indexOf(level);
  return index > 0 ? LEVELS[index - 1] : undefined;
}

/** The levels above `level`, top first: the way up from a unit, for navigation. */
export function levelsAbove(level: Level): Level[] {
  return LEVELS_TOP_DOWN.slice(0, LEVELS_TOP_DOWN.indexOf(level));
}

/** Whether nobody sits above this level. */
export function isTopLevel(level: Level): boolean {
  return level === TOP_LEVEL;
}

/** Whether a level is an administrative unit rather than the grid. */
export function isUnitLevel(level: Level): level is UnitLevel {
  return level !== GRID_LEVEL;
}

/** Where a grid or a case sits on the ladder: the id of its unit at each level (`gridId`, …, `districtId`). */
export type LadderPosition = { readonly [L in Level as `${L}Id`]: string };

/** The id of the unit at `level` that a position lies in. */
export function unitIdAt(position: LadderPosition, level: Level): string {
  return position[`${level}Id`];
}

/** A grid's own position on the ladder (a grid names itself `id`, a case names its grid `gridId`). */
export function gridPosition(grid: Omit<LadderPosition, 'gridId'> & { readonly id: string }): LadderPosition {
  return {
    gridId: grid.id,
    communityId: grid.communityId,
    streetId: grid.streetId,
    districtId: grid.districtId,
  };
}
