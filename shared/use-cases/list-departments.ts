import type { Department } from '#domain/registry.ts';
import type { Deps } from './deps.ts';

/** What anyone may know of a department: its id, name and kind; never its people. */
export type DepartmentSummary = Pick<Department, 'id' | 'name' | 'kind'>;

/** The functional departments a case can be transferred to, for the link page's transfer form. */
export async function listDepartments(deps: Pick<Deps, 'registry'>): Promise<{ items: DepartmentSummary[] }> {
  const departments = await deps.registry.listDepartments();
  return { items: departments.map(({ id, name, kind }) => ({ id, name, kind })) };
}
