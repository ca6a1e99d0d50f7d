// JWT authorizers as the template declares them (AWS::ApiGatewayV2::Authorizer, type JWT), checked the way
// API Gateway HTTP APIs check them: the identity source must hold `Bearer <token>` (or the bare token); the
// token's signature must verify against the issuer's keys (RSA only, as on AWS), `iss` must be the issuer,
// `aud` (or, without it, `client_id`) one of the configured audiences, and `exp`/`nbf` must hold; anything else
// is a 401. An allowed request reaches its route with the claims under `requestContext.authorizer.jwt`.
//
// The template names the stage's issuer (a Cognito user pool or an OpenID Connect provider) that no local run can
// reach, so one local issuer stands in for every JWT authorizer: its own `iss` and keys, the template's audience.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { type CfnTemplate, isRecord, RESOURCE_TYPES, resourcesOfType } from '../cfn-template.ts';
import type { TemplateResolver } from '../intrinsics.ts';
import { identityValue } from './route-authorizer.ts';

export interface JwtAuthorizer {
  readonly logicalId: string;
  /** The issuer the template names; locally the local issuer stands in for it. */
  readonly templateIssuer: string;
  readonly audience: readonly string[];
  readonly identitySource: string;
}

/** The issuer that stands in for every JWT authorizer's own: its `iss` and the keys that verify its tokens. */
export interface LocalJwtIssuer {
  readonly issuer: string;
  readonly keys: JWTVerifyGetKey;
}

/** The template's JWT authorizers, by logical id. */
export function jwtAuthorizersFromTemplate(
  template: CfnTemplate,
  resolver: TemplateResolver,
): Map<string, JwtAuthorizer> {
  const authorizers = new Map<string, JwtAuthorizer>();
  for (const { logicalId, properties } of resourcesOfType(template, RESOURCE_TYPES.authorizer)) {
    if (properties.AuthorizerType !== 'JWT') continue;
    const config = resolver.resolve(properties.JwtConfiguration ?? {}, `${logicalId}.JwtConfiguration`);
    const audience = isRecord(config) && Array.isArray(config.Audience) ? config.Audience.map(String) : [];
    const sources = resolver.resolve(properties.IdentitySource ?? [], `${logicalId}.IdentitySource`);
    authorizers.set(logicalId, {
      logicalId,
      templateIssuer: isRecord(config) ? String(config.Issuer ?? '') : '',
      audience,
      identitySource:
        (Array.isArray(sources) ? String(sources[0] ?? '') : '') || '$request.header.Authorization',
    });
  }
  return authorizers;
}

/** What API Gateway puts under `requestContext.authorizer.jwt`. */
export interface JwtContext {
  readonly claims: Record<string, string>;
  readonly scopes: string[] | null;
}

/** Verifies a request's token for one authorizer; undefined when API Gateway would answer 401. */
export async function verifyJwt(
  authorizer: JwtAuthorizer,
  issuer: LocalJwtIssuer | undefined,
  event: APIGatewayProxyEventV2,
): Promise<JwtContext | undefined> {
  if (!issuer) return undefined;
  const token = /^(?:Bearer\s+)?(\S+)\s*$/i.exec(identityValue(authorizer.identitySource, event) ?? '')?.[1];
  if (!token) return undefined;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, issuer.keys, {
      issuer: issuer.issuer,
      algorithms: ['RS256', 'RS384', 'RS512'],
    }));
  } catch {
    return undefined;
  }
  const audiences = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
  if (!audiences.some((aud) => typeof aud === 'string' && authorizer.audience.includes(aud)))
    return undefined;
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  return { claims: claimsAsGatewayPasses(payload), scopes: scope.length > 0 ? scope : null };
}

/** API Gateway passes every claim as a string: numbers as digits, lists as `[a b]`, objects as JSON. */
function claimsAsGatewayPasses(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    claims[name] = Array.isArray(value)
      ? `[${value.map(String).join(' ')}]`
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  }
  return claims;
}
