// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { NoUnitAssignedError } from '#domain/errors.ts';
import { LEVELS, type Level } from '#domain/hierarchy.ts';
import { PERIOD_KINDS } from '#domain/periods.ts';
import type { Registry } from '#ports';
import { unitInView, type Viewer } from '#use-cases/dashboard-scope.ts';
import { calendarDay } from '../schemas.ts';

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

export const dailyQuery = z.strictObject({
  scope,
  id,
  days: z.coerce.number().int().min(1).max(92).default(30),
});

const UNIT_CLAIM = /^(district|street|community|grid):([\w.-]{1,64})$/;

/**
 * The supervisor's unit from their token: the `gridwork:unit` claim (an OpenID Connect issuer, or Cognito
 * through a pre-token-generation trigger) or a Cognito group named `unit:<scope>:<id>`, e.g. `unit:street:s-5`.
 * Without an authorizer at all the request came through the local runtime's dashboard token: the district.
 * A token without a unit reads nothing.
 */
export function viewerOf(event: APIGatewayProxyEventV2): Viewer | 'district' {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  if (!context.authorizer) return 'district';
  const claims = context.authorizer.jwt?.claims ?? {};
  const groups = String(claims['cognito:groups'] ?? '')
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((group) => group.startsWith('unit:'))
    .map((group) => group.slice(5));
  for (const candidate of [String(claims['gridwork:unit'] ?? ''), ...groups]) {
    const match = UNIT_CLAIM.exec(candidate);
    if (match) return { scope: match[1] as Level, id: match[2] as string };
  }
  throw new NoUnitAssignedError();
}

/** The unit a dashboard request may read: refused outside the viewer's unit, not found when unknown. */
export async function readableUnit(
  deps: { registry: Registry },
  event: APIGatewayProxyEventV2,
  asked?: { scope: Level; id: string },
): Promise<{ scope: Level; id: string }> {
  return unitInView(deps, viewerOf(event), asked);
}
