// The supervisors' workbench in a real browser: a street's supervisor signs in with a one-time code, finds their
// street's cases, opens one, takes it over through the action forms, and exports the list as CSV.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealedCase } from '#test/support/cases.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { latestSignInCode } from '#test/support/sign-in.ts';
import {
  type Browser,
  chromiumPath,
  launchChromium,
  type Page,
  PHONE,
  phoneContext,
  unlabelledControls,
  watchErrors,
} from './browser.ts';

let system: TestGridwork;
let browser: Browser;
/** The cases of a grid of street s-1 (newest first) and one of street s-2. */
const ours: string[] = [];
let theirs = '';

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000, interval: 50 });
const url = (path: string) => new URL(path, system.gridwork.url).toString();

beforeAll(async () => {
  const executable = chromiumPath();
  [system, browser] = await Promise.all([
    startTestGridwork({ TIME_SCALE: '60' }),
    launchChromium(executable),
  ]);
  const grids = await system.api.request<{ items: { id: string; streetId: string }[] }>(
    'GET',
    '/grids?limit=100',
  );
  const here = grids.body.items.find((grid) => grid.streetId === 's-1');
  const elsewhere = grids.body.items.find((grid) => grid.streetId === 's-2');
  if (!here || !elsewhere) throw new Error('the demo district has no grid of street s-1 or s-2');
  for (const gridId of [here.id, here.id, elsewhere.id]) {
    const receipt = await system.api.report({
      category: 'sanitation',
      description: '楼道堆放杂物，影响通行',
      location: { gridId },
      reporter: { name: '居民', phone: '13812345678' },
    });
    if (receipt.status !== 201) throw new Error(`report answered ${receipt.status}`);
    if (gridId === here.id) ours.unshift(receipt.body.id);
    else theirs = receipt.body.id;
  }
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function signIn(page: Page, person: string): Promise<void> {
  await page.goto(url('/workbench'));
  await page.getByLabel('人员编号').fill(person);
  await page.getByRole('button', { name: '发送验证码' }).click();
  await poll(() => page.locator('#code-status').textContent()).toContain('验证码已发送');
  await page.getByLabel('验证码', { exact: true }).fill(String(await latestSignInCode(system.api, person)));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.locator('#cases').waitFor();
}

const listedIds = (page: Page) =>
  page.locator('#cases tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id')));

describe('the workbench page', () => {
  it('signs a street’s supervisor in, lists that street’s cases, finds one by number, shows it and exports the list', async () => {
    // Prepare: the page records the case it announces to the action forms' module.
    const context = await phoneContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.addInitScript(
      "document.addEventListener('workbench:case', (e) => { window.announced = e.detail.case.id; })",
    );

    // Act: sign in
    await signIn(page, 'sup-s-1');

    // Assess: the street's cases only, newest first, phones masked in the list
    expect(await listedIds(page)).toEqual(ours);
    expect(await listedIds(page)).not.toContain(theirs);
    expect(await page.locator('#cases td.phone').allTextContents()).toEqual(['138****5678', '138****5678']);
    expect(await page.locator('#login').isHidden()).toBe(true);
    expect(await unlabelledControls(page)).toEqual({ inputs: [], buttons: [] });
    // On a phone the filters stack and the table scrolls inside its box: the page itself never scrolls sideways.
    await page.setViewportSize(PHONE);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Act: search by the older case's number
    const number = (await page.locator(`tr[data-case-id="${ours[1]}"] a`).textContent()) ?? '';
    expect(number).toMatch(/^[A-Z]+-\d{8}-\d{4}$/);
    await page.getByLabel('搜索（案件编号、电话或地址）').fill(number.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    await poll(() => listedIds(page)).toEqual([ours[1]]);

    // Act: open its case page
    await page.getByRole('link', { name: number }).click();
    await page.locator('#timeline li').first().waitFor();

    // Assess: the whole timeline, the phone whole (the street holds a case its grid works on), the actions' hook
    expect(await page.locator('#case h1').textContent()).toBe(number);
    expect(await page.locator('#timeline li').first().textContent()).toContain('已受理');
    expect(await page.locator('#reporter-phone').textContent()).toBe('13812345678');
    expect(await page.locator('#reporter-phone').getAttribute('data-masked')).toBe('false');
    const hook = page.locator('#case-actions');
    expect(await hook.getAttribute('data-case-id')).toBe(ours[1]);
    expect(Number(await hook.getAttribute('data-version'))).toBeGreaterThan(0);
    expect(await page.evaluate('window.announced')).toBe(ours[1]);

    // Act: take the case over at the street's level through the action forms
    const versionBefore = Number(await hook.getAttribute('data-version'));
    await page.locator('#case-actions summary', { hasText: '本级接手' }).click();
    const takeOver = page.locator('#case-actions form[data-action="take_over"]');
    await takeOver.getByLabel('说明').fill('街道直接处置');
    await takeOver.getByRole('button', { name: '提交' }).click();

    // Assess: the page shows the case again at its new version; the API says the street holds it now
    await poll(async () =>
      Number(await page.locator('#case-actions').getAttribute('data-version')),
    ).toBeGreaterThan(versionBefore);
    const token = await page.evaluate("sessionStorage.getItem('gridwork.workbench.token')");
    // The workflow then offers the street its own resolve task, as after a supervisor's link.
    const heldAt = async () =>
      (
        await system.api.request<{ case: { level: string } }>('GET', `/workbench/api/cases/${ours[1]}`, {
          headers: { authorization: `Bearer ${String(token)}` },
        })
      ).body.case.level;
    await poll(heldAt).toBe('street');

    // Act: back to the list, then export it as CSV
    await page.getByRole('link', { name: '返回列表' }).click();
    await page.locator('#cases').waitFor();
    await page.getByLabel('搜索（案件编号、电话或地址）').fill('');
    await page.getByLabel('类别').selectOption('sanitation');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');

    // Assess: Excel's byte order mark, this street's cases and nothing else
    expect(download.suggestedFilename()).toBe('cases-street-s-1.csv');
    expect(csv.startsWith('\uFEFF案件编号,')).toBe(true);
    expect(csv).toContain(number);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + ours.length);
    expect(errors.lines).toEqual([]);
    await context.close();
  });
});

describe('an appeal decided on the workbench page', () => {
  it('lets the street’s supervisor open a case with a pending appeal, uphold it through the form and see the timeline say so', async () => {
    // Prepare: a bad rating on a grid of street s-3, appealed by the rework's holder on their link
    const appeal = await appealedCase(system.api, 'g-016', 1);
    const context = await phoneContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, 'sup-s-3');
    await page.locator(`tr[data-case-id="${appeal.id}"] a`).click();
    await page.locator('#timeline li').first().waitFor();
    const events = await page.locator('#timeline li').count();

    // Act
    await page.locator('#case-actions summary', { hasText: '复核差评申诉' }).click();
    const form = page.locator('#case-actions form[data-action="decide_appeal"]');
    await form.getByLabel('决定').selectOption('uphold');
    await form.getByLabel('说明').fill('属物业职责，申诉成立');
    await form.getByRole('button', { name: '提交' }).click();

    // Assess: the case shown again, closed, its timeline ending with the upheld appeal; the rating stays on record
    await poll(() => page.locator('#timeline li').count()).toBeGreaterThan(events);
    const timeline = await page.locator('#timeline li').allTextContents();
    expect(timeline.some((line) => line.includes('评价'))).toBe(true);
    expect(timeline.at(-3)).toContain('对评价提出申诉：属物业职责，已转告物业');
    expect(timeline.at(-2)).toContain('申诉成立，该评价不计入满意率：属物业职责，申诉成立');
    expect(timeline.at(-1)).toContain('结案');
    expect(await page.locator('#case-actions form').count()).toBe(0);
    expect(errors.lines).toEqual([]);
    await context.close();
  });
});
