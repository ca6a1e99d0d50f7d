import { nextUp } from '#domain/escalation.ts';
import { isTopLevel, isUnitLevel, type Level, unitIdAt } from '#domain/hierarchy.ts';
import type { Assignee, Issue } from '#domain/issue.ts';
import type { Person } from '#domain/registry.ts';
import { scopeKey } from '#domain/stats.ts';
import type { Deps } from './deps.ts';

function asAssignee(person: Person): Assignee {
  return { id: person.id, name: person.name, role: person.role };
}

/**
 * Who takes the case at a level: at the grid, the on-duty worker with the fewest open cases; above it, an
 * on-duty supervisor of the issue's unit. Where nobody is there, the case goes one level up.
 */
export async function pickAssignee(
  deps: Pick<Deps, 'registry' | 'stats'>,
  issue: Issue,
  level: Level,
  assigneeId?: string,
): Promise<{ assignee: Assignee; level: Level }> {
  if (assigneeId) {
    const person = await deps.registry.getPerson(assigneeId);
    if (person) return { assignee: asAssignee(person), level };
  }
  const candidates = await candidatesAt(deps, issue, level);
  if (candidates.length > 0) return { assignee: asAssignee(await leastLoaded(deps, candidates)), level };
  if (isTopLevel(level)) throw new Error(`Nobody at the district of ${issue.id} can take the case`);
  return pickAssignee(deps, issue, nextUp(level));
}

async function candidatesAt(deps: Pick<Deps, 'registry'>, issue: Issue, level: Level): Promise<Person[]> {
  const ids = isUnitLevel(level)
    ? ((await deps.registry.getUnit(unitIdAt(issue, level)))?.supervisorIds ?? [])
    : ((await deps.registry.getGrid(issue.gridId))?.workers.map((worker) => worker.id) ?? []);
  const people = await deps.registry.getPeople(ids);
  return people.filter((person) => person.onDuty);
}

async function leastLoaded(deps: Pick<Deps, 'stats'>, people: Person[]): Promise<Person> {
  if (people.length === 1) return people[0] as Person;
  const counters = await deps.stats.read(people.map((person) => scopeKey('worker', person.id)));
  const load = (person: Person) => counters.get(scopeKey('worker', person.id))?.open ?? 0;
  return [...people].sort((a, b) => load(a) - load(b) || a.id.localeCompare(b.id))[0] as Person;
}
