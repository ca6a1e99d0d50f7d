// The OpenAPI 3.1 document of the API, generated from the zod schemas the handlers validate with and the
// response schemas, with zod's own JSON Schema output (draft 2020-12, which OpenAPI 3.1 uses).
import * as z from 'zod';
import { open311Components, open311Paths } from '#open311/openapi.ts';
import { OPERATIONS, type Operation, REQUEST_SCHEMAS } from './openapi-routes.ts';
import { RESPONSE_SCHEMAS } from './response-schemas.ts';
import { idempotencyKey } from './schemas.ts';

type JsonSchema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** What the gateway answers itself, on every route, before or instead of the handler. */
const GATEWAY = {
  401: 'the dashboard routes’ JWT authorizer refused the request (no token, or not a valid supervisor JWT)',
  413: 'the body is over API Gateway’s 10 MB cap',
  429: 'the stage’s throttle',
  500: 'the function failed without answering',
  503: 'the function ran past its timeout',
} as const;

/** What the integration routes' Lambda authorizer answers through the gateway. */
const PARTNER_GATEWAY = {
  401: 'no `X-Api-Key` header (the authorizer is not called)',
  403: 'the partner authorizer refused the key (unknown or revoked)',
} as const;

/** What a handler's failure means when no route names it: the edge's catch-all. */
const HANDLER_500 = 'An unexpected failure (a defect); the body says nothing about the inside.';

/** The components of a zod registry as JSON Schemas, without the per-schema `$schema` and `$id`. */
function componentsOf(
  schemas: Record<string, z.ZodType>,
  io: 'input' | 'output',
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: converted } = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(converted).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

function inline(schema: z.ZodType): JsonSchema {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

function parameters(operation: Operation): JsonSchema[] {
  const path = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query: JsonSchema[] = [];
  if (operation.query) {
    const { properties = {}, required = [] } = inline(operation.query) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(properties)) {
      query.push({ name, in: 'query', required: required.includes(name), schema });
    }
  }
  const headers = operation.idempotencyKey
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            '32 to 128 printable ASCII characters (a random UUID). The same key and body return the first ' +
            'answer, tracking token included: keep it secret. Remembered for 24 hours.',
          schema: inline(idempotencyKey),
        },
      ]
    : [];
  return [...path, ...query, ...headers];
}

function okResponse(operation: Operation): JsonSchema {
  const { ok } = operation;
  const content: JsonSchema = {};
  if (ok.json) content['application/json'] = { schema: ref(ok.json) };
  if (ok.media) content[ok.media] = { schema: { type: 'string' } };
  return {
    description: ok.description,
    content,
    ...(ok.status !== 200 ? { headers: { location: { schema: { type: 'string' } } } } : {}),
  };
}

/** Each failure status of a route, with who answers it: the handler (problem+json) or the gateway. */
function errorResponses(operation: Operation): Record<string, JsonSchema> {
  const gateway: Partial<Record<number, string>> = {
    429: GATEWAY[429],
    500: GATEWAY[500],
    503: GATEWAY[503],
    ...(operation.body ? { 413: GATEWAY[413] } : {}),
    ...(operation.auth === 'supervisor' ? { 401: GATEWAY[401] } : {}),
    ...(operation.auth === 'partner' ? PARTNER_GATEWAY : {}),
  };
  const problems: Record<number, string> = { 500: HANDLER_500, ...operation.problems };
  const statuses = [...new Set([...Object.keys(problems), ...Object.keys(gateway)].map(Number))].sort(
    (a, b) => a - b,
  );
  return Object.fromEntries(
    statuses.map((status) => {
      const byHandler = problems[status];
      const byGateway = gateway[status];
      const content: JsonSchema = {};
      if (byHandler) content['application/problem+json'] = { schema: ref('Problem') };
      if (byHandler && operation.pageErrors) content['text/html'] = { schema: { type: 'string' } };
      if (byGateway) content['application/json'] = { schema: ref('GatewayMessage') };
      const description = [
        byHandler
          ? `Handler (problem+json${operation.pageErrors ? ', or a page for a browser' : ''}): ${byHandler}`
          : '',
        byGateway ? `Gateway (\`{"message"}\`): ${byGateway}.` : '',
      ]
        .filter(Boolean)
        .join(' ');
      // The handlers' 503 says when to try again; the gateway's answers carry no retry-after.
      const retry =
        status === 503 && byHandler ? { headers: { 'retry-after': { schema: { type: 'string' } } } } : {};
      return [String(status), { description, content, ...retry }];
    }),
  );
}

const SECURITY: Record<NonNullable<Operation['auth']>, JsonSchema[]> = {
  tracking: [{ trackingToken: [] }],
  'tracking-optional': [{}, { trackingToken: [] }],
  supervisor: [{ supervisorJwt: [] }],
  partner: [{ partnerKey: [] }],
};

/** `GET /issues/{id}` → `getIssuesId`; `GET /` → `getRoot`. */
function operationIdOf({ method, path }: Operation): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((word) => (word[0]?.toUpperCase() ?? '') + word.slice(1)).join('') || 'Root';
  return `${method.toLowerCase()}${name}`;
}

function operationOf(operation: Operation): JsonSchema {
  const params = parameters(operation);
  const { body } = operation;
  return {
    operationId: operationIdOf(operation),
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security: operation.auth ? SECURITY[operation.auth] : [],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref(body.schema) },
              ...(body.form ? { 'application/x-www-form-urlencoded': { schema: ref(body.schema) } } : {}),
            },
          },
        }
      : {}),
    responses: {
      // A repeat of an idempotent create answers 200 with the same body.
      ...(operation.ok.repeated
        ? { '200': { content: okResponse(operation).content, description: operation.ok.repeated } }
        : {}),
      [String(operation.ok.status)]: okResponse(operation),
      ...errorResponses(operation),
    },
  };
}

/** The OpenAPI 3.1 document of every route, built from the route list and its schemas. */
export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of OPERATIONS) {
    const item = paths[operation.path] ?? {};
    paths[operation.path] = item;
    item[operation.method.toLowerCase()] = operationOf(operation);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Gridwork',
      version: '1',
      summary: 'Residents report, grid workers act through links, supervisors watch.',
      description:
        'Errors come from two places, and the content type says which: the handlers answer ' +
        '`application/problem+json` (RFC 9457, `errors[].path` for each invalid field), API Gateway answers ' +
        '`application/json` with only a `message` (404 for a method and path with no route, 401 from the ' +
        'dashboard’s JWT authorizer, 413 over 10 MB, 429 throttled, 503 past the function’s timeout; the local runtime also 403 for a foreign `Host`). ' +
        'A request that fails changes nothing.',
    },
    servers: [{ url: '/' }],
    tags: [
      'Residents',
      'Grid workers',
      'Figures',
      'Pages',
      'Service',
      'Integration',
      'Open311',
      'Workbench',
    ].map((name) => ({ name })),
    paths: { ...paths, ...open311Paths() },
    components: {
      schemas: {
        ...componentsOf(REQUEST_SCHEMAS, 'input'),
        ...componentsOf(RESPONSE_SCHEMAS, 'output'),
        ...open311Components(),
        OpenApiDocument: { type: 'object', required: ['openapi', 'info', 'paths'] },
      },
      securitySchemes: {
        trackingToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The tracking token POST /issues answered with',
        },
        partnerKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description:
            'A partner system’s key (`npm run partner-keys`), checked by the gateway’s Lambda authorizer; the answer ' +
            'is cached for 30 s per key, so a revoked key may work that much longer',
        },
        supervisorJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A signed-in person’s JWT from the stage’s user pool or OpenID Connect issuer (locally: from POST /auth/token)',
        },
      },
    },
  };
}
