import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { problemErrors } from './error-mapping.ts';

type RouteHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/** Wraps a route's handler with the edge middlewares every route shares. */
export function apiHandler(handler: RouteHandler) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>().use(problemErrors()).handler(handler);
}
