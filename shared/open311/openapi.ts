// The Open311 routes as the OpenAPI document describes them: the JSON shapes as zod schemas (the XML is the
// same document in the spec's element names), the form POST requests takes, and the spec's error answers.
import * as z from 'zod';
import { OPEN311_BASE_PATH } from './discovery.ts';
import { MAX_IDS, PAGE_LIMIT } from './listing.ts';

type JsonSchema = Record<string, unknown>;

const nullableText = z.string().nullable();

const service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});

const serviceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: nullableText,
      order: z.int().positive(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })),
    }),
  ),
});

const serviceRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: nullableText,
  service_name: z.string(),
  service_code: z.string(),
  description: z.null().describe('Never shown: the resident’s words are not public'),
  agency_responsible: nullableText.describe(
    'The unit holding the case: its grid, community, street or district',
  ),
  service_notice: nullableText,
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: nullableText.describe('The deadline of the task open on the case'),
  address: nullableText.describe('The name of the case’s grid'),
  address_id: z.string().describe('The id of the case’s grid'),
  zipcode: z.null(),
  lat: z.null(),
  long: z.null(),
  media_url: nullableText.describe('A short-lived URL of the case’s first photo'),
});

const created = z.object({
  service_request_id: z.string(),
  service_notice: z.string(),
  account_id: z.null(),
});

const token = z.object({ service_request_id: z.string(), token: z.string() });

const errors = z.array(z.object({ code: z.int(), description: z.string() }));

const discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.string(),
      formats: z.array(z.string()),
    }),
  ),
});

/** The form of POST requests; `attribute[<code>]` fields answer the service definition's attributes. */
const requestForm = z
  .object({
    api_key: z.string().describe('A partner key issued by `npm run partner-keys -- add <partner>`'),
    jurisdiction_id: z.string().optional().describe('Ignored: the endpoint serves one district'),
    service_code: z.string(),
    lat: z.number().optional(),
    long: z.number().optional(),
    address_string: z.string().optional().describe('A registered address; else send lat and long'),
    email: z.string().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    phone: z.string().optional(),
    description: z.string().describe('At least 2 visible characters, at most 2000 with the attributes'),
    media_url: z.string().optional().describe('Accepted and not kept'),
  })
  .catchall(z.string());

const SCHEMAS = {
  Open311Service: z.array(service),
  Open311ServiceDefinition: serviceDefinition,
  Open311Requests: z.array(serviceRequest),
  Open311Created: z.array(created),
  Open311Tokens: z.array(token),
  Open311Errors: errors,
  Open311Discovery: discovery,
  Open311RequestForm: requestForm,
} as const;

const ref = (name: keyof typeof SCHEMAS | 'GatewayMessage') => ({ $ref: `#/components/schemas/${name}` });

/** The Open311 schemas, as the document's components. */
export function open311Components(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

const GATEWAY: Record<number, string> = {
  413: 'Gateway: the body is over API Gateway’s 10 MB cap.',
  429: 'Gateway: the stage’s throttle.',
  503: 'Gateway: the function ran past its timeout.',
};

function answers(
  ok: keyof typeof SCHEMAS,
  okDescription: string,
  failures: Readonly<Record<number, string>>,
): JsonSchema {
  const both = (name: keyof typeof SCHEMAS) => ({
    'text/xml': { schema: { type: 'string', description: 'The same document in the spec’s XML' } },
    'application/json': { schema: ref(name) },
  });
  const statuses = { ...failures, 500: 'An unexpected failure; the body says nothing about the inside.' };
  const responses: Record<string, JsonSchema> = { 200: { description: okDescription, content: both(ok) } };
  for (const [status, description] of Object.entries(statuses)) {
    responses[status] = {
      description: `Open311 \`errors\` document: ${description}`,
      content: both('Open311Errors'),
    };
  }
  for (const [status, description] of Object.entries(GATEWAY)) {
    const byHandler = responses[status];
    responses[status] = byHandler
      ? {
          description: `${byHandler.description} ${description}`,
          content: {
            'text/xml': { schema: { type: 'string' } },
            'application/json': { schema: { anyOf: [ref('Open311Errors'), ref('GatewayMessage')] } },
          },
        }
      : { description, content: { 'application/json': { schema: ref('GatewayMessage') } } };
  }
  return responses;
}

function pathParameter(name: string, example: string): JsonSchema {
  return {
    name,
    in: 'path',
    required: true,
    description: `With the format appended, e.g. \`${example}\``,
    schema: { type: 'string', pattern: '\\.(xml|json)$' },
  };
}

const query = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string' },
});

const JURISDICTION = query('jurisdiction_id', 'Ignored: the endpoint serves one district');

function get(summary: string, parameters: JsonSchema[], responses: JsonSchema): JsonSchema {
  return { tags: ['Open311'], summary, security: [], parameters: [JURISDICTION, ...parameters], responses };
}

/** Every Open311 route: each `.xml` and `.json` route of the template, and the parameterised ones. */
export function open311Paths(): Record<string, Record<string, JsonSchema>> {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const at = (path: string, method: string, operation: JsonSchema, id: string) => {
    paths[`${OPEN311_BASE_PATH}${path}`] = {
      ...paths[`${OPEN311_BASE_PATH}${path}`],
      [method]: { operationId: id, ...operation },
    };
  };
  for (const format of ['xml', 'json'] as const) {
    const upper = format.toUpperCase();
    at(
      `/discovery.${format}`,
      'get',
      get(
        'Service discovery: where the GeoReport v2 endpoint is and its formats',
        [],
        answers('Open311Discovery', 'The discovery document', {}),
      ),
      `getOpen311Discovery${upper}`,
    );
    at(
      `/services.${format}`,
      'get',
      get('The categories as Open311 services', [], answers('Open311Service', 'Every service', {})),
      `getOpen311Services${upper}`,
    );
    at(
      `/requests.${format}`,
      'get',
      get(
        `Service requests, newest first, at most ${PAGE_LIMIT}`,
        [
          query(
            'service_request_id',
            `Up to ${MAX_IDS} ids, comma-separated; overrides every other parameter`,
          ),
          query('service_code', 'Service codes, comma-separated (default: all)'),
          query('status', '`open`, `closed` or both, comma-separated (default: both)'),
          query('start_date', 'W3C date-time; the window spans at most 90 days (default: the last 90)'),
          query('end_date', 'W3C date-time'),
        ],
        answers('Open311Requests', 'The requests', {
          400: 'A bad date, status or window over 90 days; too many ids.',
          404: 'An unknown service_code.',
        }),
      ),
      `getOpen311Requests${upper}`,
    );
    at(
      `/requests.${format}`,
      'post',
      {
        tags: ['Open311'],
        summary: 'Report a problem with a partner’s API key (the same intake as POST /issues)',
        security: [],
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: ref('Open311RequestForm') } },
        },
        responses: answers('Open311Created', 'Taken: the new request’s id', {
          400: 'No service_code, no location (lat and long, or address_string), a place no grid covers, a missing or bad attribute, a bad field.',
          401: 'No api_key.',
          403: 'An unknown or revoked api_key.',
          404: 'An unknown service_code.',
          413: 'The body is over 32 KiB.',
          415: 'The body is not a form.',
        }),
      },
      `postOpen311Requests${upper}`,
    );
  }
  at(
    '/services/{service_code}',
    'get',
    get(
      'A service definition: the attributes a category asks for',
      [pathParameter('service_code', 'water_supply.xml')],
      answers('Open311ServiceDefinition', 'The definition', { 404: 'An unknown code, or no format.' }),
    ),
    'getOpen311ServiceDefinition',
  );
  at(
    '/requests/{service_request_id}',
    'get',
    get(
      'One service request',
      [pathParameter('service_request_id', 'gw-….json')],
      answers('Open311Requests', 'A list of one request', { 404: 'An unknown id, or no format.' }),
    ),
    'getOpen311Request',
  );
  at(
    '/tokens/{token}',
    'get',
    get(
      'The request of a token; requests are realtime, so a token is only ever a request’s own id',
      [pathParameter('token', 'gw-….xml')],
      answers('Open311Tokens', 'The request id', { 404: 'An unknown token, or no format.' }),
    ),
    'getOpen311Token',
  );
  return paths;
}
