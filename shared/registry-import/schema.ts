// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { UNIT_LEVELS } from '#domain/hierarchy.ts';
import { PERSON_ROLES } from '#domain/registry.ts';

/** Ids appear in keys and links: letters, digits, '.', '_' and '-'. */
const id = z.string().regex(/^[\w.-]{1,64}$/, 'Expected an id of letters, digits, ".", "_" or "-"');
const name = z.string().trim().min(1).max(100);

export const unitSchema = z.strictObject({
  id,
  level: z.enum(UNIT_LEVELS),
  name,
  parentId: id.nullable(),
  supervisorIds: z.array(id),
});

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const gridSchema = z.strictObject({
  id,
  name,
  communityId: id,
  streetId: id,
  districtId: id,
  workers: z.array(z.strictObject({ id, name })),
  addresses: z.array(z.string().trim().min(1).max(200)),
  boundary: z.array(position).min(3, 'Expected a boundary of at least 3 positions [lng, lat]'),
});

export const personSchema = z.strictObject({
  id,
  name,
  role: z.enum(PERSON_ROLES),
  unitId: id,
  onDuty: z.boolean(),
  phone: z
    .string()
    .regex(/^\+?[\d\s()-]{7,20}$/, 'Expected a phone number such as +8613800138000')
    .optional(),
  email: z.email().optional(),
});

/** One problem in an import file, at the line its record starts on. */
export interface ImportProblem {
  readonly line: number | undefined;
  readonly message: string;
}

/** Turns zod's issues about one record into problems at that record's line. */
export function problemsOf(error: z.ZodError, line: number | undefined, what: string): ImportProblem[] {
  return error.issues.map((issue) => ({
    line,
    message: `${what}${issue.path.length > 0 ? ` ${issue.path.join('.')}` : ''}: ${issue.message}`,
  }));
}
