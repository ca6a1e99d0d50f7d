import {
  GRID_LEVEL,
  gridPosition,
  isUnitLevel,
  type LadderPosition,
  type Level,
  levelAbove,
  unitIdAt,
} from '#domain/hierarchy.ts';
import {
  type Department,
  type Grid,
  isDepartmentRole,
  levelOfRole,
  type Person,
  type Unit,
} from '#domain/registry.ts';
import type { ImportProblem } from './schema.ts';

/** A record and the line it came from. */
export interface Located<T> {
  readonly line: number | undefined;
  readonly record: T;
}

/**
 * Checks that the file is a whole, consistent registry: unique ids, the ladder grid → community → street →
 * district unbroken, and every worker and supervisor named where they serve.
 */
export function checkReferences(file: {
  units: readonly Located<Unit>[];
  grids: readonly Located<Grid>[];
  people: readonly Located<Person>[];
  departments?: readonly Located<Department>[];
  /** Ids of records already reported as malformed: references to them are not reported again. */
  rejected: ReadonlySet<string>;
}): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const units = new Map(file.units.map(({ record }) => [record.id, record]));
  const grids = new Map(file.grids.map(({ record }) => [record.id, record]));
  const people = new Map(file.people.map(({ record }) => [record.id, record]));
  const duplicates = (kind: string, list: readonly Located<{ id: string }>[]) => {
    const seen = new Set<string>();
    for (const { line, record } of list) {
      if (seen.has(record.id)) problems.push({ line, message: `${kind} ${record.id} appears twice` });
      seen.add(record.id);
    }
  };
  duplicates('unit', file.units);
  duplicates('grid', file.grids);
  duplicates('person', file.people);
  const departments = file.departments ?? [];
  duplicates('department', departments);
  problems.push(...departmentProblems(departments, units, people, file.rejected));
  const departmentIds = new Set(departments.map(({ record }) => record.id));
  const unitOf = (id: string | null, level: Level) => {
    const unit = id === null ? undefined : units.get(id);
    return unit?.level === level ? unit : undefined;
  };

  for (const { line, record: unit } of file.units) {
    const parentLevel = levelAbove(unit.level);
    if (parentLevel === undefined && unit.parentId !== null) {
      problems.push({ line, message: `unit ${unit.id}: a ${unit.level} has no parent` });
    }
    const parentRejected = unit.parentId !== null && file.rejected.has(unit.parentId);
    if (parentLevel !== undefined && !parentRejected && !unitOf(unit.parentId, parentLevel)) {
      problems.push({
        line,
        message: `unit ${unit.id}: parent ${unit.parentId} is not a ${parentLevel} here`,
      });
    }
    for (const id of unit.supervisorIds) {
      if (!people.has(id) && !file.rejected.has(id))
        problems.push({ line, message: `unit ${unit.id}: supervisor ${id} is not listed` });
    }
  }
  for (const { line, record: grid } of file.grids) {
    const problem = ladderProblem(gridPosition(grid), unitOf, file.rejected);
    if (problem) problems.push({ line, message: `grid ${grid.id}: ${problem}` });
    for (const worker of grid.workers) {
      const person = people.get(worker.id);
      if (file.rejected.has(worker.id)) continue;
      if (person?.role !== 'grid_worker' || person.unitId !== grid.id) {
        problems.push({ line, message: `grid ${grid.id}: ${worker.id} is not a grid worker of this grid` });
      }
    }
  }
  for (const { line, record: person } of file.people) {
    if (file.rejected.has(person.unitId)) continue;
    if (isDepartmentRole(person.role)) {
      if (!departmentIds.has(person.unitId))
        problems.push({ line, message: `person ${person.id}: ${person.unitId} is not a department here` });
      continue;
    }
    const level = levelOfRole(person.role);
    const where = isUnitLevel(level) ? Boolean(unitOf(person.unitId, level)) : grids.has(person.unitId);
    if (!where)
      problems.push({
        line,
        message: `person ${person.id}: unit ${person.unitId} does not fit ${person.role}`,
      });
  }
  return problems;
}

/**
 * A department must serve a district of the file, and its handlers and supervisors be people of that
 * department in the matching role.
 */
function departmentProblems(
  departments: readonly Located<Department>[],
  units: ReadonlyMap<string, Unit>,
  people: ReadonlyMap<string, Person>,
  rejected: ReadonlySet<string>,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const { line, record } of departments) {
    const district = units.get(record.districtId);
    if (district?.level !== 'district' && !rejected.has(record.districtId)) {
      problems.push({ line, message: `department ${record.id}: ${record.districtId} is not a district` });
    }
    const staff = [
      ...record.handlerIds.map((id) => [id, 'department_handler'] as const),
      ...record.supervisorIds.map((id) => [id, 'department_supervisor'] as const),
    ];
    for (const [id, role] of staff) {
      const person = people.get(id);
      if (rejected.has(id) || (person?.role === role && person.unitId === record.id)) continue;
      problems.push({ line, message: `department ${record.id}: ${id} is not a ${role} of this department` });
    }
  }
  return problems;
}

/**
 * The first break in a grid's way up the ladder: each unit it names must be of its level and sit in the unit
 * the grid names one level up. A unit already reported as malformed ends the check.
 */
function ladderProblem(
  position: LadderPosition,
  unitOf: (id: string, level: Level) => Unit | undefined,
  rejected: ReadonlySet<string>,
): string | undefined {
  for (let level = levelAbove(GRID_LEVEL); level; level = levelAbove(level)) {
    const id = unitIdAt(position, level);
    if (rejected.has(id)) return undefined;
    const unit = unitOf(id, level);
    if (!unit) return `${id} is not a ${level}`;
    const parentLevel = levelAbove(level);
    const parentId = parentLevel && unitIdAt(position, parentLevel);
    if (parentId && unit.parentId !== parentId) return `${level} ${id} is not in ${parentId}`;
  }
  return undefined;
}
