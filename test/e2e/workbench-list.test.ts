import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { signIn } from '#test/support/sign-in.ts';

let system: TestGridwork;
/** A grid of street s-1, its community, and a grid of street s-2. */
let here: { id: string; communityId: string };
let elsewhere: { id: string };
const tokens: Record<string, string> = {};
const ids: string[] = [];
let otherId = '';
const PHONE = '13812345678';

type Summary = { id: string; caseNumber: string; phone?: string; streetId?: string; createdAt: string };
type Problem = { status: number; errors?: { path: string }[] };

const get = <T = Record<string, unknown>>(person: string, path: string) =>
  system.api.request<T>('GET', path, { headers: { authorization: `Bearer ${tokens[person]}` } });

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '60' });
  const grids = await system.api.request<{ items: { id: string; communityId: string; streetId: string }[] }>(
    'GET',
    '/grids?limit=100',
  );
  const all = grids.body.items;
  const [s1, s2] = [all.find((grid) => grid.streetId === 's-1'), all.find((grid) => grid.streetId === 's-2')];
  if (!s1 || !s2) throw new Error('the demo district has no grid of street s-1 or s-2');
  here = s1;
  elsewhere = s2;
  for (const [n, gridId] of [here.id, here.id, here.id, elsewhere.id].entries()) {
    const receipt = await system.api.report({
      category: 'sanitation',
      description: `楼道堆放杂物 ${n}`,
      location: { gridId },
      reporter: { name: '居民', phone: n === 3 ? '13900000000' : `+86 138-1234-5678` },
    });
    if (receipt.status !== 201) throw new Error(`report answered ${receipt.status}`);
    if (gridId === here.id) ids.unshift(receipt.body.id);
    else otherId = receipt.body.id;
  }
  for (const person of ['sup-s-1', 'sup-s-2', 'sup-d', `sup-${here.communityId}`]) {
    tokens[person] = await signIn(system.api, person);
  }
});

afterAll(async () => {
  await system?.stop();
});

describe('the workbench case list', () => {
  it('lists the supervisor’s street only, newest first, page by page, phones masked', async () => {
    // Act
    const first = await get<{ cases: Summary[]; next?: string }>('sup-s-1', '/workbench/api/cases?limit=2');
    const second = await get<{ cases: Summary[]; next?: string }>(
      'sup-s-1',
      `/workbench/api/cases?limit=2&after=${first.body.next}`,
    );
    const otherStreet = await get<{ cases: Summary[] }>('sup-s-2', '/workbench/api/cases');

    // Assess
    expect(first.status).toBe(200);
    expect([...first.body.cases, ...second.body.cases].map((c) => c.id)).toEqual(ids);
    expect(second.body.next).toBeUndefined();
    expect(first.body.cases.map((c) => c.phone)).toEqual(['138****5678', '138****5678']);
    expect(otherStreet.body.cases.map((c) => c.id)).toEqual([otherId]);
  });

  it('finds cases by phone number and by case number, within the unit only', async () => {
    // Prepare
    const newest = await get<{ caseNumber: string }>('sup-s-1', `/workbench/api/cases/${ids[0]}`);
    const caseNumber = (newest.body as unknown as { case: { caseNumber: string } }).case.caseNumber;

    // Act
    const byPhone = await get<{ cases: Summary[] }>('sup-s-1', `/workbench/api/cases?phone=${PHONE}`);
    const byNumber = await get<{ cases: Summary[] }>('sup-s-1', `/workbench/api/cases?number=${caseNumber}`);
    const notTheirs = await get<{ cases: Summary[] }>('sup-s-2', `/workbench/api/cases?number=${caseNumber}`);

    // Assess
    expect(byPhone.body.cases.map((c) => c.id)).toEqual(ids);
    expect(byNumber.body.cases.map((c) => c.id)).toEqual([ids[0]]);
    expect(notTheirs.body.cases).toEqual([]);
  });

  it('shows the holder’s unit the phone whole, records the view, and hides another street’s case', async () => {
    // Act
    const community = `sup-${here.communityId}`;
    const page = await get<{
      case: { reporter: { phone: string; masked: boolean } };
      version: number;
      timeline: unknown[];
    }>(community, `/workbench/api/cases/${ids[0]}`);
    const hidden = await get<Problem>('sup-s-2', `/workbench/api/cases/${ids[0]}`);
    const trail = await get<{ entries: { action: string; actor: string; caseId: string }[] }>(
      'sup-d',
      `/workbench/api/audit?from=2000-01-01&to=2000-01-01&caseId=${ids[0]}`,
    );
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const todays = await get<{ entries: { action: string; actor: string; caseId: string }[] }>(
      'sup-d',
      `/workbench/api/audit?from=${today}&to=${today}&caseId=${ids[0]}`,
    );

    // Assess
    expect(page.status).toBe(200);
    expect(page.body.case.reporter).toMatchObject({ phone: '+86 138-1234-5678', masked: false });
    expect(page.body.version).toBeGreaterThan(0);
    expect(page.body.timeline.length).toBeGreaterThan(0);
    expect(hidden.status).toBe(404);
    expect(trail.body.entries).toEqual([]);
    expect(todays.body.entries).toContainEqual(
      expect.objectContaining({ action: 'viewed_contact', actor: community, caseId: ids[0] }),
    );
  });

  it('refuses bad filters with problem+json naming each field, and the trail to anyone but the district', async () => {
    // Act
    const bad = await get<Problem>(
      'sup-s-1',
      '/workbench/api/cases?status=lost&after=nonsense&from=2026-02-02&to=2026-01-01&colour=red',
    );
    const both = await get<Problem>('sup-s-1', `/workbench/api/cases?number=LS-1&phone=${PHONE}`);
    const street = await get<Problem>('sup-s-1', '/workbench/api/audit?from=2026-01-01&to=2026-01-02');
    const anonymous = await system.api.request('GET', '/workbench/api/cases');

    // Assess
    expect(bad.status).toBe(422);
    expect(bad.contentType).toBe('application/problem+json');
    expect(bad.body.errors?.map((error) => error.path).sort()).toEqual(['(body)', 'after', 'status']);
    expect(both.status).toBe(422);
    expect(both.body.errors?.map((error) => error.path)).toEqual(['phone']);
    expect(street.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });
});
