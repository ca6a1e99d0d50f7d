import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { problemErrors } from './error-mapping.ts';
import { securityHeaders } from './security-headers.ts';

type RouteHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/** Wraps a route's handler with the edge middlewares every route shares. */
export function apiHandler(handler: RouteHandler) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(edgeMiddlewares())
    .use(securityHeaders())
    .use(problemErrors())
    .handler(handler);
}
