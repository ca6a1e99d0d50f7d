import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { logger } from '#adapters/logger.ts';
import { GridNotFoundError, IssueNotFoundError, LocationNotFoundError } from '#domain/errors.ts';
import { HttpRequestError } from '#http/problem.ts';
import { securityHeaders } from '#http/security-headers.ts';
import { errorResponse, formatOfPath, Open311Error } from './format.ts';

type RouteHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/** The Open311 meaning of a failure: the spec's statuses, and a 500 that says nothing about the inside. */
export function open311ErrorOf(error: unknown): Open311Error {
  if (error instanceof Open311Error) return error;
  if (error instanceof LocationNotFoundError || error instanceof GridNotFoundError) {
    return new Open311Error(400, error.message);
  }
  if (error instanceof IssueNotFoundError) return new Open311Error(404, error.message);
  if (error instanceof HttpRequestError && error.problem.status < 500) {
    return new Open311Error(
      error.problem.status as Open311Error['status'],
      error.problem.detail ?? error.problem.title,
    );
  }
  return new Open311Error(500, 'Something went wrong on our side.');
}

/**
 * Wraps an Open311 route's handler with the edge middlewares every route shares; failures leave as the spec's
 * `<errors>` document in the format the path asked for, instead of the rest of the API's problem+json.
 */
export function open311Handler(handler: RouteHandler) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(edgeMiddlewares())
    .use(securityHeaders())
    .use({
      onError: async (request) => {
        const error = open311ErrorOf(request.error);
        if (error.status >= 500) {
          const cause = request.error;
          logger.error('request failed', {
            routeKey: request.event.routeKey,
            error: { name: cause?.name, message: cause?.message },
          });
        }
        request.response = errorResponse(formatOfPath(request.event.rawPath), error);
      },
    })
    .handler(handler);
}
