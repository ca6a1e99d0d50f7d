// The local HTTP API: matches each request to a route (local-only extra routes first, then the
// template's), invokes the function with a payload 2.0 event and writes its response.
// Logs carry method, route key, status and duration only: paths, query strings and bodies can
// hold secrets (task tokens) and personal data.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describeError, type Logger } from '../logger.ts';
import { bearerMatches } from './bearer.ts';
import { buildEvent } from './event.ts';
import { type RateLimit, RateLimiter } from './rate-limit.ts';
import { type GatewayResponse, internalServerError, problem, toGatewayResponse } from './response.ts';
import { matchRoute, type Route, type TemplateTarget } from './routes.ts';

export type ExtraRouteHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export interface GatewayRoutes {
  extra: Route<ExtraRouteHandler>[];
  template: Route<TemplateTarget>[];
}

export interface GatewayOptions {
  apiId: string;
  maxBodyBytes: number;
  logger: Logger;
  /**
   * The bearer token that stands in for a JWT authorizer: routes with `AuthorizationType: JWT` answer 401
   * without it, as API Gateway does without a valid JWT. Unset, such routes always answer 401.
   */
  bearerToken?: string;
  /** Per-client limits by route key, the local stand-in for throttling in front of the API (429 past them). */
  rateLimits?: Readonly<Record<string, RateLimit>>;
  invoke(functionName: string, event: APIGatewayProxyEventV2): Promise<unknown>;
}

export class HttpGateway {
  readonly server: Server;
  private routes: GatewayRoutes | undefined;
  private readonly limiter: RateLimiter;

  constructor(private readonly options: GatewayOptions) {
    this.limiter = new RateLimiter(options.rateLimits ?? {});
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  /** Until routes are set (the runtime is still starting), requests get 503. */
  setRoutes(routes: GatewayRoutes): void {
    this.routes = routes;
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
      response = internalServerError();
    }
    try {
      write(res, response);
    } catch (error) {
      // E.g. a header value Node refuses to send: API Gateway would answer 502, so do we.
      this.options.logger.error('response could not be sent', { method, routeKey, ...describeError(error) });
      response = problem(502, 'Bad Gateway', 'The handler returned a response that cannot be sent');
      write(res, response);
    }
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
    if (!this.routes) {
      await drain(req);
      return problem(503, 'Service Unavailable', 'The local runtime is still starting');
    }
    const extra = matchRoute(this.routes.extra, method, path);
    const match = extra ?? matchRoute(this.routes.template, method, path);
    if (!match) {
      await drain(req);
      return problem(404, 'Not Found', 'No route matches this request');
    }
    onRoute(match.route.routeKey);
    const retryAfter = this.limiter.take(match.route.routeKey, req.socket.remoteAddress ?? '-');
    if (retryAfter !== undefined) {
      await drain(req);
      return tooManyRequests(retryAfter);
    }
    const target = extra ? undefined : (match.route.target as TemplateTarget);
    if (target?.requiresToken && !bearerMatches(req.headers.authorization, this.options.bearerToken)) {
      await drain(req);
      return unauthorized();
    }
    const body = await readBody(req, this.options.maxBodyBytes);
    if (!body) {
      return problem(
        413,
        'Payload Too Large',
        `Request bodies are limited to ${this.options.maxBodyBytes} bytes`,
      );
    }
    const event = buildEvent(req, body, {
      apiId: this.options.apiId,
      routeKey: match.route.routeKey,
      pathParameters: match.pathParameters,
    });
    let result: unknown;
    try {
      result = extra
        ? await extra.route.target(event)
        : await this.options.invoke((target as TemplateTarget).functionName, event);
    } catch (error) {
      // Like API Gateway: the caller sees a bare 500; the error is logged without the event.
      this.options.logger.error('handler failed', {
        method,
        routeKey: match.route.routeKey,
        ...describeError(error),
      });
      return internalServerError();
    }
    return toGatewayResponse(result);
  }
}

function tooManyRequests(retryAfterSeconds: number): GatewayResponse {
  const response = problem(429, 'Too Many Requests', 'Too many requests from this address; try again later.');
  return { ...response, headers: { ...response.headers, 'retry-after': String(retryAfterSeconds) } };
}

/** API Gateway's answer to a missing or invalid JWT, as problem+json like the rest of the API. */
function unauthorized(): GatewayResponse {
  const response = problem(401, 'Unauthorized', 'Send the dashboard token as a Bearer token.');
  return { ...response, headers: { ...response.headers, 'www-authenticate': 'Bearer' } };
}

/** Reads the body, or returns undefined once it exceeds `maxBytes` (the rest is read and discarded). */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = declared > maxBytes;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  return tooLarge ? undefined : Buffer.concat(chunks);
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) {
    // discarded
  }
}

function write(res: ServerResponse, response: GatewayResponse): void {
  if (res.headersSent) return;
  res.writeHead(response.statusCode, { ...response.headers, 'content-length': response.body.length });
  res.end(response.body);
}
