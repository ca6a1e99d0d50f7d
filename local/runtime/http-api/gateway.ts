// The local HTTP API: checks the Host, answers CORS preflights, matches each request to a route
// (local-only extra routes first, then the template's), invokes the function with a payload 2.0
// event and writes its response. Its own answers are API Gateway's (see GATEWAY_ERRORS).
// Logs carry method, route key, status and duration only: paths, query strings and bodies can
// hold secrets (task tokens) and personal data.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { FunctionTimeoutError } from '../lambda-host.ts';
import { describeError, type Logger } from '../logger.ts';
import { bearerMatches } from './bearer.ts';
import { type CorsConfiguration, preflightResponse, withCors } from './cors.ts';
import { buildEvent } from './event.ts';
import { type LocalJwtIssuer, verifyJwt } from './jwt-authorizer.ts';
import { AuthorizerRunner } from './lambda-authorizer.ts';
import { type RateLimit, RateLimiter } from './rate-limit.ts';
import { type GatewayResponse, gatewayError, toGatewayResponse } from './response.ts';
import { matchRoute, type Route, type TemplateTarget } from './routes.ts';

export type ExtraRouteHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** A local-only route; `requiresToken` puts it behind the runtime's own local credential (`bearerToken`). */
export interface ExtraRoute {
  readonly handler: ExtraRouteHandler;
  readonly requiresToken?: boolean;
}

export interface GatewayRoutes {
  extra: Route<ExtraRoute>[];
  template: Route<TemplateTarget>[];
  /**
   * The issuer that stands in for the template's JWT authorizers: routes with `AuthorizationType: JWT` take
   * only its tokens. Unset, such routes always answer 401.
   */
  jwtIssuer?: LocalJwtIssuer;
  /** Runs a function: a route's handler with its event, or an authorizer with its own. */
  invoke(functionName: string, event: unknown): Promise<unknown>;
}

/** API Gateway's own cap on a request's payload. */
export const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface GatewayOptions {
  apiId: string;
  logger: Logger;
  /** The gateway's payload cap (API Gateway's 10 MB unless a test lowers it); routes may take less. */
  maxBodyBytes?: number;
  /** The local credential of local-only routes that ask for one (the outbox); unset, they always answer 401. */
  bearerToken?: string;
  /** Per-client limits by route key, the local stand-in for throttling in front of the API (429 past them). */
  rateLimits?: Readonly<Record<string, RateLimit>>;
  /**
   * Host names the server answers to (any port). Others get 403: a web page that rebinds its own name to this
   * machine's address cannot read from it. Unset, any Host is answered.
   */
  allowedHosts?: readonly string[];
  cors?: CorsConfiguration;
  /** The region in the route ARNs Lambda authorizers are told. */
  region?: string;
}

export class HttpGateway {
  readonly server: Server;
  private routes: GatewayRoutes | undefined;
  private authorizers: AuthorizerRunner | undefined;
  private readonly limiter: RateLimiter;
  private readonly maxBodyBytes: number;

  constructor(private readonly options: GatewayOptions) {
    this.limiter = new RateLimiter(options.rateLimits ?? {});
    this.maxBodyBytes = options.maxBodyBytes ?? GATEWAY_MAX_BODY_BYTES;
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  /** Opens the routes; until then (the runtime is still starting) requests get 503. */
  open(routes: GatewayRoutes): void {
    this.routes = routes;
    this.authorizers = new AuthorizerRunner(
      (functionName, event) => routes.invoke(functionName, event),
      this.options.logger,
      this.options.region,
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let routeKey = '-';
    let response: GatewayResponse;
    try {
      response = await this.respond(req, method, path, (key) => {
        routeKey = key;
      });
    } catch (error) {
      this.options.logger.error('request failed', { method, routeKey, ...describeError(error) });
      response = gatewayError('integrationFailed');
    }
    try {
      write(res, response);
    } catch (error) {
      // E.g. a header value Node refuses to send: API Gateway would answer 502, so do we.
      this.options.logger.error('response could not be sent', { method, routeKey, ...describeError(error) });
      response = gatewayError('badResponse');
      write(res, response);
    }
    // Whatever of the body was not read is discarded, not buffered.
    req.resume();
    this.options.logger.info('http request', {
      method,
      routeKey,
      status: response.statusCode,
      durationMs: Math.round(performance.now() - started),
    });
  }

  private async respond(
    req: IncomingMessage,
    method: string,
    path: string,
    onRoute: (routeKey: string) => void,
  ): Promise<GatewayResponse> {
    if (!this.hostAllowed(req.headers.host)) return gatewayError('forbidden');
    if (!this.routes) return gatewayError('unavailable');
    const preflight = preflightResponse(this.options.cors, method, req.headers);
    if (preflight) return preflight;
    return withCors(
      this.options.cors,
      req.headers,
      await this.route(this.routes, req, method, path, onRoute),
    );
  }

  private async route(
    routes: GatewayRoutes,
    req: IncomingMessage,
    method: string,
    path: string,
    onRoute: (routeKey: string) => void,
  ): Promise<GatewayResponse> {
    const extra = matchRoute(routes.extra, method, path);
    const match = extra ?? matchRoute(routes.template, method, path);
    if (!match) return gatewayError('notFound');
    onRoute(match.route.routeKey);
    const retryAfter = this.limiter.take(match.route.routeKey, req.socket.remoteAddress ?? '-');
    if (retryAfter !== undefined) return gatewayError('throttled', { 'retry-after': String(retryAfter) });
    const target = match.route.target;
    if (
      extra?.route.target.requiresToken &&
      !bearerMatches(req.headers.authorization, this.options.bearerToken)
    ) {
      return gatewayError('unauthorized', { 'www-authenticate': 'Bearer' });
    }
    const routeLimit = extra ? undefined : (target as TemplateTarget).maxBodyBytes;
    const body = await readBody(
      req,
      Math.min(routeLimit ?? this.maxBodyBytes, this.maxBodyBytes),
      this.maxBodyBytes,
    );
    if (!body) return gatewayError('tooLarge');
    const event = buildEvent(req, body, {
      apiId: this.options.apiId,
      routeKey: match.route.routeKey,
      pathParameters: match.pathParameters,
    });
    const jwtAuthorizer = extra ? undefined : (target as TemplateTarget).jwtAuthorizer;
    if (jwtAuthorizer) {
      const jwt = await verifyJwt(jwtAuthorizer, routes.jwtIssuer, event);
      if (!jwt) return gatewayError('unauthorized', { 'www-authenticate': 'Bearer' });
      (event.requestContext as { authorizer?: unknown }).authorizer = { jwt };
    }
    const authorizer = extra ? undefined : (target as TemplateTarget).authorizer;
    if (authorizer && this.authorizers) {
      const verdict = await this.authorizers.authorize(authorizer, event);
      if (!verdict.allowed) return verdict.response;
      (event.requestContext as { authorizer?: unknown }).authorizer = { lambda: verdict.context };
    }
    try {
      const result = extra
        ? await extra.route.target.handler(event)
        : await routes.invoke((target as TemplateTarget).functionName, event);
      return toGatewayResponse(result);
    } catch (error) {
      // Like API Gateway: the caller sees a bare 500 (503 when the function timed out); the error is logged
      // without the event.
      this.options.logger.error('handler failed', {
        method,
        routeKey: match.route.routeKey,
        ...describeError(error),
      });
      return gatewayError(error instanceof FunctionTimeoutError ? 'unavailable' : 'integrationFailed');
    }
  }

  private hostAllowed(host: string | undefined): boolean {
    const allowed = this.options.allowedHosts;
    if (!allowed) return true;
    const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
    return allowed.includes(name);
  }
}

/**
 * Reads the body as it arrives. Past `routeLimit` it stops: the handler gets the first `routeLimit + 1` bytes,
 * enough to see the body is over its limit and refuse it with its own 413, as on AWS, and nothing more is
 * buffered. Undefined when the body is over the gateway's own cap (known at once from Content-Length).
 */
function readBody(
  req: IncomingMessage,
  routeLimit: number,
  gatewayLimit: number,
): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > gatewayLimit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (body: Buffer | undefined) => {
      req.off('data', onData).off('end', onEnd).off('error', reject);
      // Stops reading until the response is written; what is left is discarded then.
      req.pause();
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size <= routeLimit) return;
      const kept = Buffer.concat(chunks).subarray(0, routeLimit + 1);
      done(routeLimit < gatewayLimit ? kept : undefined);
    };
    const onEnd = () => done(Buffer.concat(chunks));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

function write(res: ServerResponse, response: GatewayResponse): void {
  if (res.headersSent) return;
  res.writeHead(response.statusCode, { ...response.headers, 'content-length': response.body.length });
  res.end(response.body);
}
