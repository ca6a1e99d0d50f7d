import { NoAssigneeError } from '#domain/errors.ts';
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
 * on-duty supervisor of the issue's unit. Where nobody is on duty, the case goes one level up; where nobody
 * is on duty on the whole ladder, it goes to the nearest registered person, who finds it on return while its
 * deadline keeps running. Only a ladder with nobody registered at all fails, with NoAssigneeError.
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
