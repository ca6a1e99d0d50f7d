import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly type?: string;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** An RFC 9457 problem answer. */
export function problemResponse(
  problem: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  const body = { type: problem.type ?? 'about:blank', ...problem };
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** A request the edge refuses before any use-case runs: bad syntax, wrong media type, too large, invalid fields. */
export class HttpRequestError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'HttpRequestError';
  }
}

export function invalidFields(errors: readonly FieldError[], detail = 'The request has invalid fields.') {
  return new HttpRequestError({
    status: 422,
    type: 'urn:problem:gridwork:validation',
    title: 'Unprocessable Content',
    detail,
    errors,
  });
}
