// The follow-up call records (回访) as POST and GET /workbench/api/cases/{caseId}/follow-ups take and answer them.
import * as z from 'zod';
import { LEVELS } from '#domain/hierarchy.ts';
import { instant } from './schema-primitives.ts';
import { freeText, text } from './schemas.ts';

/** One call: who made it, when (not in the future), what the resident said, and whether they are now satisfied. */
export const followUpBody = z.strictObject({
  caller: text(50),
  calledAt: z.iso.datetime({ offset: true }),
  residentSaid: freeText(2, 2000),
  satisfied: z.boolean(),
});

const followUp = z.object({
  caller: z.string(),
  calledAt: instant,
  residentSaid: z.string(),
  satisfied: z.boolean(),
  recordedBy: z.object({ scope: z.enum(LEVELS), unitId: z.string(), personId: z.string().optional() }),
  recordedAt: instant,
});

/** A case's follow-up calls, oldest first. */
export const followUpList = z.object({ caseId: z.string(), followUps: z.array(followUp) });
export type FollowUpList = z.output<typeof followUpList>;
