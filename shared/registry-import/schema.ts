// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { boundaryToWgs84 } from '#domain/geo.ts';
import { UNIT_LEVELS } from '#domain/hierarchy.ts';
import { COORD_SYSTEMS, DEPARTMENT_KINDS, PERSON_ROLES } from '#domain/registry.ts';

/** Ids appear in keys and links: letters, digits, '.', '_' and '-'. */
const id = z.string().regex(/^[\w.-]{1,64}$/, 'Expected an id of letters, digits, ".", "_" or "-"');
const name = z.string().trim().min(1).max(100);

export const unitSchema = z.strictObject({
  id,
  level: z.enum(UNIT_LEVELS),
  name,
  parentId: id.nullable(),
  supervisorIds: z.array(id),
  /** A district's case-number prefix, read out on the phone: 1 to 6 Latin letters. */
  code: z
    .string()
    .regex(/^[A-Za-z]{1,6}$/, 'Expected 1 to 6 Latin letters, such as LS')
    .transform((code) => code.toUpperCase())
    .optional(),
});

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** A GeoJSON linear ring: at least four positions, the last repeating the first (RFC 7946 §3.1.6). */
const ring = z
  .array(position)
  .min(4, 'Expected a ring of at least 4 positions [lng, lat], the last repeating the first')
  .refine(
    (positions) => positions[0]?.[0] === positions.at(-1)?.[0] && positions[0]?.[1] === positions.at(-1)?.[1],
    'Expected a closed ring: the last position repeats the first',
  );
const polygon = z.array(ring).min(1, 'Expected an outer ring, then any holes');

/** A grid's boundary as a GeoJSON geometry; the winding order is not checked (RFC 7946 lets parsers ignore it). */
export const boundarySchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('Polygon'), coordinates: polygon }),
    z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
  ],
  { error: 'Expected a GeoJSON geometry of type Polygon or MultiPolygon' },
);

/** A grid as a registry file gives it: its boundary in `coordSystem` (WGS-84 if absent), stored in WGS-84. */
export const gridSchema = z
  .strictObject({
    id,
    name,
    communityId: id,
    streetId: id,
    districtId: id,
    workers: z.array(z.strictObject({ id, name })),
    addresses: z.array(z.string().trim().min(1).max(200)),
    boundary: boundarySchema,
    coordSystem: z.enum(COORD_SYSTEMS).optional(),
  })
  .transform(({ coordSystem, ...grid }) => ({
    ...grid,
    boundary: boundaryToWgs84(grid.boundary, coordSystem),
  }));

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

/** A functional department: its handlers and supervisors are people of its own (their `unitId` is its id). */
export const departmentSchema = z.strictObject({
  id,
  name,
  kind: z.enum(DEPARTMENT_KINDS),
  districtId: id,
  handlerIds: z.array(id).min(1, 'Expected at least one handler'),
  supervisorIds: z.array(id).min(1, 'Expected at least one supervisor'),
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
