import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '#domain/categories.ts';
import {
  authenticatePartner,
  digestOf,
  issuePartnerKey,
  type PartnerKey,
  type PartnerKeyStore,
} from '#domain/partner-keys.ts';
import { errorResponse, listResponse, Open311Error, recordResponse } from '#open311/format.ts';
import { MAX_WINDOW_MS, PAGE_LIMIT, parseRequestQuery } from '#open311/listing.ts';
import { reportOf } from '#open311/request-form.ts';
import { serviceRequestOf, UnitNames, w3cTime } from '#open311/service-request.ts';
import { serviceDefinitionOf, serviceOf } from '#open311/services.ts';
import { FakeRegistry } from '#test/support/fakes.ts';
import { assignedIssue, GRID_A } from './fixtures.ts';

// The spec's element names, in the order of its examples (wiki.open311.org/GeoReport_v2).
const SERVICE_FIELDS = [
  'service_code',
  'service_name',
  'description',
  'metadata',
  'type',
  'keywords',
  'group',
];
const ATTRIBUTE_FIELDS = [
  'variable',
  'code',
  'datatype',
  'required',
  'datatype_description',
  'order',
  'description',
  'values',
];
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'attribute', 'value', 'request', 'error'].includes(name),
});

async function category(code: string) {
  const found = DEFAULT_CATEGORIES.find((candidate) => candidate.code === code);
  if (!found) throw new Error(`no category ${code}`);
  return found;
}

function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

class FakePartnerKeys implements PartnerKeyStore {
  readonly items = new Map<string, PartnerKey>();
  async find(digest: string) {
    return this.items.get(digest);
  }
  async add(digest: string, key: PartnerKey) {
    if (!this.items.has(digest)) this.items.set(digest, key);
  }
  async revoke(keyId: string, at: string) {
    const entry = [...this.items].find(([, key]) => key.keyId === keyId);
    if (!entry) return false;
    this.items.set(entry[0], { ...entry[1], revokedAt: at });
    return true;
  }
  async list() {
    return [...this.items.values()];
  }
}

describe('Open311 documents', () => {
  it('lists services as <services><service> in XML and an array in JSON, with the spec’s fields', async () => {
    // Prepare
    const services = DEFAULT_CATEGORIES.map(serviceOf);

    // Act
    const asXml = listResponse('xml', 'services', 'service', services);
    const asJson = listResponse('json', 'services', 'service', services);

    // Assess
    expect(asXml.headers?.['content-type']).toBe('text/xml; charset=utf-8');
    expect(asJson.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(String(asXml.body).startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services>')).toBe(true);
    const parsed = xml.parse(String(asXml.body)).services.service as Record<string, string>[];
    expect(parsed).toHaveLength(8);
    expect(parsed.map((service) => Object.keys(service))).toEqual(parsed.map(() => SERVICE_FIELDS));
    const water = parsed.find((service) => service.service_code === 'water_supply');
    expect(water).toMatchObject({ metadata: 'true', type: 'realtime', group: 'water' });
    expect(water?.keywords).toContain('停水');
    const json = JSON.parse(String(asJson.body)) as Record<string, unknown>[];
    expect(json.map((service) => Object.keys(service))).toEqual(json.map(() => SERVICE_FIELDS));
    expect(json.find((service) => service.service_code === 'drainage')).toMatchObject({ metadata: false });
  });

  it('nests a definition’s attributes and values as the spec does, and drops the item names in JSON', async () => {
    // Act
    const definition = serviceDefinitionOf(await category('safety_hazard'));
    const asXml = xml.parse(String(recordResponse('xml', 'service_definition', definition).body));
    const asJson = JSON.parse(String(recordResponse('json', 'service_definition', definition).body));

    // Assess
    const [attribute] = asXml.service_definition.attributes.attribute;
    expect(asXml.service_definition.service_code).toBe('safety_hazard');
    expect(Object.keys(attribute)).toEqual(ATTRIBUTE_FIELDS);
    expect(attribute).toMatchObject({
      variable: 'true',
      code: 'hazard',
      datatype: 'singlevaluelist',
      order: '1',
    });
    expect(attribute.values.value[0]).toEqual({ key: 'gas', name: '燃气 Gas' });
    expect(asJson.attributes[0]).toMatchObject({
      code: 'hazard',
      required: true,
      datatype_description: null,
    });
    expect(asJson.attributes[0].values).toHaveLength(5);
  });

  it('answers an empty definition and an empty list with empty elements', async () => {
    const definition = String(
      recordResponse('xml', 'service_definition', serviceDefinitionOf(await category('other'))).body,
    );
    expect(definition).toContain('<attributes/>');
    expect(String(listResponse('xml', 'service_requests', 'request', []).body)).toContain(
      '<service_requests/>',
    );
    expect(listResponse('json', 'service_requests', 'request', []).body).toBe('[]');
  });

  it('writes errors as <errors><error><code/><description/> with the status, and markup escaped', () => {
    // Act
    const error = new Open311Error(404, 'Unknown service_code: <script>&.');
    const asXml = errorResponse('xml', error);
    const asJson = errorResponse('json', error);

    // Assess
    expect(asXml.statusCode).toBe(404);
    expect(String(asXml.body)).toContain(
      '<description>Unknown service_code: &lt;script&gt;&amp;.</description>',
    );
    expect(xml.parse(String(asXml.body)).errors.error).toEqual([
      { code: '404', description: 'Unknown service_code: <script>&.' },
    ]);
    expect(asJson.statusCode).toBe(404);
    expect(JSON.parse(String(asJson.body))).toEqual([
      { code: 404, description: 'Unknown service_code: <script>&.' },
    ]);
  });
});

describe('an XML answer that quotes a client', () => {
  it('stays well-formed whatever characters it quotes', () => {
    const answer = String(
      errorResponse('xml', new Open311Error(404, 'Unknown service_code: \u0000\u0007\ud800\uffff.')).body,
    );
    expect(XMLValidator.validate(answer)).toBe(true);
    expect(answer).toContain('Unknown service_code: \ufffd\ufffd\ufffd\ufffd.');
  });
});

describe('a case as a service request', () => {
  it('shows status, holder, deadline and the last event, and nothing the resident wrote', async () => {
    // Prepare
    const issue = assignedIssue();
    const registry = new FakeRegistry({
      grids: [
        {
          ...GRID_A,
          name: '光明社区第1网格',
          workers: [],
          addresses: [],
          boundary: { type: 'Polygon', coordinates: [] },
        },
      ],
    });

    // Act
    const request = await serviceRequestOf(issue, await category('water_supply'), new UnitNames(registry));

    // Assess
    expect(Object.keys(request)).toEqual(REQUEST_FIELDS);
    expect(request).toMatchObject({
      service_request_id: issue.id,
      status: 'open',
      status_notes: 'Offered to 李网格 at the grid.',
      service_name: '供水问题',
      service_code: 'water_supply',
      description: null,
      agency_responsible: '光明社区第1网格',
      requested_datetime: '2025-03-01T16:00:00+08:00',
      expected_datetime: '2025-03-01T18:00:00+08:00',
      address: '光明社区第1网格',
      address_id: 'g-001',
      lat: null,
      long: null,
    });
    expect(JSON.stringify(request)).not.toContain('张三丰');
    expect(JSON.stringify(request)).not.toContain('漏水');
  });

  it('is closed only once the case is closed for good, and then expects nothing', async () => {
    const issue = { ...assignedIssue(), status: 'closed' as const };
    const request = await serviceRequestOf(issue, undefined, new UnitNames(new FakeRegistry()));
    expect(request).toMatchObject({ status: 'closed', expected_datetime: null, agency_responsible: null });
  });

  it('writes times in the W3C profile with the China offset', () => {
    expect(w3cTime('2026-11-30T20:02:39.512Z')).toBe('2026-12-01T04:02:39+08:00');
  });
});

describe('a POST requests form', () => {
  it('becomes the report POST /issues takes, attributes as labelled lines, unknown attributes ignored', async () => {
    // Act
    const report = reportOf(
      form({
        api_key: 'k',
        jurisdiction_id: 'lusong.example.gov.cn',
        service_code: 'water_supply',
        lat: '27.7815',
        long: '113.132',
        address_string: '光明社区建设路1号1栋',
        first_name: '兰',
        last_name: '王',
        phone: '13812345678',
        email: 'lan@example.com',
        description: '3号楼本月第二次停水',
        media_url: 'https://example.com/1.jpg',
        'attribute[households]': '19',
        'attribute[vulnerable]': 'yes',
        'attribute[not_ours]': 'whatever',
      }),
      await category('water_supply'),
    );

    // Assess
    expect(report).toEqual({
      category: 'water_supply',
      description:
        '3号楼本月第二次停水\n受影响户数 How many households are without water?: 19\n' +
        '是否涉及老人或残障住户 Are elderly or disabled residents affected?: 是 Yes',
      location: { lat: 27.7815, lng: 113.132 },
      reporter: { name: '王兰', phone: '13812345678', email: 'lan@example.com' },
    });
  });

  it('takes address_string when no point is given, and names in other scripts given name first', async () => {
    const report = reportOf(
      form({
        service_code: 'drainage',
        address_string: '建设路1号',
        description: '下水道堵了',
        first_name: 'Lan',
        last_name: 'Wang',
      }),
      await category('drainage'),
    );
    expect(report.location).toEqual({ address: '建设路1号' });
    expect(report.reporter).toEqual({ name: 'Lan Wang' });
  });

  it.each([
    [{ description: '下水道堵了' }, 'A location is required: lat and long, or address_string.'],
    [{ description: '下水道堵了', lat: '27.7' }, 'Send both lat and long.'],
    [
      { description: '下水道堵了', lat: 'north', long: '113' },
      'lat and long must be numbers (WGS-84 degrees).',
    ],
    [{ description: '下水道堵了', lat: '91', long: '113' }, 'lat: Too big: expected number to be <=90'],
    [{ description: '', lat: '27.7', long: '113' }, 'description: Expected at least 2 visible characters'],
    [
      { description: '下水道堵了', lat: '27.7', long: '113', email: 'not-mail' },
      'email: Invalid email address',
    ],
  ])('refuses %o with a 400 that names the field', async (fields, description) => {
    const attempt = async () =>
      reportOf(form({ service_code: 'drainage', ...fields }), await category('drainage'));
    await expect(attempt()).rejects.toEqual(new Open311Error(400, description));
    await expect(attempt()).rejects.toMatchObject({ status: 400 });
  });

  it('refuses a missing required attribute and a value the list does not offer', async () => {
    const hazard = await category('safety_hazard');
    const base = { service_code: 'safety_hazard', lat: '27.7', long: '113', description: '燃气味很重' };
    expect(() => reportOf(form(base), hazard)).toThrow(/attribute\[hazard\] is required/);
    expect(() => reportOf(form({ ...base, 'attribute[hazard]': 'ghosts' }), hazard)).toThrow(
      'attribute[hazard] must be one of gas, electrical, structural, fire, other.',
    );
    expect(reportOf(form({ ...base, 'attribute[hazard]': 'gas' }), hazard).description).toBe(
      '燃气味很重\n隐患类型 What kind of hazard is it?: 燃气 Gas',
    );
  });
});

describe('GET requests parameters', () => {
  const now = new Date('2026-11-30T08:00:00.000Z');
  const codes = ['water_supply', 'drainage'];

  it('default to every code and state of the last 90 days, a bounded page', () => {
    expect(parseRequestQuery({}, codes, now)).toEqual({
      kind: 'window',
      codes,
      states: ['open', 'closed'],
      from: new Date(now.getTime() - MAX_WINDOW_MS).toISOString(),
      to: now.toISOString(),
      limit: PAGE_LIMIT,
    });
  });

  it('read comma-separated codes and states, W3C dates with an offset, and a start alone', () => {
    const query = parseRequestQuery(
      { service_code: 'drainage, drainage', status: 'OPEN', start_date: '2026-11-01T08:00:00+08:00' },
      codes,
      now,
    );
    expect(query).toMatchObject({
      codes: ['drainage'],
      states: ['open'],
      from: '2026-11-01T00:00:00.000Z',
      to: now.toISOString(),
    });
    // An unencoded '+' arrives as a space.
    expect(parseRequestQuery({ end_date: '2026-11-01T08:00:00 08:00' }, codes, now)).toMatchObject({
      to: '2026-11-01T00:00:00.000Z',
    });
  });

  it('let ids override everything else', () => {
    expect(
      parseRequestQuery({ service_request_id: 'gw-a,gw-b,gw-a', status: 'nonsense' }, codes, now),
    ).toEqual({
      kind: 'ids',
      ids: ['gw-a', 'gw-b'],
    });
  });

  it.each([
    [
      { start_date: '2026-01-01T00:00:00Z', end_date: '2026-11-01T00:00:00Z' },
      400,
      'The dates may not span more than 90 days.',
    ],
    [
      { start_date: '2026-11-02T00:00:00Z', end_date: '2026-11-01T00:00:00Z' },
      400,
      'start_date is after end_date.',
    ],
    [
      { start_date: '2026-11-01T00:00:00+0800' },
      400,
      'start_date must be a W3C date-time such as 2026-11-01T00:00:00Z.',
    ],
    [{ end_date: '2026-11-01' }, 400, 'end_date must be a W3C date-time such as 2026-11-01T00:00:00Z.'],
    [{ status: 'pending' }, 400, 'status must be open, closed, or both.'],
    [{ service_code: 'drainage,potholes' }, 404, 'Unknown service_code: potholes.'],
  ])('refuse %o with %i', (params, status, description) => {
    expect(() => parseRequestQuery(params, codes, now)).toThrow(new Open311Error(status as 400, description));
  });
});

describe('partner keys', () => {
  it('store only the digest, and let in a key until it is revoked', async () => {
    // Prepare
    const store = new FakePartnerKeys();
    const { apiKey, key } = await issuePartnerKey(store, 'fixmystreet', new Date('2026-11-30T08:00:00Z'));
    const second = await issuePartnerKey(store, 'fixmystreet', new Date('2026-11-30T09:00:00Z'));

    // Act
    const before = await authenticatePartner(store, apiKey);
    await store.revoke(key.keyId, '2026-11-30T10:00:00Z');
    const after = await authenticatePartner(store, apiKey);
    const other = await authenticatePartner(store, second.apiKey);

    // Assess
    expect(apiKey).toMatch(/^gwk_[A-Za-z0-9_-]{43}$/);
    expect([...store.items.keys()]).toEqual([digestOf(apiKey), digestOf(second.apiKey)]);
    expect(JSON.stringify([...store.items])).not.toContain(apiKey);
    expect(key.keyId).toBe(digestOf(apiKey).slice(0, 12));
    expect(before).toEqual({
      keyId: key.keyId,
      partnerId: 'fixmystreet',
      createdAt: '2026-11-30T08:00:00.000Z',
    });
    expect(after).toBeUndefined();
    expect(other?.partnerId).toBe('fixmystreet');
  });

  it('let in no unknown key, whatever it looks like', async () => {
    const store = new FakePartnerKeys();
    await issuePartnerKey(store, 'demo', new Date(), 'gwk_known');
    expect(await authenticatePartner(store, 'gwk_unknown')).toBeUndefined();
    expect(await authenticatePartner(store, 'known')).toBeUndefined();
    expect(await authenticatePartner(store, `gwk_${'x'.repeat(300)}`)).toBeUndefined();
    expect(await authenticatePartner(store, 'gwk_known')).toMatchObject({ partnerId: 'demo' });
  });
});
