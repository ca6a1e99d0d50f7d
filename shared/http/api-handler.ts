import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { type ProblemPages, problemErrors } from './error-mapping.ts';
import { securityHeaders } from './security-headers.ts';

type RouteHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

export interface RouteOptions {
  /** For page routes: which requests get their failures as a page, and how it is drawn. */
  readonly pages?: ProblemPages;
}

/** Wraps a route's handler with the edge middlewares every route shares. */
export function apiHandler(handler: RouteHandler, options: RouteOptions = {}) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(edgeMiddlewares())
    .use(securityHeaders())
    .use(problemErrors(options.pages))
    .handler(handler);
}
