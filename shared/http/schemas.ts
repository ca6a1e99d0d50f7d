// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { allCategories, isCategoryCode } from '#domain/categories.ts';
import { MAX_CO_HANDLERS } from '#domain/co-handling.ts';
import { TASK_ACTIONS } from '#domain/issue.ts';
import { CASE_OUTCOMES, needsExplanation } from '#domain/outcomes.ts';
import { daysIn, MAX_RANGE_DAYS, PERIOD_KINDS } from '#domain/periods.ts';
import { hasBidiControls, isWellFormedText, neutralised, visibleLength } from '#domain/plain-text.ts';
import { COORD_SYSTEMS, type CoordSystem } from '#domain/registry.ts';
import { BREAKDOWN_NAMES, STAT_SCOPES } from '#domain/stats.ts';

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

/**
 * A category's code, checked against the categories in force when the request is parsed: they are registry data,
 * not code, so the handler refreshes them first.
 */
export const categoryCode = z.string().check((context) => {
  if (!isCategoryCode(context.value)) {
    const codes = allCategories().map((category) => category.code);
    context.issues.push({
      code: 'custom',
      input: context.value,
      message: `Expected one of ${codes.join(', ')}`,
    });
  }
});

/** A resident's report, as POST /issues takes it. Unknown fields are refused, not ignored. */
export const reportBody = z.strictObject({
  category: categoryCode,
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
    action: z.enum(TASK_ACTIONS),
    note: freeText(0, 1000).optional(),
    gridId: text(64).optional(),
    /** The department a transfer (转派) sends the case to (GET /departments lists them). */
    departmentId: text(64).optional(),
    /** The departments a lead asks to co-handle the case (协办), at most five. */
    departmentIds: z.preprocess(
      // A form sends one field per department, those left empty included; a single one arrives as a string.
      (value) =>
        Array.isArray(value) ? value.filter((id) => id !== '') : typeof value === 'string' ? [value] : value,
      z.array(text(64)).max(MAX_CO_HANDLERS).optional(),
    ),
    /** A deferral's or pause's date: a China day (to the end of its office hours) or an instant. */
    until: z.preprocess(
      // A form's empty date field means no date.
      (value) => (value === '' ? undefined : value),
      z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
    ),
    outcome: CASE_OUTCOMES.optional().meta({
      description:
        'How the work ended, on `resolve` only (default `solved`); any other outcome needs a `note`',
    }),
  })
  .superRefine((body, context) => {
    if ((body.action === 'decline' || body.action === 'hand_back') && visibleLength(body.note ?? '') === 0) {
      context.addIssue({ code: 'custom', path: ['note'], message: `A reason is required to ${body.action}` });
    }
    if (
      (body.action === 'defer' || body.action === 'pause' || body.action === 'appeal') &&
      visibleLength(body.note ?? '') === 0
    ) {
      context.addIssue({ code: 'custom', path: ['note'], message: 'A reason is required' });
    }
    if ((body.action === 'defer' || body.action === 'pause') && !body.until) {
      context.addIssue({ code: 'custom', path: ['until'], message: 'The date is required' });
    }
    if (body.outcome && body.action !== 'resolve') {
      context.addIssue({ code: 'custom', path: ['outcome'], message: 'Only a resolution has an outcome' });
    }
    if (body.outcome && needsExplanation(body.outcome) && visibleLength(body.note ?? '') === 0) {
      context.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'This outcome needs an explanation for the resident',
      });
    }
    if ((body.action === 'transfer' || body.action === 'return') && visibleLength(body.note ?? '') === 0) {
      context.addIssue({ code: 'custom', path: ['note'], message: `A reason is required to ${body.action}` });
    }
    if (body.action === 'transfer' && !body.departmentId) {
      context.addIssue({ code: 'custom', path: ['departmentId'], message: 'The department is required' });
    }
    if (body.action === 'co_handle') coHandleIssues(body, context);
    if (body.action === 'report' && visibleLength(body.note ?? '') === 0) {
      context.addIssue({ code: 'custom', path: ['note'], message: 'Say what your department did' });
    }
    if (body.action === 'reassign' && !body.gridId) {
      context.addIssue({ code: 'custom', path: ['gridId'], message: 'The grid to reassign to is required' });
    }
  });

/** A co-handling request names 1–5 distinct departments and what they should do. */
function coHandleIssues(
  body: { note?: string | undefined; departmentIds?: string[] | undefined },
  context: z.RefinementCtx,
) {
  const ids = body.departmentIds ?? [];
  if (ids.length === 0) {
    context.addIssue({ code: 'custom', path: ['departmentIds'], message: 'Name at least one department' });
  }
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index) {
      context.addIssue({ code: 'custom', path: ['departmentIds', index], message: `${id} is named twice` });
    }
  });
  if (visibleLength(body.note ?? '') === 0) {
    context.addIssue({ code: 'custom', path: ['note'], message: 'Say what the co-handlers should do' });
  }
}

export const ratingBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: freeText(0, 1000).optional(),
});

/** A calendar day, `yyyy-mm-dd`, that exists. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a day as yyyy-mm-dd')
  .refine((day) => new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'No such day');

/**
 * The figures of one unit: its totals, or (with `period`, or `from` and `to`) those of a range of China days,
 * optionally broken down.
 */
export const statsQuery = z
  .strictObject({
    scope: z.enum(STAT_SCOPES),
    id: text(64),
    period: z
      .enum(PERIOD_KINDS)
      .optional()
      .meta({ description: 'The day, week, month or quarter containing `date`' }),
    date: calendarDay.optional().meta({ description: 'A day of the period (China time); today when absent' }),
    from: calendarDay.optional().meta({ description: 'First day of a custom range (China time), with `to`' }),
    to: calendarDay
      .optional()
      .meta({ description: 'Last day of a custom range, at most 366 days after `from`' }),
    breakdown: z.enum(BREAKDOWN_NAMES).optional().meta({ description: 'Split each period figure by this' }),
  })
  .superRefine((query, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (query.period && (query.from || query.to))
      issue('period', 'Give either a period or from and to, not both');
    if (query.date && !query.period) issue('date', 'A date picks a day of a period: give a period too');
    if (Boolean(query.from) !== Boolean(query.to))
      issue(query.from ? 'to' : 'from', 'A range needs from and to');
    if (query.from && query.to) {
      if (query.from > query.to) issue('to', 'The range ends before it starts');
      else if (daysIn({ from: query.from, to: query.to }) > MAX_RANGE_DAYS) {
        issue('to', `A range spans at most ${MAX_RANGE_DAYS} days`);
      }
    }
    if (query.breakdown && !query.period && !query.from) {
      issue('breakdown', 'A breakdown is given for a period or a range of days');
    }
  });
export type StatsQuery = z.output<typeof statsQuery>;

/** GET /addresses?q=: what the resident has typed of an address so far. */
export const addressQuery = z.strictObject({ q: text(100) });

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
