// The answer of GET /departments, apart from the other response schemas (./response-schemas.ts) to keep each
// file small; the route's handler ties its answer to it with `satisfies`.
import * as z from 'zod';
import { DEPARTMENT_KINDS } from '#domain/registry.ts';

export const departmentList = z.object({
  items: z.array(
    z.object({
      id: z.string().meta({ description: 'What a transfer names as `departmentId`' }),
      name: z.string(),
      kind: z.enum(DEPARTMENT_KINDS),
    }),
  ),
});

export type DepartmentListAnswer = z.output<typeof departmentList>;
