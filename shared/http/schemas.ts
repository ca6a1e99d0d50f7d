// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { CATEGORY_CODES } from '#domain/categories.ts';
import { COORD_SYSTEMS, type CoordSystem } from '#domain/registry.ts';
import { STAT_SCOPES } from '#domain/stats.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

// A refinement rather than z.enum: the union reports a failed refinement at its field path, a failed enum as
// "none of the forms matched".
const coordSystem = z
  .string()
  .refine((value) => (COORD_SYSTEMS as readonly string[]).includes(value), {
    error: `Expected one of ${COORD_SYSTEMS.join(', ')}`,
  })
  .transform((value) => value as CoordSystem);

const location = z.union(
  [
    z.strictObject({ gridId: text(64) }),
    z.strictObject({ address: text(200) }),
    // A phone's position is WGS-84; a point picked on a Chinese map platform says so with coordSystem: 'gcj02'.
    z.strictObject({
      lat: z.number().min(-90).max(90),
      lng: z.number().min(-180).max(180),
      coordSystem: coordSystem.optional(),
    }),
  ],
  { error: 'Give exactly one of {gridId}, {address} or {lat, lng} (with an optional coordSystem)' },
);

/** A resident's report, as POST /issues takes it. Unknown fields are refused, not ignored. */
export const reportBody = z.strictObject({
  category: z.enum(CATEGORY_CODES, { error: `Expected one of ${CATEGORY_CODES.join(', ')}` }),
  description: z.string().trim().min(5).max(2000),
  location,
  reporter: z
    .strictObject({
      name: text(50).optional(),
      phone: z
        .string()
        .regex(/^\+?[0-9][0-9 -]{4,19}$/, 'Expected a phone number')
        .optional(),
      email: z.email().max(254).optional(),
    })
    .optional(),
  anonymous: z.boolean().optional(),
});

export const taskActionBody = z
  .strictObject({
    action: z.enum(['accept', 'decline', 'resolve', 'reassign']),
    note: z.string().trim().max(1000).optional(),
    gridId: text(64).optional(),
  })
  .superRefine((body, context) => {
    if (body.action === 'decline' && !body.note) {
      context.addIssue({ code: 'custom', path: ['note'], message: 'A reason is required to decline' });
    }
    if (body.action === 'reassign' && !body.gridId) {
      context.addIssue({ code: 'custom', path: ['gridId'], message: 'The grid to reassign to is required' });
    }
  });

export const ratingBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

export const statsQuery = z.strictObject({
  scope: z.enum(STAT_SCOPES),
  id: text(64),
});

export const gridsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

/** Idempotency keys as in the IETF draft: an opaque string; bounded so it cannot bloat the table. */
export const idempotencyKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'Printable ASCII only');
