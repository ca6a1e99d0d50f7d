import type { Grid, Person, Unit } from '#domain/registry.ts';
import type { ImportProblem } from './schema.ts';

/** A record and the line it came from. */
export interface Located<T> {
  readonly line: number | undefined;
  readonly record: T;
}

const PARENT_LEVEL = { community: 'street', street: 'district', district: null } as const;
const UNIT_OF_ROLE = {
  community_supervisor: 'community',
  street_supervisor: 'street',
  district_supervisor: 'district',
} as const;

/**
 * Checks that the file is a whole, consistent registry: unique ids, the ladder grid → community → street →
 * district unbroken, and every worker and supervisor named where they serve.
 */
export function checkReferences(file: {
  units: readonly Located<Unit>[];
  grids: readonly Located<Grid>[];
  people: readonly Located<Person>[];
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
  const unitOf = (id: string | null, level: string) => {
    const unit = id === null ? undefined : units.get(id);
    return unit?.level === level ? unit : undefined;
  };

  for (const { line, record: unit } of file.units) {
    const parentLevel = PARENT_LEVEL[unit.level];
    if (parentLevel === null && unit.parentId !== null) {
      problems.push({ line, message: `unit ${unit.id}: a district has no parent` });
    }
    const parentRejected = unit.parentId !== null && file.rejected.has(unit.parentId);
    if (parentLevel !== null && !parentRejected && !unitOf(unit.parentId, parentLevel)) {
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
    if (file.rejected.has(grid.communityId)) continue;
    const community = unitOf(grid.communityId, 'community');
    if (!community)
      problems.push({ line, message: `grid ${grid.id}: ${grid.communityId} is not a community` });
    else if (community.parentId !== grid.streetId) {
      problems.push({
        line,
        message: `grid ${grid.id}: community ${community.id} is not in ${grid.streetId}`,
      });
    } else if (units.get(grid.streetId)?.parentId !== grid.districtId) {
      problems.push({
        line,
        message: `grid ${grid.id}: street ${grid.streetId} is not in ${grid.districtId}`,
      });
    }
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
    const where =
      person.role === 'grid_worker'
        ? grids.has(person.unitId)
        : Boolean(unitOf(person.unitId, UNIT_OF_ROLE[person.role]));
    if (!where)
      problems.push({
        line,
        message: `person ${person.id}: unit ${person.unitId} does not fit ${person.role}`,
      });
  }
  return problems;
}
