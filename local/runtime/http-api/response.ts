// Maps a handler's result to an HTTP response the way API Gateway does for payload format 2.0,
// and builds the gateway's own error responses.
import type { OutgoingHttpHeaders } from 'node:http';
import { isRecord } from '../cfn-template.ts';

export interface GatewayResponse {
  statusCode: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export class InvalidHandlerResponseError extends Error {
  constructor(detail: string) {
    super(`The handler returned an invalid response: ${detail}`);
    this.name = 'InvalidHandlerResponseError';
  }
}

/**
 * A result with `statusCode` is a structured response; anything else is the body of a 200 JSON
 * response (a string as-is, other values JSON-encoded), as API Gateway infers it.
 */
export function toGatewayResponse(result: unknown): GatewayResponse {
  if (!isRecord(result) || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : result == null ? '' : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const statusCode = Number(result.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new InvalidHandlerResponseError(`statusCode ${JSON.stringify(result.statusCode)}`);
  }
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(isRecord(result.headers) ? result.headers : {})) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
  }
  for (const [name, values] of Object.entries(
    isRecord(result.multiValueHeaders) ? result.multiValueHeaders : {},
  )) {
    if (!Array.isArray(values)) continue;
    const key = name.toLowerCase();
    const existing = headers[key];
    headers[key] = [...(existing === undefined ? [] : [String(existing)]), ...values.map(String)];
  }
  if (Array.isArray(result.cookies) && result.cookies.length > 0) {
    headers['set-cookie'] = result.cookies.map(String);
  }
  const rawBody = result.body === undefined || result.body === null ? '' : result.body;
  const text = typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody);
  const body = result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text);
  return { statusCode, headers, body };
}

/**
 * The gateway's own answers, with the statuses and bodies API Gateway HTTP APIs send: a JSON object with one
 * `message` (never problem+json, which is what the handlers send).
 */
export const GATEWAY_ERRORS = {
  unauthorized: { status: 401, message: 'Unauthorized' },
  forbidden: { status: 403, message: 'Forbidden' },
  notFound: { status: 404, message: 'Not Found' },
  tooLarge: { status: 413, message: 'Request Entity Too Large' },
  throttled: { status: 429, message: 'Too Many Requests' },
  integrationFailed: { status: 500, message: 'Internal Server Error' },
  badResponse: { status: 502, message: 'Bad Gateway' },
  unavailable: { status: 503, message: 'Service Unavailable' },
} as const;

export function gatewayError(
  error: keyof typeof GATEWAY_ERRORS,
  headers: OutgoingHttpHeaders = {},
): GatewayResponse {
  const { status, message } = GATEWAY_ERRORS[error];
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify({ message })),
  };
}
