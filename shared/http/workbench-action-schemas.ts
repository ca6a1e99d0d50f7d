// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { freeText, text } from './schemas.ts';

const version = z.int().min(1).meta({ description: 'The case version the supervisor saw; another is a 409' });
const note = freeText(0, 1000).optional();
const reason = freeText(1, 1000);
const date = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
/** A China day means the end of its office hours, as on the links' forms. */
const instant = date.transform((value) =>
  new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T17:30:00+08:00` : value).toISOString(),
);

/**
 * A supervisor's action on a case, as POST /workbench/api/cases/{caseId}/actions takes it: one of seven, each
 * with its own fields, and always the version of the case the supervisor acted on.
 */
export const workbenchActionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('supervise'), version, note: reason, until: instant }),
  z.strictObject({ action: z.literal('take_over'), version, note }),
  z.strictObject({ action: z.literal('reassign'), version, gridId: text(64), note }),
  z.strictObject({ action: z.literal('transfer'), version, departmentId: text(64), note: reason }),
  z.strictObject({
    action: z.literal('decide_change'),
    version,
    decision: z.enum(['approve', 'refuse']),
    until: instant.optional(),
    note,
  }),
  z.strictObject({
    action: z.literal('decide_appeal'),
    version,
    decision: z.enum(['uphold', 'reject']),
    note,
  }),
  z.strictObject({ action: z.literal('merge'), version, intoCaseId: text(64), note }),
]);

export type WorkbenchActionBody = z.output<typeof workbenchActionBody>;
