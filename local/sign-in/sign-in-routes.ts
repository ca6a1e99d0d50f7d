// The local stand-in for the stage's sign-in (Cognito's hosted flow or the stage's OpenID Connect provider):
// a registered person, named by registry id or phone number, asks for a one-time code, which reaches them
// through the outbox like any message, and
// exchanges it for a JWT that the local runtime's JWT authorizer accepts on the routes the template guards.
// These routes are local-only, not template routes: on AWS the identity provider signs people in.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLocalJWKSet, SignJWT } from 'jose';
import * as z from 'zod';
import { DynamoRegistry } from '#adapters/dynamodb/registry-store.ts';
import { OutboxNotifier } from '#adapters/notify/outbox-notifier.ts';
import { isDepartmentRole, levelOfRole, type Person } from '#domain/registry.ts';
import { problemOf } from '#http/error-mapping.ts';
import { problemResponse } from '#http/problem.ts';
import { parseJson } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import type { ExtraRoute, LocalJwtIssuer } from '../runtime/index.ts';
import { ISSUER_ALGORITHM, type IssuerKey } from './issuer-key.ts';
import { OneTimeCodes } from './one-time-codes.ts';

/** How long a signed-in token lasts: Cognito's default for ID and access tokens. */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** A registry id, or the phone number the registry holds for the person. */
const personId = z.string().trim().min(1).max(64);
const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
const codeRequest = z.strictObject({ person: personId });
const tokenRequest = z.strictObject({ person: personId, code: z.string().regex(/^\d{6}$/, 'Six digits') });

/**
 * The unit claim of a person: a worker's grid, a supervisor's unit (`street:s-1`), a department's people their
 * department (`department:d-water`, which reads no ladder figures).
 */
export function unitClaimOf(person: Pick<Person, 'role' | 'unitId'>): string {
  return isDepartmentRole(person.role)
    ? `department:${person.unitId}`
    : `${levelOfRole(person.role)}:${person.unitId}`;
}

/** One-time codes and the tokens they buy, signed with the local issuer's key. */
export class LocalSignIn {
  private issuer: { issuer: string; audiences: readonly string[] } | undefined;

  constructor(
    private readonly key: IssuerKey,
    private readonly codes = new OneTimeCodes(),
  ) {}

  /** For the runtime: told the issuer (`iss`) and audiences once known; gives the keys its tokens verify with. */
  readonly jwtIssuer = (settings: { issuer: string; audiences: readonly string[] }): LocalJwtIssuer => {
    this.issuer = settings;
    return { issuer: settings.issuer, keys: createLocalJWKSet({ keys: [this.key.publicJwk] }) };
  };

  /** The sign-in routes and the issuer's discovery documents, by route key. */
  routes(): Record<string, ExtraRoute> {
    return {
      'POST /auth/code': { handler: (event) => answer(() => this.sendCode(event)) },
      'POST /auth/token': { handler: (event) => answer(() => this.exchange(event)) },
      'GET /.well-known/jwks.json': {
        handler: async () => jsonResponse(200, { keys: [this.key.publicJwk] }),
      },
      'GET /.well-known/openid-configuration': { handler: async () => this.discovery() },
    };
  }

  private async sendCode(event: APIGatewayProxyEventV2) {
    const { person: id } = parseJson(event, codeRequest);
    const person = await personOf(id);
    const code = person ? this.codes.issue(person.id) : undefined;
    if (person && code) {
      await new OutboxNotifier(String(process.env.CASES_TABLE)).send({
        id: `sign-in-${randomUUID()}`,
        to: person.id,
        subject: '登录验证码 Sign-in code',
        text: `您的 Gridwork 登录验证码：${code}（5 分钟内有效，请勿告诉他人）。Your sign-in code: ${code} (valid for 5 minutes).`,
      });
    }
    // The same answer whether or not the person exists or was sent a code: the route tells nobody who is registered.
    return jsonResponse(202, { message: 'If this person is registered, a code was sent to their outbox.' });
  }

  private async exchange(event: APIGatewayProxyEventV2) {
    const request = parseJson(event, tokenRequest);
    const named = await personOf(request.person);
    const person = named && this.codes.redeem(named.id, request.code) ? named : undefined;
    if (!person || !this.issuer) {
      return problemResponse({
        status: 400,
        title: 'Invalid code',
        detail: 'The code is wrong, expired or already used: ask for a new one.',
      });
    }
    const audience = this.issuer.audiences.length > 0 ? [...this.issuer.audiences] : ['gridwork-local'];
    const token = await new SignJWT({
      'gridwork:person': person.id,
      'gridwork:unit': unitClaimOf(person),
      name: person.name,
      token_use: 'id',
    })
      .setProtectedHeader({ alg: ISSUER_ALGORITHM, kid: String(this.key.publicJwk.kid), typ: 'JWT' })
      .setSubject(person.id)
      .setIssuer(this.issuer.issuer)
      .setAudience(audience.length === 1 ? String(audience[0]) : audience)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(this.key.privateKey);
    return jsonResponse(
      200,
      { access_token: token, id_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS },
      { 'cache-control': 'no-store' },
    );
  }

  private discovery() {
    const issuer = this.issuer?.issuer ?? '';
    return jsonResponse(200, {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/auth/token`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [ISSUER_ALGORITHM],
      claims_supported: ['sub', 'name', 'gridwork:person', 'gridwork:unit'],
    });
  }
}

function registry() {
  return new DynamoRegistry(String(process.env.REGISTRY_TABLE));
}

/** The person a sign-in names: by registry id, or by phone number through the import's phone items. */
async function personOf(idOrPhone: string): Promise<Person | undefined> {
  const byId = await registry().getPerson(idOrPhone);
  return byId ?? (PHONE.test(idOrPhone) ? registry().findPersonByPhone(idOrPhone) : undefined);
}

/** Bad input becomes problem+json as at the edge of every handler. */
async function answer(
  respond: () => Promise<APIGatewayProxyStructuredResultV2>,
): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    return await respond();
  } catch (error) {
    const { problem, headers } = problemOf(error);
    if (problem.status >= 500) throw error;
    return problemResponse(problem, headers);
  }
}
