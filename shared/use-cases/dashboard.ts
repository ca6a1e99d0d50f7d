import { chinaDay } from '#domain/daily-stats.ts';
import { UnitNotFoundError } from '#domain/errors.ts';
import type { Level } from '#domain/hierarchy.ts';
import type { Issue } from '#domain/issue.ts';
import type { Grid } from '#domain/registry.ts';
import { type StatsView, scopeKey, statsView, zeroCounters } from '#domain/stats.ts';
import type { Clock, OpenCaseIndex, Registry, StatsStore } from '#ports';

export type UnitScope = Level;

export interface UnitRef {
  readonly scope: UnitScope;
  readonly id: string;
  readonly name: string;
}

export interface UnitFigures extends UnitRef {
  readonly stats: StatsView;
}

const CHILD: Record<UnitScope, UnitScope | undefined> = {
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: undefined,
};

const idAt = (grid: Grid, scope: UnitScope) =>
  ({ district: grid.districtId, street: grid.streetId, community: grid.communityId, grid: grid.id })[scope];

/** The grids a unit covers, from the registry's cached grid list (a query of the registry, not of the cases). */
async function gridsOf(deps: { registry: Registry }, scope: UnitScope, id: string): Promise<Grid[]> {
  const grids = (await deps.registry.allGrids()).filter((grid) => idAt(grid, scope) === id);
  if (grids.length === 0) throw new UnitNotFoundError(scope, id);
  return grids;
}

async function nameOf(deps: { registry: Registry }, scope: UnitScope, id: string, grids: readonly Grid[]) {
  if (scope === 'grid') return grids.find((grid) => grid.id === id)?.name ?? id;
  return (await deps.registry.getUnit(id))?.name ?? id;
}

/** The district every grid belongs to: the dashboard's starting point. */
export async function topUnit(deps: { registry: Registry }): Promise<{ scope: UnitScope; id: string }> {
  const first = (await deps.registry.allGrids())[0];
  if (!first) throw new UnitNotFoundError('district', '');
  return { scope: 'district', id: first.districtId };
}

/**
 * The figures of a unit and of each unit one level down, with the units above it for navigation. All
 * counters come from one batch read of the counter items behind /stats.
 */
export async function unitFigures(
  deps: { registry: Registry; stats: StatsStore },
  scope: UnitScope,
  id: string,
): Promise<{ unit: UnitFigures; parents: UnitRef[]; children: UnitFigures[] }> {
  const grids = await gridsOf(deps, scope, id);
  const childScope = CHILD[scope];
  const childIds = childScope ? [...new Set(grids.map((grid) => idAt(grid, childScope)))].sort() : [];
  const first = grids[0] as Grid;
  const parentScopes = (['district', 'street', 'community'] as const).slice(
    0,
    ['district', 'street', 'community', 'grid'].indexOf(scope),
  );
  const refs = async (refScope: UnitScope, ids: readonly string[]) =>
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
      parentScopes.map(async (parent) => (await refs(parent, [idAt(first, parent)]))[0] as UnitRef),
    ),
    childScope ? refs(childScope, childIds) : Promise.resolve([]),
  ]);
  const all = [unitRef as UnitRef, ...childRefs];
  const counters = await deps.stats.read(all.map((ref) => scopeKey(ref.scope, ref.id)));
  const withStats = (ref: UnitRef): UnitFigures => ({
    ...ref,
    stats: statsView(ref.scope, ref.id, counters.get(scopeKey(ref.scope, ref.id)) ?? zeroCounters()),
  });
  return { unit: withStats(unitRef as UnitRef), parents, children: childRefs.map(withStats) };
}

export interface WatchedCase {
  readonly id: string;
  readonly category: string;
  readonly gridId: string;
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

function watched(issue: Issue, now: string): WatchedCase | undefined {
  const task = issue.task?.status === 'open' ? issue.task : undefined;
  const overdue = issue.overdue || (task !== undefined && now >= task.deadline);
  const escalated = issue.level !== 'grid';
  if (!overdue && !escalated) return undefined;
  return {
    id: issue.id,
    category: issue.category,
    gridId: issue.gridId,
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
  const grids = await gridsOf(deps, scope, id);
  const now = deps.clock.now().toISOString();
  const found: WatchedCase[] = [];
  for (let start = 0; start < grids.length; start += PARALLEL_QUERIES) {
    const batch = grids.slice(start, start + PARALLEL_QUERIES);
    for (const issues of await Promise.all(batch.map((grid) => deps.openCases.openCases(grid.id)))) {
      for (const issue of issues) {
        const item = watched(issue, now);
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
