// What the integration API for partner systems (the city's 12345 hotline) takes and answers.
import * as z from 'zod';
import { PARTNER_CHANNELS } from '#domain/case-source.ts';
import { categoryCode, freeText, location, phone, text } from './schemas.ts';

/** A partner's order number: its own reference, printable ASCII so it is safe in a path segment. */
export const orderNo = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'Expected 1 to 64 letters, digits, ".", "_", ":" or "-"');

/** The path parameters of GET /integration/v1/cases/{orderNo}. */
export const orderPath = z.object({ orderNo });

/** A case handed over by a partner. Unknown fields are refused, not ignored. */
export const partnerCaseBody = z.strictObject({
  orderNo,
  channel: PARTNER_CHANNELS,
  category: categoryCode,
  description: freeText(2, 2000),
  location,
  caller: z.strictObject({ name: text(50).optional(), phone }),
  onBehalf: z.boolean().optional(),
});
