// Open311 GeoReport v2 over real HTTP against the local runtime (same template, handlers and engine as on
// AWS): both formats, the same intake as POST /issues, partner keys in the registry table, and bad input.
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonResponse } from '#test/support/api-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { apiDocumentValidator, revokedPartnerKey, storedCaseCount } from '#test/support/partner-intake.ts';

const BASE = '/open311/v2';
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error'].includes(name),
});
const validator = apiDocumentValidator();
let system: TestGridwork;
let demoKey: string;

beforeAll(async () => {
  system = await startTestGridwork();
  demoKey = system.gridwork.open311Key ?? '';
  if (!demoKey) throw new Error('The demo district comes with a demo partner key');
});

afterAll(async () => {
  await system?.stop();
});

function post(
  format: 'xml' | 'json',
  fields: Record<string, string>,
  contentType = 'application/x-www-form-urlencoded',
) {
  return system.api.request<unknown>('POST', `${BASE}/requests.${format}`, {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': contentType },
  });
}

function get(path: string) {
  return system.api.request<unknown>('GET', `${BASE}${path}`);
}

/** Schema errors of a JSON answer against the OpenAPI document's answer for the route. */
function mismatches(method: string, route: string, response: JsonResponse<unknown>): string[] {
  return validator.errorsOf(method, `${BASE}${route}`, response.status, response.contentType, response.body);
}

const REQUEST = {
  jurisdiction_id: 'lusong.example.gov.cn',
  service_code: 'drainage',
  lat: '27.7815',
  long: '113.132',
  description: '共用下水管堵塞，七户受影响',
  first_name: '阿姨',
  last_name: '王',
  phone: '13812345678',
  media_url: 'https://example.com/photo.jpg',
};

describe('Open311 services', () => {
  it('are served in XML and JSON, with a definition for a category that asks more', async () => {
    // Act
    const listXml = await get('/services.xml');
    const listJson = await get('/services.json');
    const definition = await get('/services/water_supply.json');
    const definitionXml = await get('/services/water_supply.xml');
    const discovery = await get('/discovery.json');

    // Assess
    expect(listXml.contentType).toBe('text/xml; charset=utf-8');
    const services = xml.parse(String(listXml.body)).services.service as { service_code: string }[];
    expect(services.map((service) => service.service_code)).toEqual(
      (listJson.body as { service_code: string }[]).map((service) => service.service_code),
    );
    expect(mismatches('GET', '/services.json', listJson)).toEqual([]);
    expect(definition.body).toMatchObject({
      service_code: 'water_supply',
      attributes: [{ code: 'households' }, { code: 'vulnerable' }],
    });
    expect(mismatches('GET', '/services/{service_code}', definition)).toEqual([]);
    expect(String(definitionXml.body)).toContain('<service_definition>');
    expect(mismatches('GET', '/discovery.json', discovery)).toEqual([]);
    expect(discovery.body).toMatchObject({
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: expect.stringMatching(/\/open311\/v2\/$/),
        },
      ],
    });
  });

  it('answer an unknown code, or a code without a format, with a 404 errors document', async () => {
    const unknown = await get('/services/potholes.json');
    const bare = await get('/services/water_supply');
    expect([unknown.status, unknown.body]).toEqual([
      404,
      [{ code: 404, description: 'Unknown service_code: potholes.' }],
    ]);
    expect(bare.status).toBe(404);
    expect(xml.parse(String(bare.body)).errors.error[0].code).toBe('404');
  });
});

describe('an Open311 request', () => {
  it('becomes a case through the same intake as POST /issues and reads back in both formats', async () => {
    // Act
    const created = await post('xml', { api_key: demoKey, ...REQUEST });
    const id = xml.parse(String(created.body)).service_requests.request[0].service_request_id as string;
    await system.api.waitForTaskLink(id);
    const view = await system.api.issue(id);
    const one = await get(`/requests/${id}.json`);
    const oneXml = await get(`/requests/${id}.xml`);
    const open = await get('/requests.json?service_code=drainage,sanitation&status=open');
    const closed = await get('/requests.json?service_code=drainage&status=closed');
    const byIds = await get(`/requests.json?service_request_id=${id},gw-nosuchcase000000`);
    const token = await get(`/tokens/${id}.json`);

    // Assess
    expect(created.status).toBe(200);
    expect(id).toMatch(/^gw-[a-z2-7]{16}$/);
    expect(view).toMatchObject({ id, category: 'drainage', gridId: 'g-001', status: 'assigned' });
    expect(mismatches('GET', '/requests/{service_request_id}', one)).toEqual([]);
    const request = (one.body as Record<string, unknown>[])[0];
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'drainage',
      agency_responsible: '光明社区第1网格',
      address_id: 'g-001',
      description: null,
    });
    // W3C times here carry whole seconds.
    expect(Date.parse(String(request?.expected_datetime))).toBe(
      Math.floor(Date.parse(String(view.deadline)) / 1000) * 1000,
    );
    expect(String(request?.requested_datetime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(xml.parse(String(oneXml.body)).service_requests.request[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
    });
    expect(mismatches('GET', '/requests.json', open)).toEqual([]);
    expect(
      (open.body as { service_request_id: string }[]).map((entry) => entry.service_request_id),
    ).toContain(id);
    expect(
      (closed.body as { service_request_id: string }[]).map((entry) => entry.service_request_id),
    ).not.toContain(id);
    expect((byIds.body as { service_request_id: string }[]).map((entry) => entry.service_request_id)).toEqual(
      [id],
    );
    expect(token.body).toEqual([{ service_request_id: id, token: id }]);
    expect(JSON.stringify([one.body, open.body])).not.toContain('13812345678');
  });

  it('answers in JSON with the category’s notice, the attributes kept with the case', async () => {
    // Act
    const created = await post('json', {
      api_key: demoKey,
      ...REQUEST,
      service_code: 'safety_hazard',
      description: '楼道燃气味很重',
      'attribute[hazard]': 'gas',
    });

    // Assess
    expect(created.status).toBe(200);
    expect(mismatches('POST', '/requests.json', created)).toEqual([]);
    expect(created.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^gw-/),
        service_notice: expect.stringContaining('within 30 minutes'),
        account_id: null,
      },
    ]);
  });

  it('is refused with the spec’s errors, and nothing is written', async () => {
    // Prepare: a partner key issued and then revoked, as ops would with npm run partner-keys.
    const revokedKey = await revokedPartnerKey('retired-partner');
    const key = demoKey;
    const before = await storedCaseCount();

    // Act
    const answers = await Promise.all([
      post('json', { ...REQUEST }),
      post('json', { ...REQUEST, api_key: 'gwk_not-a-key' }),
      post('xml', { ...REQUEST, api_key: revokedKey }),
      post('json', { ...REQUEST, api_key: key, service_code: '' }),
      post('json', { ...REQUEST, api_key: key, service_code: 'potholes' }),
      post('xml', { ...REQUEST, api_key: key, lat: '', long: '' }),
      post('json', { ...REQUEST, api_key: key, lat: '', long: '', address_string: '无人登记的地址' }),
      post('json', { ...REQUEST, api_key: key, lat: '0', long: '0' }),
      post('json', { ...REQUEST, api_key: key, service_code: 'safety_hazard' }),
      post('json', { ...REQUEST, api_key: key, description: '' }),
      post('json', { ...REQUEST, api_key: key }, 'application/json'),
    ]);

    // Assess
    const summary = answers.map((answer) => {
      const body = answer.contentType.startsWith('text/xml')
        ? xml.parse(String(answer.body)).errors.error[0]
        : (answer.body as { code: number; description: string }[])[0];
      return [answer.status, Number(body?.code), body?.description];
    });
    expect(summary).toEqual([
      [401, 401, 'api_key is required to post a request.'],
      [403, 403, 'The api_key is not valid (unknown or revoked).'],
      [403, 403, 'The api_key is not valid (unknown or revoked).'],
      [400, 400, 'service_code is required.'],
      [404, 404, 'Unknown service_code: potholes.'],
      [400, 400, 'A location is required: lat and long, or address_string.'],
      [400, 400, expect.stringContaining('address')],
      [400, 400, expect.stringContaining('grid')],
      [400, 400, expect.stringContaining('attribute[hazard] is required')],
      [400, 400, 'description: Expected at least 2 visible characters'],
      [415, 415, 'Send the request as application/x-www-form-urlencoded.'],
    ]);
    expect(await storedCaseCount()).toBe(before);
  });

  it('lists with bad parameters are refused with 400 or 404', async () => {
    const tooLong = await get('/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
    const badStatus = await get('/requests.xml?status=pending');
    const unknownCode = await get('/requests.json?service_code=potholes');
    const unknownId = await get('/requests/gw-nosuchcase000000.json');
    expect([tooLong.status, badStatus.status, unknownCode.status, unknownId.status]).toEqual([
      400, 400, 404, 404,
    ]);
    expect(tooLong.body).toEqual([{ code: 400, description: 'The dates may not span more than 90 days.' }]);
  });
});

describe('Open311 under random and malformed input', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom(
      '<script>',
      '&amp;',
      ']]>',
      '\u0000\u0007',
      '\ud800',
      '../../etc/passwd',
      'x'.repeat(3000),
      '🚰',
    ),
  );
  const field = fc.constantFrom(
    'service_code',
    'description',
    'address_string',
    'first_name',
    'email',
    'phone',
    'attribute[hazard]',
    'attribute[hazard][]',
    'attribute[<x>]',
    'jurisdiction_id',
  );
  // No location is ever sent with the valid key, so no request can be taken.
  const form = fc
    .tuple(fc.boolean(), fc.array(fc.tuple(field, text), { maxLength: 8 }))
    .map(([withKey, pairs]) => {
      const params = new URLSearchParams(pairs);
      params.set('api_key', withKey ? demoKey : `gwk_${pairs.length}`);
      return params.toString();
    });
  const request = fc.oneof(
    fc.record({
      method: fc.constant('POST'),
      path: fc.constantFrom('/requests.xml', '/requests.json'),
      body: fc.oneof(
        form,
        fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      ),
      contentType: fc.constantFrom(
        'application/x-www-form-urlencoded',
        'application/x-www-form-urlencoded; charset=utf-8',
        'text/plain',
        '',
      ),
    }),
    fc.record({
      method: fc.constant('GET'),
      path: fc
        .tuple(
          fc.constantFrom('/requests.xml?', '/requests.json?'),
          fc.array(
            fc.tuple(
              fc.constantFrom('service_request_id', 'service_code', 'status', 'start_date', 'end_date'),
              text,
            ),
            { maxLength: 4 },
          ),
        )
        .map(([route, pairs]) => `${route}${new URLSearchParams(pairs)}`),
    }),
    fc.record({
      method: fc.constant('GET'),
      path: fc
        .tuple(
          fc.constantFrom('/requests/', '/tokens/', '/services/'),
          text,
          fc.constantFrom('.xml', '.json', ''),
        )
        .map(
          ([route, value, format]) =>
            `${route}${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}${format}`,
        ),
    }),
  );

  it('never answers 5xx, always answers a well-formed errors document, and writes nothing', async () => {
    const before = await storedCaseCount();

    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const headers: Record<string, string> = {};
        if ('contentType' in input && input.contentType) headers['content-type'] = input.contentType;
        const response = await fetch(new URL(`${BASE}${input.path}`, system.gridwork.url), {
          method: input.method,
          headers,
          ...('body' in input ? { body: input.body } : {}),
        });
        const body = await response.text();
        expect(response.status).toBeLessThan(500);
        const type = response.headers.get('content-type') ?? '';
        if (type.startsWith('text/xml')) {
          expect(XMLValidator.validate(body)).toBe(true);
          // The validator lets through characters XML 1.0 forbids; strict parsers (libxml2) refuse them.
          expect(body).not.toMatch(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u);
        } else expect(() => JSON.parse(body)).not.toThrow();
        // API Gateway's own 404 where no route matches (an empty id) is the only other answer.
        const noRoute = response.status === 404 && body === JSON.stringify({ message: 'Not Found' });
        if (response.status >= 400 && type.startsWith('application/json') && !noRoute) {
          expect(JSON.parse(body)).toEqual([{ code: response.status, description: expect.any(String) }]);
        }
      }),
      { numRuns: 120, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );

    expect(await storedCaseCount()).toBe(before);
  }, 300_000);
});
