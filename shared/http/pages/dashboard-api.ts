// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { LEVELS } from '#domain/hierarchy.ts';
import { HttpRequestError } from '#http/problem.ts';
import { UnitNotFoundError } from '#use-cases/dashboard.ts';

const scope = z.enum(LEVELS);
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

/** A unit the registry does not know is a 404, like an unknown issue. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof UnitNotFoundError)) throw error;
    throw new HttpRequestError({ status: 404, title: 'Not Found', detail: error.message });
  }
}
