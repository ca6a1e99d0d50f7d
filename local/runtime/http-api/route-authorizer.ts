// What the JWT and Lambda authorizer runners share: finding the authorizer a route names, and reading a request's
// identity sources the way API Gateway does.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { InvalidTemplateError, isRecord } from '../cfn-template.ts';

/**
 * The authorizer a route names (`AuthorizerId: { Ref }`) among those of its kind the runtime read; one it cannot
 * find or run fails the start, so a guarded route is never served unguarded (fail closed).
 */
export function routeAuthorizerOf<Authorizer>(
  authorizers: ReadonlyMap<string, Authorizer>,
  routeKey: string,
  authorizerId: unknown,
  kind: 'JWT' | 'custom',
): Authorizer {
  const ref = isRecord(authorizerId) && typeof authorizerId.Ref === 'string' ? authorizerId.Ref : undefined;
  const authorizer = ref === undefined ? undefined : authorizers.get(ref);
  if (!authorizer) {
    throw new InvalidTemplateError(
      `Route "${routeKey}" has a ${kind} authorizer the local runtime cannot run (${JSON.stringify(authorizerId)})`,
    );
  }
  return authorizer;
}

/** The value of one identity source (`$request.header.X`, `$request.querystring.x`, `$context.a.b`) in a request. */
export function identityValue(source: string, event: APIGatewayProxyEventV2): string | undefined {
  const header = /^\$request\.header\.(.+)$/i.exec(source)?.[1];
  if (header) return event.headers[header.toLowerCase()];
  const query = /^\$request\.querystring\.(.+)$/i.exec(source)?.[1];
  if (query) return event.queryStringParameters?.[query];
  const context = /^\$context\.(.+)$/.exec(source)?.[1];
  if (context) return lookup(event.requestContext, context.split('.'));
  return undefined;
}

function lookup(value: unknown, path: readonly string[]): string | undefined {
  let current = value;
  for (const part of path) current = isRecord(current) ? current[part] : undefined;
  return current === undefined || current === null ? undefined : String(current);
}
