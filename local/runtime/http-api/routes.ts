// HTTP API routes: read from the template (Route → Integration → function) and matched the way
// API Gateway HTTP APIs do: the most specific path wins, a specific method beats ANY, and
// `$default` catches whatever is left.
import { BODY_LIMIT_METADATA_KEY } from '#contract/template.ts';
import { type CfnTemplate, RESOURCE_TYPES, resourcesOfType } from '../cfn-template.ts';
import type { TemplateResolver } from '../intrinsics.ts';
import type { Logger } from '../logger.ts';
import { type JwtAuthorizer, jwtAuthorizersFromTemplate } from './jwt-authorizer.ts';
import { type LambdaAuthorizer, lambdaAuthorizersFromTemplate } from './lambda-authorizer.ts';
import { routeAuthorizerOf } from './route-authorizer.ts';

type Segment = { kind: 'literal'; value: string } | { kind: 'param' | 'greedy'; name: string };

export interface Route<Target> {
  routeKey: string;
  method: string;
  /** Undefined for `$default`. */
  segments?: Segment[];
  target: Target;
}

export interface RouteMatch<Target> {
  route: Route<Target>;
  pathParameters: Record<string, string>;
}

export class InvalidRouteKeyError extends Error {
  constructor(routeKey: string) {
    super(`Route key "${routeKey}" is not "METHOD /path" or "$default"`);
    this.name = 'InvalidRouteKeyError';
  }
}

export function parseRoute<Target>(routeKey: string, target: Target): Route<Target> {
  if (routeKey === '$default') return { routeKey, method: 'ANY', target };
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (!match?.[1] || !match[2]) throw new InvalidRouteKeyError(routeKey);
  const segments = splitPath(match[2]).map((part): Segment => {
    const param = /^\{([^}]+?)(\+)?\}$/.exec(part);
    if (!param?.[1]) return { kind: 'literal', value: part };
    return { kind: param[2] ? 'greedy' : 'param', name: param[1] };
  });
  return { routeKey, method: match[1], segments, target };
}

/** Template routes whose integration is a function the runtime runs; others are skipped with a warning. */
export interface TemplateTarget {
  functionName: string;
  /** The route's JWT authorizer (`AuthorizationType: JWT`), checked against the local issuer. */
  jwtAuthorizer?: JwtAuthorizer;
  /** The largest body the route's handler accepts (template metadata), if the template says. */
  maxBodyBytes?: number;
  /** The route's Lambda authorizer (`AuthorizationType: CUSTOM`), run from the template before the handler. */
  authorizer?: LambdaAuthorizer;
}

export function templateRoutes(
  template: CfnTemplate,
  resolver: TemplateResolver,
  logger: Logger,
): Route<TemplateTarget>[] {
  const integrations = new Map(
    resourcesOfType(template, RESOURCE_TYPES.integration).map(({ logicalId, properties }) => [
      logicalId,
      properties,
    ]),
  );
  const authorizers = lambdaAuthorizersFromTemplate(template, resolver, logger);
  const jwtAuthorizers = jwtAuthorizersFromTemplate(template, resolver);
  const routes: Route<TemplateTarget>[] = [];
  for (const { logicalId, properties, resource } of resourcesOfType(template, RESOURCE_TYPES.route)) {
    const routeKey = resolver.resolveString(properties.RouteKey, `${logicalId}.RouteKey`);
    const target = properties.Target ? resolver.resolveString(properties.Target, `${logicalId}.Target`) : '';
    const integration = integrations.get(target.replace(/^integrations\//, ''));
    const uri = integration?.IntegrationUri
      ? resolver.resolveString(integration.IntegrationUri, `${logicalId}.IntegrationUri`)
      : '';
    const functionArn = /arn:[^:]+:lambda:[^:]*:[^:]*:function:[^/:]+/.exec(uri)?.[0];
    if (!functionArn) {
      logger.warn('route skipped: its integration is not a local Lambda function', { routeKey });
      continue;
    }
    const authorization = properties.AuthorizationType ?? 'NONE';
    if (authorization !== 'NONE' && authorization !== 'JWT' && authorization !== 'CUSTOM') {
      logger.warn('route authorizer is not enforced locally', { routeKey, authorization });
    }
    if (integration?.PayloadFormatVersion && integration.PayloadFormatVersion !== '2.0') {
      logger.warn('route integration uses payload format 1.0; the local runtime sends 2.0 events', {
        routeKey,
      });
    }
    const maxBodyBytes = resource.Metadata?.[BODY_LIMIT_METADATA_KEY];
    routes.push(
      parseRoute(routeKey, {
        functionName: functionArn,
        ...(authorization === 'JWT'
          ? { jwtAuthorizer: routeAuthorizerOf(jwtAuthorizers, routeKey, properties.AuthorizerId, 'JWT') }
          : {}),
        ...(authorization === 'CUSTOM'
          ? { authorizer: routeAuthorizerOf(authorizers, routeKey, properties.AuthorizerId, 'custom') }
          : {}),
        ...(typeof maxBodyBytes === 'number' && maxBodyBytes >= 0 ? { maxBodyBytes } : {}),
      }),
    );
  }
  return routes;
}

export function matchRoute<Target>(
  routes: Route<Target>[],
  method: string,
  path: string,
): RouteMatch<Target> | undefined {
  const parts = splitPath(path);
  let best: { match: RouteMatch<Target>; rank: number[] } | undefined;
  for (const route of routes) {
    if (route.method !== method && route.method !== 'ANY') continue;
    const pathParameters = route.segments ? matchSegments(route.segments, parts) : {};
    if (!pathParameters) continue;
    const rank = routeRank(route);
    if (!best || compareRanks(rank, best.rank) > 0) best = { match: { route, pathParameters }, rank };
  }
  return best?.match;
}

function splitPath(path: string): string[] {
  return path.split('/').slice(1);
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = parts[i];
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i).join('/');
      if (!rest) return undefined;
      params[segment.name] = decode(rest);
      return params;
    }
    if (part === undefined) return undefined;
    if (segment.kind === 'literal' && segment.value !== part) return undefined;
    if (segment.kind === 'param') {
      if (!part) return undefined;
      params[segment.name] = decode(part);
    }
  }
  return segments.length === parts.length ? params : undefined;
}

/** Literal segments outrank parameters, which outrank greedy ones; then a specific method outranks ANY. */
function routeRank(route: Route<unknown>): number[] {
  if (!route.segments) return [-1];
  const weights = { literal: 3, param: 2, greedy: 1 } as const;
  return [...route.segments.map((s) => weights[s.kind]), route.method === 'ANY' ? 0 : 0.5];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
