// The small schemas every answer is built of, shared by the answer schemas of cases and of figures.
import * as z from 'zod';
import { LEVELS } from '#domain/hierarchy.ts';

/** An instant as every answer writes it. */
export const instant = z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' });
/** A business duration as categories state it. */
export const duration = z.string().meta({ description: 'ISO 8601 duration, e.g. PT2H, P3D' });
/** A level of the ladder. */
export const level = z.enum(LEVELS);

/** The number people read out on the phone; null only on cases reported before numbers existed. */
export const caseNumber = z.string().nullable().meta({
  description: 'Readable case number, e.g. LS-20261130-0042 (district, China date, daily sequence)',
});

// `Mutable` drops readonly, which zod's output types do not carry.
type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

/**
 * `true` when a schema's output and the type its code returns agree both ways, so that neither side gains a
 * field alone: the answer schemas end with a tuple of these, which fails to compile on a disagreement.
 */
export type Agree<S extends z.ZodType, T> = [z.output<S>] extends [Mutable<T>]
  ? [Mutable<T>] extends [z.output<S>]
    ? true
    : false
  : false;
