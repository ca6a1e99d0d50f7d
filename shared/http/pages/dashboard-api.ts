// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { LEVELS } from '#domain/hierarchy.ts';
import { PERIOD_KINDS } from '#domain/periods.ts';
import { principalOf } from '#http/principal.ts';
import type { Registry } from '#ports';
import { type UnitAsked, unitInView, type Viewer } from '#use-cases/dashboard-scope.ts';
import { calendarDay } from '../schemas.ts';

const scope = z.enum([...LEVELS, 'department']);
const id = z.string().trim().min(1).max(64);

/** `?scope=&id=` naming one unit; both or neither (the whole district). */
export const unitQuery = z
  .strictObject({ scope: scope.optional(), id: id.optional() })
  .refine((query) => (query.scope === undefined) === (query.id === undefined), {
    message: 'Give both scope and id, or neither',
    path: ['scope'],
  });

export const requiredUnitQuery = z.strictObject({ scope, id });

/** `?scope=&id=` (both or neither) and, for a period's figures rather than the totals, `period` and `date`. */
export const exportQuery = z
  .strictObject({
    scope: scope.optional(),
    id: id.optional(),
    period: z
      .enum(PERIOD_KINDS)
      .optional()
      .meta({ description: 'The day, week, month or quarter containing `date`' }),
    date: calendarDay.optional().meta({ description: 'A day of the period (China time); today when absent' }),
  })
  .refine((query) => (query.scope === undefined) === (query.id === undefined), {
    message: 'Give both scope and id, or neither',
    path: ['scope'],
  })
  .refine((query) => !query.date || query.period, {
    message: 'A date picks a day of a period: give a period too',
    path: ['date'],
  });

/** `?month=yyyy-mm` and the unit (both scope and id, or neither for the supervisor's own). */
export const reportQuery = z
  .strictObject({
    scope: scope.optional(),
    id: id.optional(),
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month as yyyy-mm')
      .meta({ description: 'The month (China time), yyyy-mm' }),
  })
  .refine((query) => (query.scope === undefined) === (query.id === undefined), {
    message: 'Give both scope and id, or neither',
    path: ['scope'],
  });

export const dailyQuery = z.strictObject({
  scope,
  id,
  days: z.coerce.number().int().min(1).max(92).default(30),
});

/** The supervisor's unit from their token (see `principalOf`); a request without one reads nothing. */
export function viewerOf(event: APIGatewayProxyEventV2): Viewer {
  const { unit, personId } = principalOf(event);
  return { ...unit, personId };
}

/** The unit a dashboard request may read: refused outside the viewer's unit, not found when unknown. */
export async function readableUnit(
  deps: { registry: Registry },
  event: APIGatewayProxyEventV2,
  asked?: UnitAsked,
): Promise<UnitAsked> {
  return unitInView(deps, viewerOf(event), asked);
}
