// One home for reading who made a request: the claims a JWT authorizer passed on (API Gateway on AWS, the local
// runtime's stand-in locally). Handlers never read claims themselves.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { UnitRef, WorkbenchUnit } from '#domain/contact.ts';
import { LadderUnitOnlyError, NoUnitAssignedError } from '#domain/errors.ts';
import type { UnitScope } from '#domain/stats.ts';
import type { Viewer } from '#use-cases/dashboard-scope.ts';

/** Who is signed in: their registry id (when the token names one) and the unit they act for. */
export interface Principal {
  readonly personId: string | undefined;
  readonly unit: Viewer;
}

const UNIT_CLAIM = /^(district|street|community|grid|department):([\w.-]{1,64})$/;
const PERSON_CLAIM = /^[\w.-]{1,64}$/;

function claimsOf(event: APIGatewayProxyEventV2): Record<string, unknown> {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  return context.authorizer?.jwt?.claims ?? {};
}

/**
 * The signed-in person from their token. The unit is the `gridwork:unit` claim (the local issuer, an OpenID
 * Connect issuer, or Cognito through its pre-token-generation trigger) or a Cognito group named
 * `unit:<scope>:<id>`, e.g. `unit:street:s-5` or `unit:department:dep-water`; the person is the `gridwork:person` claim (a registry id), or
 * the Cognito user's `custom:person` attribute, which its ID tokens carry.
 * A request without a unit (no token at all, or a token that names none) is refused.
 */
export function principalOf(event: APIGatewayProxyEventV2): Principal {
  const claims = claimsOf(event);
  const groups = String(claims['cognito:groups'] ?? '')
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((group) => group.startsWith('unit:'))
    .map((group) => group.slice(5));
  const person = String(claims['gridwork:person'] ?? claims['custom:person'] ?? '');
  for (const candidate of [String(claims['gridwork:unit'] ?? ''), ...groups]) {
    const match = UNIT_CLAIM.exec(candidate);
    if (match) {
      return {
        personId: PERSON_CLAIM.test(person) ? person : undefined,
        unit: { scope: match[1] as UnitScope, id: match[2] as string },
      };
    }
  }
  throw new NoUnitAssignedError();
}

/** A signed-in supervisor of the ladder (grid to district): who follow-up calls are for. */
export interface LadderPrincipal {
  readonly personId: string | undefined;
  readonly unit: UnitRef;
}

/** The signed-in person as a supervisor of the ladder; a department's token is refused (LadderUnitOnlyError). */
export function ladderPrincipalOf(event: APIGatewayProxyEventV2): LadderPrincipal {
  const principal = principalOf(event);
  const { scope, id } = principal.unit;
  if (scope === 'department') throw new LadderUnitOnlyError(id);
  return { personId: principal.personId, unit: { scope, id } };
}

/** A signed-in supervisor as the workbench serves them: of the ladder, or of a functional department. */
export interface WorkbenchPrincipal {
  readonly personId: string | undefined;
  readonly unit: WorkbenchUnit;
}

/** The signed-in person at the workbench: a ladder unit's supervisor or a department's (whose reach is its cases). */
export function workbenchPrincipalOf(event: APIGatewayProxyEventV2): WorkbenchPrincipal {
  const { personId, unit } = principalOf(event);
  if (unit.scope === 'department') return { personId, unit: { scope: 'department', id: unit.id } };
  return { personId, unit: { scope: unit.scope, id: unit.id } };
}
