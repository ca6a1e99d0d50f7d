// Case-list exports over HTTP on the local runtime: the job is queued, the exporter (the template's queue
// mapping) writes the file into the template's bucket, and the download goes through the presigned URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { signIn } from '#test/support/sign-in.ts';

let system: TestGridwork;
const tokens: Record<string, string> = {};
/** Cases of a grid of street s-1 (newest first) and one of street s-2. */
const ours: string[] = [];
let communityId = '';

type ExportView = {
  id: string;
  status: string;
  rows?: number;
  complete?: boolean;
  fileName?: string;
  url?: string;
};
type Problem = { status: number; errors?: { path: string }[] };

const as = (person: string) => ({ headers: { authorization: `Bearer ${tokens[person]}` } });
const exportsOf = async () =>
  (
    await system.api.request<{ entries: { action: string }[] }>(
      'GET',
      `/workbench/api/audit?from=${chinaToday()}&to=${chinaToday()}`,
      as('sup-d'),
    )
  ).body.entries.filter((entry) => entry.action === 'exported_cases').length;
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Polls an export until it is no longer running (a deadline, no fixed wait). */
async function finished(person: string, location: string): Promise<ExportView> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const view = await system.api.request<ExportView>('GET', location, as(person));
    if (view.body.status !== 'running' || Date.now() > deadline) return view.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '60' });
  const grids = await system.api.request<{ items: { id: string; communityId: string; streetId: string }[] }>(
    'GET',
    '/grids?limit=100',
  );
  const here = grids.body.items.find((grid) => grid.streetId === 's-1');
  const elsewhere = grids.body.items.find((grid) => grid.streetId === 's-2');
  if (!here || !elsewhere) throw new Error('the demo district has no grid of street s-1 or s-2');
  communityId = here.communityId;
  for (const [n, gridId] of [here.id, here.id, here.id, elsewhere.id].entries()) {
    const receipt = await system.api.report({
      category: 'sanitation',
      description: `楼道堆放杂物, "第${n}处"`,
      location: { gridId },
      reporter: { name: '居民', phone: '13812345678' },
    });
    if (receipt.status !== 201) throw new Error(`report answered ${receipt.status}`);
    if (gridId === here.id) ours.unshift(receipt.body.id);
  }
  for (const person of ['sup-s-1', 'sup-s-2', 'sup-d', `sup-${communityId}`]) {
    tokens[person] = await signIn(system.api, person);
  }
});

afterAll(async () => {
  await system?.stop();
});

describe('case-list exports', () => {
  it('export a street’s filtered cases as CSV through a short-lived URL, phones whole where the street holds the case', async () => {
    // Act
    const started = await system.api.request<{ id: string; status: string; location: string }>(
      'POST',
      '/workbench/api/exports?category=sanitation',
      as('sup-s-1'),
    );
    const view = await finished('sup-s-1', started.headers.get('location') ?? '');
    const download = await fetch(view.url ?? '');
    // The bytes, not text(): a decoder drops the byte order mark this test is about.
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download.arrayBuffer());

    // Assess
    expect(started.status).toBe(202);
    expect(started.body).toEqual({
      id: expect.any(String),
      status: 'running',
      location: `/workbench/api/exports/${started.body.id}`,
    });
    expect(view).toMatchObject({
      status: 'done',
      rows: ours.length,
      complete: true,
      fileName: `案件-s-1-${chinaToday()}.csv`,
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`案件-s-1-${chinaToday()}.csv`)}`,
    );
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]?.startsWith('\uFEFF案件编号,类别,')).toBe(true);
    expect(lines).toHaveLength(1 + ours.length);
    expect(lines.slice(1).every((line) => line.includes(',13812345678,'))).toBe(true);
    expect(lines[1]).toContain('"楼道堆放杂物, ""第2处"""');
  });

  it('mask the phones of cases the supervisor’s unit does not hold, and record each export', async () => {
    // Prepare: the street takes the newest case over, so the community no longer holds it
    const community = `sup-${communityId}`;
    const casePage = () =>
      system.api.request<{ case: { level: string }; version: number }>(
        'GET',
        `/workbench/api/cases/${ours[0]}`,
        as('sup-s-1'),
      );
    const taken = await system.api.request('POST', `/workbench/api/cases/${ours[0]}/actions`, {
      ...as('sup-s-1'),
      json: { action: 'take_over', version: (await casePage()).body.version, note: '街道直接处置' },
    });
    expect(taken.status).toBe(200);
    await expect.poll(async () => (await casePage()).body.case.level, { timeout: 10_000 }).toBe('street');
    const before = await exportsOf();

    // Act
    const started = await system.api.request<{ location: string }>(
      'POST',
      '/workbench/api/exports',
      as(community),
    );
    const view = await finished(community, started.body.location);
    const csv = await (await fetch(view.url ?? '')).text();

    // Assess
    const rows = csv.split('\r\n').filter(Boolean).slice(1);
    expect(rows).toHaveLength(ours.length);
    expect(rows.filter((line) => line.includes(',138****5678,'))).toHaveLength(1);
    expect(rows.filter((line) => line.includes(',13812345678,'))).toHaveLength(ours.length - 1);
    expect(await exportsOf()).toBe(before + 1);
  });

  it('show an export to the person who asked only, and refuse bad filters with nothing written', async () => {
    // Prepare
    const started = await system.api.request<{ location: string }>(
      'POST',
      '/workbench/api/exports',
      as('sup-s-1'),
    );
    await finished('sup-s-1', started.body.location);
    const before = await exportsOf();

    // Act
    const otherStreet = await system.api.request<Problem>('GET', started.body.location, as('sup-s-2'));
    const unknown = await system.api.request<Problem>(
      'GET',
      '/workbench/api/exports/00000000-0000-4000-8000-000000000000',
      as('sup-s-1'),
    );
    const bad = await system.api.request<Problem>(
      'POST',
      '/workbench/api/exports?status=lost&from=2026-02-02&to=2026-01-01&colour=red',
      as('sup-s-1'),
    );
    const anonymous = await system.api.request('POST', '/workbench/api/exports');

    // Assess
    expect(otherStreet.status).toBe(404);
    expect(otherStreet.contentType).toBe('application/problem+json');
    expect(unknown.status).toBe(404);
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((error) => error.path).sort()).toEqual(['(body)', 'status']);
    expect(anonymous.status).toBe(401);
    expect(await exportsOf()).toBe(before);
  });
});
