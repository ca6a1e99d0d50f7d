import type { Person } from '#domain/registry.ts';
import type { Located } from './references.ts';
import { departmentSchema } from './schema.ts';

/**
 * A department row of the CSV format (its kind in `departmentKind`): like a grid's workers, its handlers and
 * supervisors are the file's people of those roles whose `unitId` is the department.
 */
export function csvDepartment(
  people: readonly Located<Person>[],
  row: Partial<Record<'id' | 'name' | 'departmentKind' | 'districtId', string>>,
) {
  const staff = (role: Person['role']) =>
    people
      .filter(({ record }) => record.role === role && record.unitId === row.id)
      .map(({ record }) => record.id);
  const value = {
    id: row.id,
    name: row.name,
    kind: row.departmentKind,
    districtId: row.districtId,
    handlerIds: staff('department_handler'),
    supervisorIds: staff('department_supervisor'),
  };
  return { value, result: departmentSchema.safeParse(value) };
}
