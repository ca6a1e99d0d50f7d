import { NoAssigneeError } from '#domain/errors.ts';
import { DEPARTMENT_RUNGS, type DepartmentDesk, nextUp } from '#domain/escalation.ts';
import { isTopLevel, isUnitLevel, type Level, TOP_LEVEL, unitIdAt } from '#domain/hierarchy.ts';
import type { Assignee, Issue } from '#domain/issue.ts';
import type { Person } from '#domain/registry.ts';
import { scopeKey } from '#domain/stats.ts';
import type { Deps } from './deps.ts';

function asAssignee(person: Person): Assignee {
  return { id: person.id, name: person.name, role: person.role };
}

/** Who takes the case, where: a level of the ladder, with the department's desk when a department takes it. */
export interface Picked {
  readonly assignee: Assignee;
  readonly level: Level;
  readonly department?: DepartmentDesk | undefined;
}

/**
 * Who takes the case at a level (or at a department's desk, where its handler on duty with the fewest open
 * cases signs for it, else its supervisor, else the district's supervision office): at the grid, the on-duty worker with the fewest open cases; above it, an
 * on-duty supervisor of the issue's unit. Where nobody is on duty, the case goes one level up; where nobody
 * is on duty on the whole ladder, it goes to the nearest registered person, who finds it on return while its
 * deadline keeps running. Only a ladder with nobody registered at all fails, with NoAssigneeError.
 */
export async function pickAssignee(
  deps: Pick<Deps, 'registry' | 'stats'>,
  issue: Issue,
  level: Level,
  assigneeId?: string,
  department?: DepartmentDesk,
): Promise<Picked> {
  if (assigneeId) {
    const person = await deps.registry.getPerson(assigneeId);
    if (person) return { assignee: asAssignee(person), level, ...(department ? { department } : {}) };
  }
  if (department) {
    const inDepartment = await pickInDepartment(deps, department);
    if (inDepartment) return { ...inDepartment, level };
    return pickAssignee(deps, issue, TOP_LEVEL);
  }
  const picked =
    (await nearestOnLadder(deps, issue, level, (person) => person.onDuty)) ??
    (await nearestOnLadder(deps, issue, level, () => true));
  if (!picked) throw new NoAssigneeError(issue.id);
  return picked;
}

async function nearestOnLadder(
  deps: Pick<Deps, 'registry' | 'stats'>,
  issue: Issue,
  level: Level,
  eligible: (person: Person) => boolean,
): Promise<{ assignee: Assignee; level: Level } | undefined> {
  const candidates = (await candidatesAt(deps, issue, level)).filter(eligible);
  if (candidates.length > 0) return { assignee: asAssignee(await leastLoaded(deps, candidates)), level };
  if (isTopLevel(level)) return undefined;
  return nearestOnLadder(deps, issue, nextUp(level), eligible);
}

/** The department's people from `desk`'s rung up: those on duty first, then anyone it registered. */
async function pickInDepartment(
  deps: Pick<Deps, 'registry' | 'stats'>,
  desk: DepartmentDesk,
): Promise<{ assignee: Assignee; department: DepartmentDesk } | undefined> {
  const department = await deps.registry.getDepartment(desk.id);
  if (!department) return undefined;
  const rungs = DEPARTMENT_RUNGS.slice(DEPARTMENT_RUNGS.indexOf(desk.rung));
  const staff = await Promise.all(
    rungs.map((rung) =>
      deps.registry.getPeople(rung === 'handler' ? department.handlerIds : department.supervisorIds),
    ),
  );
  for (const eligible of [(person: Person) => person.onDuty, () => true]) {
    for (const [index, rung] of rungs.entries()) {
      const candidates = (staff[index] ?? []).filter(eligible);
      if (candidates.length === 0) continue;
      const assignee = asAssignee(await leastLoaded(deps, candidates));
      return { assignee, department: { id: department.id, name: department.name, rung } };
    }
  }
  return undefined;
}

async function candidatesAt(deps: Pick<Deps, 'registry'>, issue: Issue, level: Level): Promise<Person[]> {
  const ids = isUnitLevel(level)
    ? ((await deps.registry.getUnit(unitIdAt(issue, level)))?.supervisorIds ?? [])
    : ((await deps.registry.getGrid(issue.gridId))?.workers.map((worker) => worker.id) ?? []);
  return deps.registry.getPeople(ids);
}

async function leastLoaded(deps: Pick<Deps, 'stats'>, people: Person[]): Promise<Person> {
  if (people.length === 1) return people[0] as Person;
  const counters = await deps.stats.read(people.map((person) => scopeKey('worker', person.id)));
  const load = (person: Person) => counters.get(scopeKey('worker', person.id))?.open ?? 0;
  return [...people].sort((a, b) => load(a) - load(b) || a.id.localeCompare(b.id))[0] as Person;
}
