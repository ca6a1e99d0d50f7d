import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { HttpRequestError, invalidFields } from './problem.ts';

/** Larger bodies are refused before parsing; no Gridwork request comes near it. */
export const MAX_BODY_BYTES = 32 * 1024;
const MAX_DEPTH = 8;

function tooLarge(): HttpRequestError {
  return new HttpRequestError({
    status: 413,
    title: 'Content Too Large',
    detail: `Bodies are limited to ${MAX_BODY_BYTES} bytes.`,
  });
}

function badRequest(detail: string): HttpRequestError {
  return new HttpRequestError({ status: 400, title: 'Bad Request', detail });
}

function rawBody(event: APIGatewayProxyEventV2): string {
  const body = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('The body is not valid UTF-8.');
  }
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return depth;
  return Math.max(depth, ...Object.values(value).map((child) => depthOf(child, depth + 1)));
}

/** The body as a plain value: JSON, or an HTML form's fields (what the task page posts). */
export function parseBody(event: APIGatewayProxyEventV2, accept: { form?: boolean } = {}): unknown {
  const contentType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = rawBody(event);
  if (contentType === 'application/json' || contentType.endsWith('+json')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw badRequest('The body is not valid JSON.');
    }
    if (depthOf(value) > MAX_DEPTH) throw badRequest('The body is nested too deeply.');
    return value;
  }
  if (accept.form && contentType === 'application/x-www-form-urlencoded') {
    // A repeated field (the co-handling form's departments) becomes a list; every other field stays a string.
    const fields: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(text)) {
      const earlier = fields[name];
      fields[name] =
        earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
    }
    return fields;
  }
  throw new HttpRequestError({
    status: 415,
    title: 'Unsupported Media Type',
    detail: `Send ${accept.form ? 'application/json or application/x-www-form-urlencoded' : 'application/json'}.`,
  });
}

/** Checks a value against a schema, naming every bad field by its path. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidFields(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    })),
  );
}

export function parseJson<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.infer<S> {
  return validate(schema, parseBody(event));
}
