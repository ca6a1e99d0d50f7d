import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

let system: TestGridwork;

beforeAll(async () => {
  system = await startTestGridwork();
});

afterAll(async () => {
  await system?.stop();
});

async function casesTableItems(): Promise<unknown[]> {
  const table = String(process.env.CASES_TABLE);
  const { Items } = await documentClient().send(new ScanCommand({ TableName: table, ConsistentRead: true }));
  return (Items ?? []).sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
}

const valid = {
  category: 'drainage',
  description: '共用下水管堵塞，七户受影响',
  location: { gridId: 'g-002' },
};

const cases: {
  name: string;
  body: string;
  headers?: Record<string, string>;
  status: number;
  path?: string;
}[] = [
  { name: 'malformed JSON', body: '{"category": ', status: 400 },
  {
    name: 'a missing field',
    body: JSON.stringify({ ...valid, description: undefined }),
    status: 422,
    path: 'description',
  },
  {
    name: 'an unknown field',
    body: JSON.stringify({ ...valid, priority: 'high' }),
    status: 422,
    path: '(body)',
  },
  {
    name: 'an unknown category',
    body: JSON.stringify({ ...valid, category: 'ufo' }),
    status: 422,
    path: 'category',
  },
  {
    name: 'an unknown grid',
    body: JSON.stringify({ ...valid, location: { gridId: 'g-999' } }),
    status: 422,
    path: 'location.gridId',
  },
  {
    name: 'an unregistered address',
    body: JSON.stringify({ ...valid, location: { address: '火星路1号' } }),
    status: 422,
    path: 'location.address',
  },
  {
    name: 'a point outside every grid',
    body: JSON.stringify({ ...valid, location: { lat: 39.9, lng: 116.4 } }),
    status: 422,
    path: 'location',
  },
  {
    name: 'a bad phone number',
    body: JSON.stringify({ ...valid, reporter: { phone: 'call me' } }),
    status: 422,
    path: 'reporter.phone',
  },
  {
    name: 'an oversized body',
    body: JSON.stringify({ ...valid, description: 'x'.repeat(40_000) }),
    status: 413,
  },
  {
    name: 'a wrong content type',
    body: 'category=drainage',
    headers: { 'content-type': 'text/plain' },
    status: 415,
  },
];

describe('POST /issues with bad input', () => {
  it.each(cases)(
    'answers $name with $status problem+json and writes nothing',
    async ({ body, headers, status, path }) => {
      const before = await casesTableItems();

      const response = await system.api.request<{ status: number; errors?: { path: string }[] }>(
        'POST',
        '/issues',
        {
          body,
          headers: headers ?? { 'content-type': 'application/json' },
        },
      );

      expect(response.status).toBe(status);
      expect(response.contentType).toBe('application/problem+json');
      expect(response.body.status).toBe(status);
      if (path) expect(response.body.errors?.map((error) => error.path)).toContain(path);
      expect(await casesTableItems()).toEqual(before);
    },
  );

  it('routes a point and a registered address to their grids', async () => {
    const byAddress = await system.api.report({ ...valid, location: { address: '光明社区建设路1号2栋' } });
    const byPoint = await system.api.report({ ...valid, location: { lat: 27.7815, lng: 113.136 } });
    // The same place picked on a Chinese map platform (GCJ-02): unconverted, it lies south of every grid.
    const onAChineseMap = { lat: 27.778363, lng: 113.141822 };
    const byMarkedPoint = await system.api.report({
      ...valid,
      location: { ...onAChineseMap, coordSystem: 'gcj02' },
    });
    const byUnmarkedPoint = await system.api.report({ ...valid, location: onAChineseMap });

    expect(byAddress.body.gridId).toBe('g-001');
    expect(byPoint.body.gridId).toBe('g-002');
    expect(byMarkedPoint.body.gridId).toBe('g-002');
    expect(byUnmarkedPoint.status).toBe(422);
  });

  it('gives the same issue for a repeated Idempotency-Key, and 422 for the same key with another body', async () => {
    const headers = { 'idempotency-key': 'report-7f3a-0b6e-4c1d-9a52-3e8f1c2d4b6a' };
    const first = await system.api.report(valid, headers);
    const again = await system.api.report(valid, headers);
    const other = await system.api.report({ ...valid, description: '另一件事：路灯坏了' }, headers);

    expect(first.status).toBe(201);
    // The repeat answers with the issue as it is now: its workflow may have assigned it in between.
    const { status: _statusNow, ...sameIssue } = again.body;
    const { status: _statusThen, ...firstIssue } = first.body;
    expect(again.status).toBe(201);
    expect(sameIssue).toEqual(firstIssue);
    expect(['submitted', 'assigned']).toContain(again.body.status);
    expect(other.status).toBe(422);
    const stored = JSON.stringify(await casesTableItems());
    expect(stored).toContain('IDEMPOTENCY#');
    expect(stored).not.toContain(headers['idempotency-key']);
  });

  it('refuses a short, guessable Idempotency-Key before anything is stored', async () => {
    const guessable = await system.api.report(valid, { 'idempotency-key': 'report-7f3a' });

    expect(guessable.status).toBe(422);
    expect(guessable.body).toMatchObject({
      errors: [{ path: 'idempotency-key', message: expect.stringContaining('32') }],
    });
  });
});

describe('GET /grids', () => {
  it('pages through the grids with the cursor it returns, and refuses a cursor it never returned', async () => {
    const first = await system.api.request<{ items: { id: string }[]; next: string }>(
      'GET',
      '/grids?limit=2',
    );
    const second = await system.api.request<{ items: { id: string }[] }>(
      'GET',
      `/grids?limit=2&cursor=${first.body.next}`,
    );
    const forged = await system.api.request<{ errors: { path: string }[] }>('GET', '/grids?limit=1&cursor=1');

    expect(first.body.items.map((grid) => grid.id)).toEqual(['g-001', 'g-002']);
    expect(second.body.items.map((grid) => grid.id)).toEqual(['g-003', 'g-004']);
    expect(forged.status).toBe(422);
    expect(forged.body.errors.map((error) => error.path)).toEqual(['cursor']);
  });
});
