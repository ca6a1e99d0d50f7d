import { UnitNotFoundError } from '#domain/errors.ts';
import { isEscalated } from '#domain/escalation.ts';
import {
  GRID_LEVEL,
  gridPosition,
  type Level,
  levelBelow,
  levelsAbove,
  TOP_LEVEL,
  unitIdAt,
} from '#domain/hierarchy.ts';
import type { Issue } from '#domain/issue.ts';
import type { Grid } from '#domain/registry.ts';
import { type StatsView, scopeKey, statsView, type UnitScope, zeroCounters } from '#domain/stats.ts';
import { chinaDay } from '#domain/working-time.ts';
import type { Clock, OpenCaseIndex, Registry, StatsStore } from '#ports';

/** A unit of the tree (or a department) with the name people read. */
export interface NamedUnit {
  readonly scope: UnitScope;
  readonly id: string;
  readonly name: string;
}

export interface UnitFigures extends NamedUnit {
  readonly stats: StatsView;
}

const idAt = (grid: Grid, scope: Level) => unitIdAt(gridPosition(grid), scope);

/** The grids a unit covers, from the registry's cached grid list (a query of the registry, not of the cases). */
async function gridsOf(deps: { registry: Registry }, scope: Level, id: string): Promise<Grid[]> {
  const grids = (await deps.registry.allGrids()).filter((grid) => idAt(grid, scope) === id);
  if (grids.length === 0) throw new UnitNotFoundError(scope, id);
  return grids;
}

async function nameOf(deps: { registry: Registry }, scope: Level, id: string, grids: readonly Grid[]) {
  if (scope === GRID_LEVEL) return grids.find((grid) => grid.id === id)?.name ?? id;
  return (await deps.registry.getUnit(id))?.name ?? id;
}

/** The district every grid belongs to: the dashboard's starting point. */
export async function topUnit(deps: { registry: Registry }): Promise<{ scope: Level; id: string }> {
  const first = (await deps.registry.allGrids())[0];
  if (!first) throw new UnitNotFoundError(TOP_LEVEL, '');
  return { scope: TOP_LEVEL, id: idAt(first, TOP_LEVEL) };
}

/**
 * The figures of a unit and of each unit one level down, with the units above it for navigation. All
 * counters come from one batch read of the counter items behind /stats.
 */
export async function unitFigures(
  deps: { registry: Registry; stats: StatsStore },
  scope: UnitScope,
  id: string,
): Promise<{ unit: UnitFigures; parents: NamedUnit[]; children: UnitFigures[] }> {
  if (scope === 'department') return departmentFigures(deps, id);
  const grids = await gridsOf(deps, scope, id);
  const childScope = levelBelow(scope);
  const childIds = childScope ? [...new Set(grids.map((grid) => idAt(grid, childScope)))].sort() : [];
  const first = grids[0] as Grid;
  const parentScopes = levelsAbove(scope);
  const refs = async (refScope: Level, ids: readonly string[]) =>
    Promise.all(
      ids.map(async (refId) => ({
        scope: refScope,
        id: refId,
        name: await nameOf(deps, refScope, refId, grids),
      })),
    );
  const [[unitRef], parents, childRefs] = await Promise.all([
    refs(scope, [id]),
    Promise.all(
      parentScopes.map(async (parent) => (await refs(parent, [idAt(first, parent)]))[0] as NamedUnit),
    ),
    childScope ? refs(childScope, childIds) : Promise.resolve([]),
  ]);
  const all = [unitRef as NamedUnit, ...childRefs];
  const counters = await deps.stats.read(all.map((ref) => scopeKey(ref.scope, ref.id)));
  const withStats = (ref: NamedUnit): UnitFigures => ({
    ...ref,
    stats: statsView(ref.scope, ref.id, counters.get(scopeKey(ref.scope, ref.id)) ?? zeroCounters()),
  });
  return { unit: withStats(unitRef as NamedUnit), parents, children: childRefs.map(withStats) };
}

/** A department's figures: it stands beside the ladder, with no unit above or below it in the figures. */
async function departmentFigures(
  deps: { registry: Registry; stats: StatsStore },
  id: string,
): Promise<{ unit: UnitFigures; parents: NamedUnit[]; children: UnitFigures[] }> {
  const department = await deps.registry.getDepartment(id);
  if (!department) throw new UnitNotFoundError('department', id);
  const key = scopeKey('department', id);
  const counters = (await deps.stats.read([key])).get(key) ?? zeroCounters();
  const unit = { scope: 'department' as const, id, name: department.name };
  return { unit: { ...unit, stats: statsView('department', id, counters) }, parents: [], children: [] };
}

export interface WatchedCase {
  readonly id: string;
  readonly caseNumber: string | null;
  readonly category: string;
  readonly gridId: string;
  readonly gridName: string;
  readonly level: Level;
  readonly status: string;
  readonly assignee: { readonly id: string; readonly name: string } | null;
  readonly deadline: string | null;
  readonly overdue: boolean;
  readonly escalated: boolean;
  readonly createdAt: string;
}

const MAX_WATCHED = 200;
const PARALLEL_QUERIES = 16;

function watched(issue: Issue, now: string, gridName: string): WatchedCase | undefined {
  const task = issue.task?.status === 'open' ? issue.task : undefined;
  const overdue = issue.overdue || (task !== undefined && now >= task.deadline);
  const escalated = isEscalated(issue.level);
  if (!overdue && !escalated) return undefined;
  return {
    id: issue.id,
    caseNumber: issue.caseNumber ?? null,
    category: issue.category,
    gridId: issue.gridId,
    gridName,
    level: issue.level,
    status: issue.status,
    assignee: task ? { id: task.assignee.id, name: task.assignee.name } : null,
    deadline: task?.deadline ?? null,
    overdue,
    escalated,
    createdAt: issue.createdAt,
  };
}

/**
 * The open cases of a unit that passed a deadline or climbed above the grid (督办), most urgent first. One
 * index query per grid of the unit, a few at a time; closed cases are never read.
 */
export async function watchList(
  deps: { registry: Registry; openCases: OpenCaseIndex; clock: Clock },
  scope: UnitScope,
  id: string,
): Promise<{ items: WatchedCase[]; truncated: boolean }> {
  // The open-case index is kept per grid; a department's own list is the workbench's, not the figures'.
  if (scope === 'department') return { items: [], truncated: false };
  const grids = await gridsOf(deps, scope, id);
  const now = deps.clock.now().toISOString();
  const found: WatchedCase[] = [];
  for (let start = 0; start < grids.length; start += PARALLEL_QUERIES) {
    const batch = grids.slice(start, start + PARALLEL_QUERIES);
    const lists = await Promise.all(batch.map((grid) => deps.openCases.openCases(grid.id)));
    for (const [index, issues] of lists.entries()) {
      for (const issue of issues) {
        const item = watched(issue, now, batch[index]?.name ?? issue.gridId);
        if (item) found.push(item);
      }
    }
  }
  found.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.deadline ?? '\uffff').localeCompare(b.deadline ?? '\uffff') ||
      a.createdAt.localeCompare(b.createdAt),
  );
  return { items: found.slice(0, MAX_WATCHED), truncated: found.length > MAX_WATCHED };
}

/** Received and closed per day (China Standard Time) over the last `days` days, today last, zeros filled in. */
export async function dailySeries(
  deps: { stats: StatsStore; clock: Clock },
  scope: UnitScope,
  id: string,
  days: number,
): Promise<{ day: string; received: number; closed: number }[]> {
  const today = deps.clock.now().getTime();
  const dayList = Array.from({ length: days }, (_, i) =>
    chinaDay(new Date(today - (days - 1 - i) * 86_400_000)),
  );
  const stored = await deps.stats.readDaily(
    scopeKey(scope, id),
    dayList[0] as string,
    dayList.at(-1) as string,
  );
  return dayList.map((day) => ({
    day,
    received: stored.get(day)?.received ?? 0,
    closed: stored.get(day)?.closed ?? 0,
  }));
}
