import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import type { DepartmentListAnswer } from '#http/department-schemas.ts';
import { jsonResponse } from '#http/responses.ts';
import { listDepartments } from '#use-cases/list-departments.ts';

const deps = await createDeps({ registry });

/** GET /departments: the functional departments a case can be transferred to, by public name. */
export const handler = apiHandler(async () =>
  jsonResponse(200, (await listDepartments(deps)) satisfies DepartmentListAnswer, {
    'cache-control': 'public, max-age=300',
  }),
);
