import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { latestSignInCode, signIn } from '#test/support/sign-in.ts';

let system: TestGridwork;

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '60' });
});

afterAll(async () => {
  await system?.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('local sign-in', () => {
  it('sends a code to the outbox, trades it once for a token that reads the signed-in unit only', async () => {
    // Act
    const asked = await system.api.request('POST', '/auth/code', { json: { person: 'sup-s-1' } });
    const code = await latestSignInCode(system.api, 'sup-s-1');
    const issued = await system.api.request<{ access_token: string; token_type: string; expires_in: number }>(
      'POST',
      '/auth/token',
      { json: { person: 'sup-s-1', code } },
    );
    const reused = await system.api.request('POST', '/auth/token', { json: { person: 'sup-s-1', code } });
    const token = issued.body.access_token;
    const own = await system.api.request<{ unit: { scope: string; id: string } }>(
      'GET',
      '/dashboard/api/figures',
      { headers: bearer(token) },
    );
    const otherStreet = await system.api.request('GET', '/dashboard/api/figures?scope=street&id=s-2', {
      headers: bearer(token),
    });
    const tampered = await system.api.request('GET', '/dashboard/api/figures', {
      headers: bearer(`${token.slice(0, -4)}AAAA`),
    });

    // Assess
    expect(asked.status).toBe(202);
    expect(code).toMatch(/^\d{6}$/);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(reused.status).toBe(400);
    expect(reused.contentType).toBe('application/problem+json');
    expect(own.status).toBe(200);
    expect(own.body.unit).toMatchObject({ scope: 'street', id: 's-1' });
    expect(otherStreet.status).toBe(403);
    expect(tampered).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
  });

  it('answers alike for an unknown person, issues nothing for a wrong code, and spends a code tried too often', async () => {
    // Act
    const unknown = await system.api.request('POST', '/auth/code', { json: { person: 'nobody-here' } });
    const known = await system.api.request('POST', '/auth/code', { json: { person: 'sup-s-2' } });
    const code = String(await latestSignInCode(system.api, 'sup-s-2'));
    const wrong = code === '000000' ? '000001' : '000000';
    const attempts = [];
    for (let i = 0; i < 5; i++) {
      attempts.push(
        (await system.api.request('POST', '/auth/token', { json: { person: 'sup-s-2', code: wrong } }))
          .status,
      );
    }
    const rightTooLate = await system.api.request('POST', '/auth/token', {
      json: { person: 'sup-s-2', code },
    });
    const noCode = await system.api.request('POST', '/auth/token', { json: { person: 'nobody-here', code } });
    const malformed = await system.api.request('POST', '/auth/token', {
      json: { person: 'sup-s-2', code: '12' },
    });

    // Assess
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(unknown.body).toEqual(known.body);
    expect(attempts).toEqual([400, 400, 400, 400, 400]);
    expect(rightTooLate.status).toBe(400);
    expect(noCode.status).toBe(400);
    expect(malformed.status).toBe(422);
    expect((malformed.body as { errors: { path: string }[] }).errors.map((error) => error.path)).toEqual([
      'code',
    ]);
  });

  it('publishes the issuer’s keys, and keeps the outbox from signed-in people', async () => {
    // Act
    const discovery = await system.api.request<{ issuer: string; jwks_uri: string }>(
      'GET',
      '/.well-known/openid-configuration',
    );
    const jwks = await system.api.request<{ keys: Record<string, unknown>[] }>(
      'GET',
      '/.well-known/jwks.json',
    );
    const token = await signIn(system.api, 'sup-d');
    const outbox = await system.api.request('GET', '/outbox?to=sup-d', { headers: bearer(token) });

    // Assess
    expect(discovery.body.jwks_uri).toBe(`${discovery.body.issuer}/.well-known/jwks.json`);
    expect(jwks.body.keys).toEqual([
      { kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: expect.any(String), alg: 'RS256', use: 'sig' },
    ]);
    expect(outbox.status).toBe(401);
  });
});

describe('a signed-in grid worker’s reports', () => {
  it('closes a patrol find handled on the spot, with its outcome and no rating asked', async () => {
    // Prepare
    const token = await signIn(system.api, 'w-0001');

    // Act
    const created = await system.api.request<{ id: string; status: string; gridId: string }>(
      'POST',
      '/worker/cases',
      {
        headers: bearer(token),
        json: {
          category: 'sanitation',
          description: '巡查发现楼道堆放杂物',
          onTheSpot: { note: '已协调住户当场清理', outcome: 'solved' },
        },
      },
    );
    const issue = await system.api.issue(created.body.id);

    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'closed', gridId: 'g-001' });
    expect(issue).toMatchObject({ status: 'closed', rating: null });
    expect(issue.timeline.map((event) => event.type)).toEqual(['submitted', 'resolved', 'closed']);
    expect(await system.api.outbox(`reporter:${created.body.id}`)).toEqual([]);
  });

  it('refuses a supervisor, a place outside the worker’s grid and a body asking for both ways, writing nothing', async () => {
    // Prepare
    const supervisor = await signIn(system.api, 'sup-c-101');
    const worker = await signIn(system.api, 'w-0001');
    const body = { category: 'sanitation', description: '巡查发现路灯损坏' };

    // Act
    const anonymous = await system.api.request('POST', '/worker/cases', { json: body });
    const notAWorker = await system.api.request('POST', '/worker/cases', {
      headers: bearer(supervisor),
      json: body,
    });
    const elsewhere = await system.api.request('POST', '/worker/cases', {
      headers: bearer(worker),
      json: { ...body, location: { gridId: 'g-200' } },
    });
    const both = await system.api.request('POST', '/worker/cases', {
      headers: bearer(worker),
      json: {
        ...body,
        onTheSpot: { note: '已修复', outcome: 'solved' },
        onBehalf: { phone: '13700003333' },
      },
    });

    // Assess
    expect([anonymous.status, notAWorker.status, elsewhere.status, both.status]).toEqual([
      401, 403, 403, 422,
    ]);
    expect(notAWorker.contentType).toBe('application/problem+json');
    expect((both.body as { errors: { path: string }[] }).errors.map((error) => error.path)).toEqual([
      'onTheSpot',
    ]);
  });

  it('reports for a resident, whose phone gets the tracking link and then the request to rate', async () => {
    // Prepare
    const token = await signIn(system.api, 'w-0001');

    // Act
    const created = await system.api.request<{ id: string }>('POST', '/worker/cases', {
      headers: bearer(token),
      json: {
        category: 'water_supply',
        description: '独居老人家中停水两天',
        onBehalf: { phone: '13700004444', name: '李爷爷' },
      },
    });
    const id = created.body.id;
    const accept = await system.api.waitForTaskLink(id);
    await system.api.act(accept.link, { action: 'accept' });
    const resolve = await system.api.waitForTaskLink(id, [accept.link]);
    await system.api.act(resolve.link, { action: 'resolve', note: '已恢复供水' });

    // Assess
    expect(created.status).toBe(201);
    const messages = await vi.waitFor(
      async () => {
        const items = await system.api.outbox(`reporter:${id}`);
        if (items.length < 2) throw new Error(`${items.length} messages to the resident so far`);
        return items;
      },
      { timeout: 15_000, interval: 25 },
    );
    expect(messages.map((message) => message.subject).sort()).toEqual([
      '您反映的问题已办结，请评价',
      '您的诉求已登记',
    ]);
    expect(messages.every((message) => message.link?.includes(`/track/${id}#token=`))).toBe(true);
  });
});
