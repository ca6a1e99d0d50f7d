// The integration API for partner systems (the city's 12345 hotline) over real HTTP against the local runtime:
// the partner's key checked by the template's Lambda authorizer, cases idempotent by order number, the source
// on the public view, reports on behalf of a resident, and bad input that writes nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INTEGRATION_BASE_PATH } from '#infra/constructs/integration-routes.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import {
  apiDocumentValidator,
  issuedPartnerKey,
  revokedPartnerKey,
  storedCaseCount,
} from '#test/support/partner-intake.ts';

const CASES = `${INTEGRATION_BASE_PATH}/cases`;
const validator = apiDocumentValidator();
let system: TestGridwork;
let hotlineKey: string;
let otherKey: string;

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '60' });
  hotlineKey = await issuedPartnerKey('city-12345');
  otherKey = await issuedPartnerKey('county-12345');
});

afterAll(async () => {
  await system?.stop();
});

function order(orderNo: string, more: Record<string, unknown> = {}) {
  return {
    orderNo,
    channel: 'phone',
    category: 'water_supply',
    description: '3号楼两天内第二次停水，没有通知',
    location: { gridId: 'g-071' },
    caller: { name: '李先生', phone: '13900001111' },
    ...more,
  };
}

function create(key: string | undefined, body: unknown) {
  return system.api.request('POST', CASES, {
    json: body,
    headers: key === undefined ? {} : { 'x-api-key': key },
  });
}

function read(key: string, orderNo: string) {
  return system.api.request('GET', `${CASES}/${encodeURIComponent(orderNo)}`, {
    headers: { 'x-api-key': key },
  });
}

describe('the integration API', () => {
  it('makes one case of one order number, however often and however concurrently it is sent', async () => {
    // Prepare
    const body = order('12345-20261130-0001');

    // Act
    const first = await create(hotlineKey, body);
    const again = await Promise.all([create(hotlineKey, body), create(hotlineKey, body)]);
    const status = await read(hotlineKey, body.orderNo);

    // Assess
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`${CASES}/12345-20261130-0001`);
    expect(first.body).toEqual({
      orderNo: body.orderNo,
      caseId: expect.stringMatching(/^gw-[a-z2-7]{16}$/),
      source: 'hotline',
      status: 'submitted',
      gridId: 'g-071',
    });
    expect(again.map((response) => [response.status, response.body.caseId])).toEqual([
      [200, first.body.caseId],
      [200, first.body.caseId],
    ]);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      orderNo: body.orderNo,
      case: { id: first.body.caseId, source: 'hotline' },
    });
    for (const response of [first, again[0], status]) {
      if (!response) continue;
      const route = response === status ? `${CASES}/{orderNo}` : CASES;
      const method = response === status ? 'get' : 'post';
      expect(validator.errorsOf(method, route, response.status, response.contentType, response.body)).toEqual(
        [],
      );
    }
  });

  it('shows the source on the public view, and never the caller', async () => {
    // Prepare
    const created = await create(hotlineKey, order('12345-20261130-0002'));

    // Act
    const view = await system.api.request('GET', `/issues/${created.body.caseId}`);

    // Assess
    expect(view.body).toMatchObject({ id: created.body.caseId, source: 'hotline' });
    const text = JSON.stringify(view.body);
    for (const secret of ['13900001111', '李先生', '12345-20261130-0002', 'city-12345']) {
      expect(text).not.toContain(secret);
    }
  });

  it('refuses the same order number with another body, and keeps partners apart', async () => {
    // Prepare
    const body = order('12345-20261130-0003');
    const created = await create(hotlineKey, body);

    // Act
    const changed = await create(hotlineKey, { ...body, description: '换了一个说法的同一个工单号' });
    const otherPartner = await create(otherKey, body);
    const otherReads = await read(otherKey, '12345-20261130-0004');
    const notMine = await read(otherKey, 'no-such-order');

    // Assess
    expect(changed.status).toBe(409);
    expect(changed.contentType).toBe('application/problem+json');
    expect(changed.body).toMatchObject({
      type: 'urn:problem:gridwork:order-number-reused',
      issueId: created.body.caseId,
    });
    expect(otherPartner.status).toBe(201);
    expect(otherPartner.body.caseId).not.toBe(created.body.caseId);
    expect([otherReads.status, notMine.status]).toEqual([404, 404]);
    expect((await read(otherKey, body.orderNo)).body).toMatchObject({
      case: { id: otherPartner.body.caseId },
    });
  });

  it('lets no request through without a valid key, and writes nothing', async () => {
    // Prepare: a key used once (the authorizer's answer is then cached) and one revoked before any use.
    const revokedKey = await revokedPartnerKey('retired-partner');
    const before = await storedCaseCount();

    // Act
    const answers = await Promise.all([
      create(undefined, order('no-key-1')),
      create('', order('no-key-2')),
      create('gwk_not-a-key-anyone-was-given', order('unknown-key')),
      create(revokedKey, order('revoked-key')),
      create('not even the format', order('garbage-key')),
      system.api.request('GET', `${CASES}/anything`),
    ]);

    // Assess: the gateway's own answers ({"message"}), not a handler's problem+json.
    expect(answers.map((response) => [response.status, response.contentType, response.body])).toEqual([
      [401, 'application/json', { message: 'Unauthorized' }],
      [401, 'application/json', { message: 'Unauthorized' }],
      [403, 'application/json', { message: 'Forbidden' }],
      [403, 'application/json', { message: 'Forbidden' }],
      [403, 'application/json', { message: 'Forbidden' }],
      [401, 'application/json', { message: 'Unauthorized' }],
    ]);
    expect(await storedCaseCount()).toBe(before);
  });

  it('answers a bad body with 422 and the path of each field, and writes nothing', async () => {
    // Prepare
    const before = await storedCaseCount();

    // Act
    const bad = await create(hotlineKey, {
      orderNo: '含有中文的工单号',
      channel: 'fax',
      category: 'potholes',
      description: 'x',
      location: { gridId: 'g-071' },
      caller: { phone: 'call me' },
      extra: true,
    });
    const noGrid = await create(hotlineKey, order('12345-nowhere', { location: { lat: 0, lng: 0 } }));

    // Assess
    expect(bad.status).toBe(422);
    expect(bad.contentType).toBe('application/problem+json');
    const paths = (bad.body.errors as { path: string }[]).map((error) => error.path).sort();
    expect(paths).toEqual(['(body)', 'caller.phone', 'category', 'channel', 'description', 'orderNo']);
    expect(noGrid.status).toBe(422);
    expect(noGrid.body).toMatchObject({ type: 'urn:problem:gridwork:location-not-found' });
    expect(await storedCaseCount()).toBe(before);
  });
});

describe('a report on behalf of a resident (代报)', () => {
  it('sends the resident the tracking link, and the request to rate once resolved', async () => {
    // Prepare
    const body = order('12345-20261130-0100', {
      onBehalf: true,
      caller: { name: '王奶奶', phone: '13700002222' },
      location: { gridId: 'g-072' },
    });

    // Act
    const created = await create(hotlineKey, body);
    await create(hotlineKey, body);
    const id = String(created.body.caseId);
    const accept = await system.api.waitForTaskLink(id);
    await system.api.act(accept.link, { action: 'accept' });
    const resolve = await system.api.waitForTaskLink(id, [accept.link]);
    await system.api.act(resolve.link, { action: 'resolve', note: '已恢复供水' });

    // Assess
    expect(created.body).toMatchObject({ source: 'on_behalf' });
    const messages = await vi.waitFor(
      async () => {
        const items = await system.api.outbox(`reporter:${id}`);
        if (items.length < 2) throw new Error(`${items.length} messages to the resident so far`);
        return items;
      },
      { timeout: 15_000, interval: 25 },
    );
    const links = messages.map((message) => message.link ?? '');
    expect(messages).toHaveLength(2);
    expect(links.every((link) => link.includes(`/track/${id}#token=`))).toBe(true);
    expect(messages.map((message) => message.subject).sort()).toEqual([
      '您反映的问题已办结，请评价',
      '您的诉求已登记',
    ]);
    expect((await system.api.issue(id)).status).toBe('resolved');
  });
});
