// CORS as the template's HTTP API configures it (`CorsConfiguration`), answered the way API
// Gateway does: it replies to preflight requests itself, without calling any route, and adds the
// allow headers to responses for an allowed origin. Without a configuration there is no CORS:
// a preflight finds no route, and browsers keep other origins out.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { CfnTemplate } from '../cfn-template.ts';
import { RESOURCE_TYPES, resourcesOfType } from '../cfn-template.ts';
import type { TemplateResolver } from '../intrinsics.ts';
import type { GatewayResponse } from './response.ts';

export interface CorsConfiguration {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly allowCredentials: boolean;
  readonly maxAge?: number;
}

/** The HTTP API's CORS configuration, or undefined when it has none. */
export function corsFromTemplate(
  template: CfnTemplate,
  resolver: TemplateResolver,
): CorsConfiguration | undefined {
  const api = resourcesOfType(template, RESOURCE_TYPES.httpApi)[0];
  const raw = api?.properties.CorsConfiguration;
  if (!api || raw === undefined) return undefined;
  const cors = resolver.resolve(raw, `${api.logicalId}.CorsConfiguration`) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.map((item) => String(item)) : []);
  return {
    allowOrigins: list(cors.AllowOrigins),
    allowMethods: list(cors.AllowMethods).map((method) => method.toUpperCase()),
    allowHeaders: list(cors.AllowHeaders).map((header) => header.toLowerCase()),
    exposeHeaders: list(cors.ExposeHeaders),
    allowCredentials: cors.AllowCredentials === true,
    ...(typeof cors.MaxAge === 'number' ? { maxAge: cors.MaxAge } : {}),
  };
}

function allowedOrigin(cors: CorsConfiguration, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (cors.allowOrigins.includes(origin)) return origin;
  return cors.allowOrigins.includes('*') ? '*' : undefined;
}

/** A preflight request (OPTIONS with Origin and Access-Control-Request-Method), answered by the gateway. */
export function preflightResponse(
  cors: CorsConfiguration | undefined,
  method: string,
  headers: IncomingHttpHeaders,
): GatewayResponse | undefined {
  if (!cors || method !== 'OPTIONS' || !headers.origin || !headers['access-control-request-method']) {
    return undefined;
  }
  const origin = allowedOrigin(cors, headers.origin);
  const requested = String(headers['access-control-request-method']).toUpperCase();
  const methodAllowed = cors.allowMethods.includes('*') || cors.allowMethods.includes(requested);
  const allow: OutgoingHttpHeaders =
    origin && methodAllowed
      ? {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': cors.allowMethods.join(','),
          ...(cors.allowHeaders.length > 0
            ? { 'access-control-allow-headers': cors.allowHeaders.join(',') }
            : {}),
          ...(cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
          ...(cors.maxAge !== undefined ? { 'access-control-max-age': String(cors.maxAge) } : {}),
        }
      : {};
  // A disallowed origin gets the same 204, only without the allow headers: the browser then refuses.
  return { statusCode: 204, headers: allow, body: Buffer.alloc(0) };
}

/** Adds the allow headers to a route's response when the request comes from an allowed origin. */
export function withCors(
  cors: CorsConfiguration | undefined,
  headers: IncomingHttpHeaders,
  response: GatewayResponse,
): GatewayResponse {
  const origin = cors ? allowedOrigin(cors, headers.origin) : undefined;
  if (!cors || !origin) return response;
  return {
    ...response,
    headers: {
      ...response.headers,
      'access-control-allow-origin': origin,
      ...(cors.exposeHeaders.length > 0
        ? { 'access-control-expose-headers': cors.exposeHeaders.join(',') }
        : {}),
      ...(cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
    },
  };
}
