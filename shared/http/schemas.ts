// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { CATEGORY_CODES } from '#domain/categories.ts';
import { hasBidiControls, isWellFormedText, neutralised, visibleLength } from '#domain/plain-text.ts';
import { COORD_SYSTEMS, type CoordSystem } from '#domain/registry.ts';
import { STAT_SCOPES } from '#domain/stats.ts';

/** Refuses a lone surrogate (half an emoji): no serializer downstream can carry it. */
const wellFormed = z.string().refine(isWellFormedText, 'Contains a broken character (a lone surrogate)');

/** A short field (an id, a name, an address): well-formed and without directional controls. */
export const text = (max: number) =>
  wellFormed
    .refine((value) => !hasBidiControls(value), 'Contains directional control characters')
    .trim()
    .min(1)
    .max(max);

/**
 * Free text people write: well-formed; directional controls and zero-width characters are taken out (they
 * hide or reorder what the next reader sees); at least `min` characters a reader can see.
 */
export const freeText = (min: number, max: number) =>
  wellFormed.transform(neutralised).pipe(
    z
      .string()
      .max(max)
      .refine((value) => visibleLength(value) >= min, `Expected at least ${min} visible characters`),
  );

// A refinement rather than z.enum: the union reports a failed refinement at its field path, a failed enum as
// "none of the forms matched".
const coordSystem = z
  .string()
  .refine((value) => (COORD_SYSTEMS as readonly string[]).includes(value), {
    error: `Expected one of ${COORD_SYSTEMS.join(', ')}`,
  })
  .transform((value) => value as CoordSystem);

export const location = z.union(
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

/** A phone number as people write it: digits, an optional leading +, spaces and dashes. */
export const phone = z.string().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'Expected a phone number');

/** A resident's report, as POST /issues takes it. Unknown fields are refused, not ignored. */
export const reportBody = z.strictObject({
  category: z.enum(CATEGORY_CODES, { error: `Expected one of ${CATEGORY_CODES.join(', ')}` }),
  // Two visible characters: older residents write briefly ("停水了"), and one character says nothing.
  description: freeText(2, 2000),
  location,
  reporter: z
    .strictObject({
      name: text(50).optional(),
      phone: phone.optional(),
      email: z.email().max(254).optional(),
    })
    .optional(),
  anonymous: z.boolean().optional(),
});

export const taskActionBody = z
  .strictObject({
    action: z.enum(['accept', 'decline', 'resolve', 'reassign']),
    note: freeText(0, 1000).optional(),
    gridId: text(64).optional(),
  })
  .superRefine((body, context) => {
    if (body.action === 'decline' && visibleLength(body.note ?? '') === 0) {
      context.addIssue({ code: 'custom', path: ['note'], message: 'A reason is required to decline' });
    }
    if (body.action === 'reassign' && !body.gridId) {
      context.addIssue({ code: 'custom', path: ['gridId'], message: 'The grid to reassign to is required' });
    }
  });

export const ratingBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: freeText(0, 1000).optional(),
});

export const statsQuery = z.strictObject({
  scope: z.enum(STAT_SCOPES),
  id: text(64),
});

export const gridsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

/**
 * Idempotency keys as in the IETF draft: an opaque string. A repeated key returns the first request's
 * tracking token, so a key must be unguessable: at least 32 characters (a random UUID); bounded so it
 * cannot bloat the table.
 */
export const idempotencyKey = z.string().superRefine((key, context) => {
  if (!/^[\x21-\x7e]{32,128}$/.test(key)) {
    context.addIssue({
      code: 'custom',
      path: ['idempotency-key'],
      message: 'Expected 32 to 128 printable ASCII characters, such as a random UUID',
    });
  }
});
