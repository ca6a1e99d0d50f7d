// Lambda authorizers as the template declares them (AWS::ApiGatewayV2::Authorizer, type REQUEST), run the way
// API Gateway HTTP APIs run them: a request missing any identity source is refused with 401 before the
// authorizer is called; otherwise the authorizer function gets a REQUEST authorizer event (payload 2.0 or
// 1.0), its answer (a simple response, or an IAM policy) is cached per identity for the configured TTL, a
// refusal is a 403, a failure a 500, and an allowed request reaches its route with the authorizer's context
// under `requestContext.authorizer.lambda`.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type CfnTemplate, isRecord, RESOURCE_TYPES, resourcesOfType } from '../cfn-template.ts';
import type { TemplateResolver } from '../intrinsics.ts';
import type { Logger } from '../logger.ts';
import { type GatewayResponse, gatewayError } from './response.ts';
import { identityValue } from './route-authorizer.ts';

export interface LambdaAuthorizer {
  readonly logicalId: string;
  readonly functionName: string;
  /** `$request.header.X-Api-Key`, `$request.querystring.key`, … in the template's words. */
  readonly identitySource: readonly string[];
  readonly ttlSeconds: number;
  readonly simpleResponses: boolean;
  readonly payloadFormatVersion: '1.0' | '2.0';
}

/** The template's REQUEST authorizers backed by a Lambda function, by logical id. */
export function lambdaAuthorizersFromTemplate(
  template: CfnTemplate,
  resolver: TemplateResolver,
  logger: Logger,
): Map<string, LambdaAuthorizer> {
  const authorizers = new Map<string, LambdaAuthorizer>();
  for (const { logicalId, properties } of resourcesOfType(template, RESOURCE_TYPES.authorizer)) {
    if (properties.AuthorizerType !== 'REQUEST') continue;
    const uri = resolver.resolveString(properties.AuthorizerUri, `${logicalId}.AuthorizerUri`);
    const functionName = /arn:[^:]+:lambda:[^:]*:[^:]*:function:[^/:]+/.exec(uri)?.[0];
    if (!functionName) {
      logger.warn('authorizer skipped: it is not a local Lambda function', { authorizer: logicalId });
      continue;
    }
    const sources = resolver.resolve(properties.IdentitySource ?? [], `${logicalId}.IdentitySource`);
    authorizers.set(logicalId, {
      logicalId,
      functionName,
      identitySource: Array.isArray(sources) ? sources.map(String) : [],
      ttlSeconds: Number(properties.AuthorizerResultTtlInSeconds ?? 0),
      simpleResponses: properties.EnableSimpleResponses === true,
      payloadFormatVersion: properties.AuthorizerPayloadFormatVersion === '1.0' ? '1.0' : '2.0',
    });
  }
  return authorizers;
}

export type AuthorizerVerdict =
  | { readonly allowed: true; readonly context: Record<string, unknown> }
  | { readonly allowed: false; readonly response: GatewayResponse };

type Invoke = (functionName: string, event: unknown) => Promise<unknown>;

/** Runs authorizers for the gateway and keeps their answers for their TTL, per authorizer and identity. */
export class AuthorizerRunner {
  private readonly cache = new Map<string, { expires: number; verdict: AuthorizerVerdict }>();

  constructor(
    private readonly invoke: Invoke,
    private readonly logger: Logger,
    private readonly region = 'us-east-1',
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(authorizer: LambdaAuthorizer, event: APIGatewayProxyEventV2): Promise<AuthorizerVerdict> {
    const values = authorizer.identitySource.map((source) => identityValue(source, event));
    const identity = values.filter((value): value is string => value !== undefined && value !== '');
    if (identity.length < values.length) return { allowed: false, response: gatewayError('unauthorized') };
    const cacheKey = JSON.stringify([authorizer.logicalId, identity]);
    const cached = authorizer.ttlSeconds > 0 ? this.cache.get(cacheKey) : undefined;
    if (cached && cached.expires > this.now()) return cached.verdict;
    let verdict: AuthorizerVerdict;
    try {
      const answer = await this.invoke(
        authorizer.functionName,
        authorizerEvent(authorizer, event, identity, this.region),
      );
      verdict = verdictOf(authorizer, answer);
    } catch (error) {
      this.logger.error('authorizer failed', {
        authorizer: authorizer.logicalId,
        error: error instanceof Error ? error.name : 'unknown',
      });
      // A failed authorizer is not cached: API Gateway answers 500 and asks again next time.
      return { allowed: false, response: gatewayError('integrationFailed') };
    }
    if (authorizer.ttlSeconds > 0) {
      this.cache.set(cacheKey, { expires: this.now() + authorizer.ttlSeconds * 1000, verdict });
    }
    return verdict;
  }
}

/** The REQUEST authorizer event API Gateway sends: the route's request without its body. */
function authorizerEvent(
  authorizer: LambdaAuthorizer,
  event: APIGatewayProxyEventV2,
  identity: string[],
  region: string,
) {
  const { requestContext } = event;
  const routeArn =
    `arn:aws:execute-api:${region}:${requestContext.accountId}:${requestContext.apiId}/` +
    `${requestContext.stage}/${requestContext.http.method}${event.rawPath}`;
  if (authorizer.payloadFormatVersion === '2.0') {
    const { body: _body, isBase64Encoded: _encoded, ...request } = event;
    return { ...request, type: 'REQUEST', routeArn, identitySource: identity };
  }
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn: routeArn,
    identitySource: identity.join(','),
    resource: event.routeKey.split(' ')[1] ?? event.rawPath,
    path: event.rawPath,
    httpMethod: requestContext.http.method,
    headers: event.headers,
    queryStringParameters: event.queryStringParameters ?? null,
    pathParameters: event.pathParameters ?? null,
    requestContext,
  };
}

function verdictOf(authorizer: LambdaAuthorizer, answer: unknown): AuthorizerVerdict {
  if (!isRecord(answer)) return { allowed: false, response: gatewayError('integrationFailed') };
  const context = isRecord(answer.context) ? answer.context : {};
  const allowed =
    authorizer.simpleResponses && authorizer.payloadFormatVersion === '2.0'
      ? answer.isAuthorized === true
      : policyAllows(answer.policyDocument);
  return allowed ? { allowed: true, context } : { allowed: false, response: gatewayError('forbidden') };
}

/** An IAM policy answer allows when some statement allows and none denies (resources are not matched here). */
function policyAllows(policy: unknown): boolean {
  const statements = isRecord(policy) && Array.isArray(policy.Statement) ? policy.Statement : [];
  const effects = statements.map((statement) => (isRecord(statement) ? statement.Effect : undefined));
  return effects.includes('Allow') && !effects.includes('Deny');
}
