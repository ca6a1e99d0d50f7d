// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';

const scope = z.enum(['district', 'street', 'community', 'grid']);
const id = z.string().trim().min(1).max(64);

/** `?scope=&id=` naming one unit; both or neither (the whole district). */
export const unitQuery = z
  .strictObject({ scope: scope.optional(), id: id.optional() })
  .refine((query) => (query.scope === undefined) === (query.id === undefined), {
    message: 'Give both scope and id, or neither',
    path: ['scope'],
  });

export const requiredUnitQuery = z.strictObject({ scope, id });

export const dailyQuery = z.strictObject({
  scope,
  id,
  days: z.coerce.number().int().min(1).max(92).default(30),
});
