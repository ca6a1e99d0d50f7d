// A department supervisor's workbench over real HTTP, against the local runtime (dynalite, the real workflow
// engine, the local sign-in): the water utility's supervisor lists the cases transferred to it and no other,
// reads a case with the phone whole while the utility holds it, supervises its handler, and is refused the
// ladder's actions with problem+json and nothing changed; and the /workbench page serves them in a browser.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Browser, chromiumPath, launchChromium, watchErrors } from '#test/browser/browser.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { latestSignInCode, signIn } from '#test/support/sign-in.ts';

let system: TestGridwork;
let browser: Browser;
const tokens: Record<string, string> = {};
const PHONE = '13900002222';
/** The water utility's case (signed for by its handler), the power supplier's, and one its grid keeps. */
const cases = { water: '', power: '', grid: '' };
let handlerLinks: string[] = [];

type Summary = { id: string; phone?: string };
type Problem = { status: number; detail?: string; errors?: { path: string }[] };
type CasePageJson = {
  case: { reporter?: { phone?: string; masked: boolean } };
  holder: { yours: boolean; department?: { id: string } };
  actions: string[];
  version: number;
};

/** Waits for a link `personId` was sent about the case, other than those in `seen`. */
function linkSentTo(personId: string, caseId: string, seen: readonly string[] = []) {
  return vi.waitFor(
    async () => {
      const item = (await system.api.outbox(personId)).find(
        (candidate) => candidate.link?.includes(`/tasks/${caseId}.`) && !seen.includes(candidate.link),
      );
      if (!item?.link) throw new Error(`No new link for ${personId} on ${caseId} yet`);
      return item.link;
    },
    { timeout: 15_000, interval: 25 },
  );
}

/** A report in `gridId` accepted by its worker and, with `department`, transferred there. */
async function reported(gridId: string, department?: string): Promise<string> {
  const receipt = await system.api.report({
    category: 'water_supply',
    description: '整栋楼停水',
    location: { gridId },
    reporter: { name: '周奶奶', phone: PHONE },
  });
  const offer = await system.api.waitForTaskLink(receipt.body.id);
  expect((await system.api.act(offer.link, { action: 'accept' })).status).toBe(200);
  const resolveLink = await linkSentTo(offer.assigneeId, receipt.body.id, [offer.link]);
  if (department) {
    const sent = await system.api.act(resolveLink, {
      action: 'transfer',
      departmentId: department,
      note: '转派',
    });
    expect(sent.status).toBe(200);
  }
  return receipt.body.id;
}

const get = <T>(person: string, path: string) =>
  system.api.request<T>('GET', path, { headers: { authorization: `Bearer ${tokens[person]}` } });
const act = (person: string, caseId: string, body: Record<string, unknown>) =>
  system.api.request<Problem>('POST', `/workbench/api/cases/${caseId}/actions`, {
    json: body,
    headers: { authorization: `Bearer ${tokens[person]}` },
  });

beforeAll(async () => {
  [system, browser] = await Promise.all([
    startTestGridwork({ TIME_SCALE: '60' }),
    launchChromium(chromiumPath()),
  ]);
  [cases.water, cases.power, cases.grid] = await Promise.all([
    reported('g-101', 'dep-water'),
    reported('g-102', 'dep-power'),
    reported('g-103'),
  ]);
  const signLink = await linkSentTo('dep-water-h1', cases.water);
  expect((await system.api.act(signLink, { action: 'accept' })).status).toBe(200);
  handlerLinks = [signLink, await linkSentTo('dep-water-h1', cases.water, [signLink])];
  for (const person of ['dep-water-sup', 'dep-power-sup', 'dep-water-h1']) {
    tokens[person] = await signIn(system.api, person);
  }
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('a department supervisor’s workbench', () => {
  it('lists the cases transferred to the department only, phones masked, and answers a level filter with 422', async () => {
    // Act
    const water = await get<{ cases: Summary[] }>('dep-water-sup', '/workbench/api/cases');
    const power = await get<{ cases: Summary[] }>('dep-power-sup', '/workbench/api/cases');
    const byPhone = await get<{ cases: Summary[] }>('dep-water-sup', `/workbench/api/cases?phone=${PHONE}`);
    const level = await get<Problem>('dep-water-sup', '/workbench/api/cases?level=grid');
    const handler = await get<Problem>('dep-water-h1', '/workbench/api/cases');
    const page = await system.api.request<string>('GET', '/workbench', { headers: { accept: 'text/html' } });

    // Assess
    expect(water.status).toBe(200);
    expect(water.body.cases).toEqual([expect.objectContaining({ id: cases.water, phone: '139****2222' })]);
    expect(power.body.cases.map((summary) => summary.id)).toEqual([cases.power]);
    expect(byPhone.body.cases.map((summary) => summary.id)).toEqual([cases.water]);
    expect(level).toMatchObject({ status: 422, contentType: 'application/problem+json' });
    expect(level.body.errors?.map((error) => error.path)).toEqual(['level']);
    expect(handler).toMatchObject({ status: 403, contentType: 'application/problem+json' });
    expect(page.status).toBe(200);
  });

  it('shows its own case with the phone whole while it holds it, and no other department’s or the ladder’s', async () => {
    // Act
    const own = await get<CasePageJson>('dep-water-sup', `/workbench/api/cases/${cases.water}`);
    const others = await get<Problem>('dep-water-sup', `/workbench/api/cases/${cases.power}`);
    const ladders = await get<Problem>('dep-water-sup', `/workbench/api/cases/${cases.grid}`);

    // Assess
    expect(own.status).toBe(200);
    expect(own.body.case.reporter).toMatchObject({ phone: PHONE, masked: false });
    expect(own.body.holder).toMatchObject({ yours: true, department: { id: 'dep-water' } });
    expect(own.body.actions).toEqual(['supervise', 'take_over']);
    expect(others).toMatchObject({ status: 404, contentType: 'application/problem+json' });
    expect(ladders).toMatchObject({ status: 404, contentType: 'application/problem+json' });
  });

  it('refuses the ladder’s actions with 403 naming why and another department’s case with 404, changing nothing', async () => {
    // Prepare
    const before = await get<CasePageJson>('dep-water-sup', `/workbench/api/cases/${cases.water}`);
    const version = before.body.version;

    // Act
    const reassign = await act('dep-water-sup', cases.water, {
      action: 'reassign',
      version,
      gridId: 'g-104',
    });
    const merge = await act('dep-water-sup', cases.water, {
      action: 'merge',
      version,
      intoCaseId: cases.grid,
    });
    const others = await act('dep-power-sup', cases.water, { action: 'take_over', version });
    const after = await get<CasePageJson>('dep-water-sup', `/workbench/api/cases/${cases.water}`);

    // Assess
    expect(reassign).toMatchObject({ status: 403, contentType: 'application/problem+json' });
    expect(reassign.body.detail).toMatch(
      /may supervise, take_over at its own desks only; reassign is for community/,
    );
    expect(merge.status).toBe(403);
    expect(others).toMatchObject({ status: 404, contentType: 'application/problem+json' });
    expect(after.body.version).toBe(version);
  });

  it('supervises its handler (督办): the handler keeps the case and gets a fresh link', async () => {
    // Prepare
    const before = await get<CasePageJson>('dep-water-sup', `/workbench/api/cases/${cases.water}`);
    const until = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString();

    // Act
    const supervise = await act('dep-water-sup', cases.water, {
      action: 'supervise',
      version: before.body.version,
      note: '今日内恢复供水',
      until,
    });
    const fresh = await linkSentTo('dep-water-h1', cases.water, handlerLinks);

    // Assess
    expect(supervise.status).toBe(200);
    expect(fresh).toContain(`/tasks/${cases.water}.`);
    const kept = await system.api.issue(cases.water);
    expect(kept.timeline.map((event) => event.type)).toContain('supervised');
  });

  it('serves the water utility’s supervisor on the /workbench page: its case listed, only its two action forms', async () => {
    // Prepare
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 });

    // Act: sign in with a one-time code, as any supervisor does
    await page.goto(new URL('/workbench', system.gridwork.url).toString());
    await page.getByLabel('人员编号').fill('dep-water-sup');
    await page.getByRole('button', { name: '发送验证码' }).click();
    await poll(() => page.locator('#code-status').textContent()).toContain('验证码已发送');
    const code = String(await latestSignInCode(system.api, 'dep-water-sup'));
    await page.getByLabel('验证码', { exact: true }).fill(code);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('#cases').waitFor();
    const listed = await page
      .locator('#cases tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id')));
    await page.locator(`tr[data-case-id="${cases.water}"] a`).click();
    await page.locator('#case-actions form').first().waitFor({ state: 'attached' });

    // Assess
    expect(listed).toEqual([cases.water]);
    expect(await page.locator('#reporter-phone').textContent()).toBe(PHONE);
    const forms = await page
      .locator('#case-actions form')
      .evaluateAll((all) => all.map((form) => form.getAttribute('data-action')));
    expect(forms).toEqual(['supervise', 'take_over']);
    expect(errors.lines).toEqual([]);
    await page.close();
  });
});
