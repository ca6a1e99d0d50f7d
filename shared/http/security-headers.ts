import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

/**
 * Sent on every response, problems included: browsers keep to HTTPS for a year (the API is HTTPS-only on
 * AWS; browsers ignore the header over plain HTTP, so local runs are unaffected), and never guess a content
 * type, so a JSON body or a script module cannot be run as something else.
 */
export const SECURITY_HEADERS = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
} as const;

function addTo(response: APIGatewayProxyResultV2 | null | undefined): void {
  // A bare string or object result is not a structured response: API Gateway wraps it as JSON itself.
  if (typeof response !== 'object' || response === null || !('statusCode' in response)) return;
  response.headers = { ...response.headers, ...SECURITY_HEADERS };
}

/**
 * Adds the security headers to the response; used before the error middleware, so it runs after it and
 * sees the problem response too.
 */
export function securityHeaders(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  return {
    after: (request) => addTo(request.response),
    onError: (request) => addTo(request.response),
  };
}
