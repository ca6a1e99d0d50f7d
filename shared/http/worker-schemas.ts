// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { CASE_OUTCOMES } from '#domain/outcomes.ts';
import { categoryCode, freeText, location, phone, text } from './schemas.ts';

/**
 * A signed-in grid worker's report, as POST /worker/cases takes it: a find on their round (巡查上报), handled on
 * the spot when `onTheSpot` says how (即报即办), or a report for a resident (代报) when `onBehalf` names them.
 * `location` defaults to the worker's own grid and must lie in it.
 */
export const workerCaseBody = z
  .strictObject({
    category: categoryCode,
    description: freeText(2, 2000),
    location: location.optional(),
    onTheSpot: z.strictObject({ note: freeText(2, 1000), outcome: CASE_OUTCOMES }).optional(),
    onBehalf: z.strictObject({ phone, name: text(50).optional() }).optional(),
  })
  .refine((body) => !(body.onTheSpot && body.onBehalf), {
    message: 'A report for a resident runs as theirs: it cannot also be handled on the spot',
    path: ['onTheSpot'],
  });

export type WorkerCaseBody = z.output<typeof workerCaseBody>;
