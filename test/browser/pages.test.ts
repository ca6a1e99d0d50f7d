// The three web pages in a real browser on a phone-sized screen: a resident reports and rates, a grid worker
// acts through the approval link with scripts off, a supervisor reads the dashboard.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { latestSignInCode, signIn } from '#test/support/sign-in.ts';
import {
  type Browser,
  type BrowserContext,
  chromiumPath,
  launchChromium,
  type Page,
  PHONE,
  phoneContext,
  SMALL_PHONE,
  screenshot,
  unlabelledControls,
  watchErrors,
} from './browser.ts';

/**
 * What the resident page logs on purpose: the API's 422 it shows by field, and an address suggestion request
 * aborted because a newer keystroke (or leaving the page on submit, on a slow machine) replaced it.
 */
const RESIDENT_EXPECTED = [/^answer: 422 POST \/issues$/, /^failed: GET \/addresses net::ERR_ABORTED$/];

let system: TestGridwork;
let browser: Browser;
let resident: BrowserContext;
let worker: BrowserContext;
let residentPage: Page;
let residentErrors: ReturnType<typeof watchErrors>;
let issueId = '';
let resolveLink = '';

beforeAll(async () => {
  // Checked before anything starts, so a missing browser fails the file with its own message and leaves nothing running.
  const executable = chromiumPath();
  [system, browser] = await Promise.all([
    startTestGridwork({ TIME_SCALE: '60' }),
    launchChromium(executable),
  ]);
  resident = await phoneContext(browser);
  // Approval links must work on any phone: the worker's browser runs no scripts at all.
  worker = await phoneContext(browser, { javaScriptEnabled: false });
  residentPage = await resident.newPage();
  residentErrors = watchErrors(residentPage);
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** A page on a shared 2-core machine can take seconds to answer; the default second of expect.poll is too short. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000, interval: 50 });

const url = (path: string) => new URL(path, system.gridwork.url).toString();

describe('the resident page', () => {
  it('shows the API’s field errors next to the fields, in the page’s language, and then files the report', async () => {
    const page = residentPage;
    await page.goto(url('/'));
    expect(await unlabelledControls(page)).toEqual({ inputs: [], buttons: [] });
    expect(residentErrors.lines).toEqual([]);
    expect(await page.getByLabel('问题类别').inputValue()).toBe('');

    await page.getByRole('button', { name: '提交' }).click();
    await poll(() => page.locator('#description-error').textContent()).not.toBe('');
    expect(await page.locator('#description').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').first().textContent()).toContain('问题描述');
    expect(await page.locator('#category-error').textContent()).toBe('请选择问题类别。');
    expect(await page.locator('#category').getAttribute('aria-invalid')).toBe('true');

    // An address the registry does not know: the page says so in its own words, about an address.
    await page.getByLabel('问题描述').fill('停水了');
    await page.getByLabel('问题类别').selectOption('water_supply');
    expect(await page.getByLabel('填写地址').isChecked()).toBe(true);
    await page.getByLabel('地址（门牌）').fill('荷塘社区建设路1号1栋');
    await page.getByRole('button', { name: '提交' }).click();
    await poll(() => page.locator('#location-error').textContent()).toContain('名册中没有这个地址');
    expect(await page.locator('#description-error').textContent()).toBe('');
    expect(await page.locator('#summary').textContent()).not.toMatch(/[A-Za-z]{3,}/);

    // The grid list is the last resort, its grids named with their community.
    await page.getByLabel('不知道地址？从网格列表中选择').check();
    await page.getByLabel('搜索网格（名称、编号或地址）').fill('g-001');
    await page.locator('#grid option[value="g-001"]').waitFor({ state: 'attached' });
    expect(await page.locator('#grid option[value="g-001"]').textContent()).toBe(
      '光明社区第1网格 · 光明社区',
    );
    await page.getByLabel('填写地址').check();

    // The address as residents say it: no community name, still one grid.
    await page.getByLabel('地址（门牌）').fill('建设路1号1栋');
    await page.getByLabel('问题类别').selectOption('water_supply');
    await page.getByLabel('问题描述').fill('3号楼本月第二次停水，6户老人行动不便 <script>alert(1)</script>');
    await page.getByLabel('称呼').fill('王阿姨');
    await page.getByLabel('手机号码').fill('13812345678');
    await screenshot(page, 'resident');
    await page.getByRole('button', { name: '提交' }).click();

    await page.waitForURL(/\/track\/gw-/);
    issueId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(await page.evaluate(`localStorage.getItem('gridwork.tracking.${issueId}')`)).toBeTruthy();
    await poll(() => page.locator('#timeline li').count()).toBeGreaterThan(0);
    expect(residentErrors.unexpected(...RESIDENT_EXPECTED)).toEqual([]);
  });

  it('suggests registered addresses as the resident types, with grid and community names, and files by one', async () => {
    const page = await resident.newPage();
    const errors = watchErrors(page);
    await page.goto(url('/'));
    await page.getByLabel('问题类别').selectOption('sanitation');
    await page.getByLabel('问题描述').fill('路灯坏了');

    // No community name, full-width digits: still the three buildings of 建设路1号, never 建设路11号.
    await page.getByLabel('地址（门牌）').pressSequentially('建设路１号', { delay: 30 });
    await poll(() => page.locator('#address-suggestions li').count()).toBe(3);
    expect(await page.locator('#address-suggestions li').allTextContents()).toEqual([
      '光明社区建设路1号1栋光明社区第1网格 · 光明社区',
      '光明社区建设路1号2栋光明社区第1网格 · 光明社区',
      '光明社区建设路1号3栋光明社区第1网格 · 光明社区',
    ]);
    await page.locator('#address-suggestions button').nth(1).click();
    expect(await page.getByLabel('地址（门牌）').inputValue()).toBe('光明社区建设路1号2栋');
    expect(await page.locator('#address-suggestions').isHidden()).toBe(true);

    // A part of many addresses is refused with its candidates to pick from, not routed by guess.
    await page.getByLabel('地址（门牌）').fill('建设路');
    await page.getByRole('button', { name: '提交' }).click();
    await poll(() => page.locator('#location-error').textContent()).toContain('对应多个网格');
    expect(await page.locator('#address-suggestions li').count()).toBe(10);
    // One in another grid than g-001, whose figures the dashboard test counts.
    const other = page.locator('#address-suggestions button', { hasNotText: '光明社区第1网格' }).first();
    const place = (await other.locator('small').textContent()) ?? '';
    expect(place).toMatch(/^\S+网格 · \S+社区$/);
    await other.click();
    await page.getByRole('button', { name: '提交' }).click();

    await page.waitForURL(/\/track\/gw-/);
    await poll(() => page.locator('#case-number strong').textContent()).toMatch(/^LS-\d{8}-\d{4}$/);
    expect(await page.locator('#details').textContent()).toContain(`所属网格${place}`);
    expect(errors.unexpected(...RESIDENT_EXPECTED)).toEqual([]);
    await page.close();
  });
});

describe('the tracking page before rating', () => {
  it('shows the case number, the resident’s own words, names for places, and how rating will work', async () => {
    const page = residentPage;
    const created = await system.api.issue(issueId);
    await poll(() => page.locator('#case-number strong').textContent()).toBe(created.caseNumber);
    expect(created.caseNumber).toMatch(/^LS-\d{8}-\d{4}$/);
    const details = await page.locator('#details').textContent();
    expect(details).toContain('您反映的内容3号楼本月第二次停水');
    expect(details).toContain('所属网格光明社区第1网格 · 光明社区');
    expect(await page.locator('#timeline').textContent()).toContain('转至网格 光明社区第1网格');
    expect(await page.locator('#rate-how').textContent()).toContain('提交问题的手机');
    expect(await page.locator('#rate-how').isVisible()).toBe(true);
  });

  it('says when the case is due to be resolved, in words, instead of the worker’s own deadline', async () => {
    const page = residentPage;
    await system.api.waitForIssue(issueId, (issue) => issue.resolveDeadline !== null, 'assigned');
    await page.reload();
    await poll(() => page.locator('#details').textContent()).toMatch(/办结时限.+剩余 \d+ (天|小时)/);
    expect(await page.locator('#details').textContent()).not.toContain('办理时限');
  });
});

describe('the approval-link page', () => {
  it('shows the case, the resident’s contact only once accepted, and accepts and resolves by plain form posts', async () => {
    const { link } = await system.api.waitForTaskLink(issueId);
    const page = await worker.newPage();
    const errors = watchErrors(page);
    await page.goto(link);
    expect(await unlabelledControls(page)).toEqual({ inputs: [], buttons: [] });
    const text = await page.locator('main').textContent();
    expect(text).not.toContain('13812345678');
    expect(text).toContain('接收后可见');
    expect(text).toContain('<script>alert(1)</script>');
    expect(await page.locator('main script').count()).toBe(0);
    await screenshot(page, 'task');

    await page.getByRole('button', { name: '接收' }).click();
    // Not a dead end: the resolve form follows at once, with the resident's contact, posting to its own link.
    await poll(() => page.locator('.alert.ok').textContent()).toContain('已接收');
    expect(await page.locator('main').textContent()).toContain('13812345678');
    ({ link: resolveLink } = await system.api.waitForTaskLink(issueId, [link]));
    // Every form on the page (resolve, asking for a deferral or a pause, transferring to a department) posts to
    // the resolve link.
    const forms = page.locator('form.full');
    expect(await forms.count()).toBe(5);
    for (const form of await forms.all()) {
      expect(await form.getAttribute('action')).toBe(new URL(resolveLink).pathname);
    }
    expect(await page.getByLabel('办理结果').inputValue()).toBe('solved');
    await page.getByLabel('办理情况或说明（结果不是“已解决”时必填，反映人可见）').fill('已恢复供水');
    await page.getByRole('button', { name: '已办结' }).click();
    await poll(() => page.locator('h1').textContent()).toBe('提交成功');

    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('此链接已不能使用');
    expect(await page.locator('main').textContent()).toContain('此链接已经使用过');
    await screenshot(page, 'task-spent');
    // The spent link's page is the one answer of 400 or more, and it is meant.
    expect(errors.unexpected(/^answer: 4\d\d GET \/tasks\//)).toEqual([]);
    expect(errors.lines.filter((line) => line.startsWith('answer:'))).toHaveLength(1);
    await page.close();
  });

  it('shows accept and decline, distinct, on a 360×640 screen, and declining needs its reason', async () => {
    const declined = (
      await system.api.report({
        category: 'sanitation',
        description: '垃圾桶满了',
        location: { gridId: 'g-002' },
      })
    ).body;
    const { link } = await system.api.waitForTaskLink(declined.id);
    const small = await phoneContext(browser, { javaScriptEnabled: false, viewport: SMALL_PHONE });
    const page = await small.newPage();
    await page.goto(link);
    const accept = page.getByRole('button', { name: '接收' });
    const decline = page.getByText('退回…');
    for (const control of [accept, decline]) {
      const box = await control.boundingBox();
      expect(box && box.y + box.height <= SMALL_PHONE.height).toBe(true);
    }
    expect(await page.getByLabel('退回原因（必填）').isVisible()).toBe(false);
    await decline.click();
    await page.getByLabel('退回原因（必填）').fill('不属于本网格');
    await page.getByRole('button', { name: '退回', exact: true }).click();
    await poll(() => page.locator('h1').textContent()).toBe('提交成功');
    expect(await page.locator('main').textContent()).toContain(declined.caseNumber ?? 'no case number');
    await small.close();
  });
});

describe('the tracking page', () => {
  it('takes the tracking token from the rating message’s link on a phone that never saw it', async () => {
    const message = await vi.waitFor(
      async () => {
        const items = await system.api.outbox(`reporter:${issueId}`);
        const found = items.find((item) => item.link?.includes('#token='));
        if (!found) throw new Error('No rating message yet');
        return found;
      },
      { timeout: 15_000, interval: 25 },
    );
    const other = await phoneContext(browser);
    const page = await other.newPage();
    const errors = watchErrors(page);
    await page.goto(message?.link ?? '');
    await page.locator('#rating').waitFor({ state: 'visible' });
    expect(new URL(page.url()).hash).toBe('');
    expect(errors.lines).toEqual([]);
    await other.close();
  });

  it('offers the 5-level rating once the case is resolved and sends it with the kept token', async () => {
    await system.api.waitForIssue(issueId, (issue) => issue.status === 'resolved', 'resolved');
    const page = residentPage;
    await page.reload();
    const form = page.locator('#rating');
    await form.waitFor({ state: 'visible' });
    expect(await unlabelledControls(page)).toEqual({ inputs: [], buttons: [] });
    await page.getByLabel('非常满意').check();
    await page.getByLabel('意见或建议（选填）').fill('处理及时');
    await screenshot(page, 'track');
    await page.getByRole('button', { name: '提交评价' }).click();

    await page.locator('#thanks').waitFor({ state: 'visible' });
    // The rating's answer moves the badge at once: no stale "awaiting your rating" until a reload.
    expect(await page.locator('#status .badge').first().textContent()).toBe('已结案');
    const closed = await system.api.waitForIssue(issueId, (issue) => issue.status === 'closed', 'closed');
    expect(closed).toMatchObject({ outcome: 'satisfied', rating: { score: 5 } });
    expect(residentErrors.unexpected(...RESIDENT_EXPECTED)).toEqual([]);
  });

  it('speaks English on the English page: the grid worker, and the level as a name', async () => {
    const page = residentPage;
    await page.goto(url(`/track/${issueId}?lang=en`));
    await poll(() => page.locator('#timeline').textContent()).toMatch(/Assigned to grid worker \S/);
    expect(await page.locator('#details').textContent()).toContain('Handled atGrid');
    expect(residentErrors.unexpected(...RESIDENT_EXPECTED)).toEqual([]);
  });
});

describe('the supervisor dashboard', () => {
  it('signs in with a one-time code, then shows the grid’s figures, the escalated case and the 30-day chart', async () => {
    // A second case, declined by the worker: it climbs to the community and is under supervision (督办).
    const declined = (
      await system.api.report({
        category: 'drainage',
        description: '共用排水管堵塞，7户受影响',
        location: { gridId: 'g-001' },
      })
    ).body;
    const { link } = await system.api.waitForTaskLink(declined.id);
    expect((await system.api.act(link, { action: 'decline', note: '不属于本网格' })).status).toBe(200);
    await system.api.waitForIssue(declined.id, (issue) => issue.level === 'community', 'escalated');
    await expect
      .poll(() => system.api.stats('grid', 'g-001'), { timeout: 15_000, interval: 25 })
      .toMatchObject({ closed: 1, received: 2 });

    const anonymous = await system.api.request('GET', '/dashboard/api/figures');
    // API Gateway's own answer for a route behind the JWT authorizer.
    expect(anonymous).toMatchObject({
      status: 401,
      contentType: 'application/json',
      body: { message: 'Unauthorized' },
    });

    const page = await resident.newPage();
    const errors = watchErrors(page);
    await page.goto(url('/dashboard'));
    await page.getByLabel('访问令牌').waitFor();
    // No call before a token exists: a first visit meets no 401.
    expect(errors.lines).toEqual([]);
    await page.getByLabel('访问令牌').fill('wrong');
    await page.getByRole('button', { name: '进入' }).click();
    await poll(() => page.locator('#token-error').textContent()).toContain('令牌无效');

    // Signing in as the local runtime offers it: a code to the outbox, typed into the page.
    await page.getByLabel('人员编号').fill('sup-d');
    await page.getByRole('button', { name: '发送验证码' }).click();
    await poll(() => page.locator('#code-status').textContent()).toContain('验证码已发送');
    await page.getByLabel('验证码', { exact: true }).fill('000000');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await poll(() => page.locator('#code-error').textContent()).toContain('验证码错误');
    const codesSent = async () =>
      (await system.api.outbox('sup-d')).filter((item) => item.subject.includes('Sign-in code')).length;
    const sentBefore = await codesSent();
    await page.getByRole('button', { name: '发送验证码' }).click();
    await poll(codesSent).toBe(sentBefore + 1);
    await page
      .getByLabel('验证码', { exact: true })
      .fill(String(await latestSignInCode(system.api, 'sup-d')));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('#board h1').waitFor();
    expect(await page.locator('#code-login').isHidden()).toBe(true);
    expect(await page.locator('#board h1').textContent()).toContain('芦淞区');
    await page.goto(url('/dashboard#scope=grid&id=g-001'));
    await poll(() => page.locator('#board h1').textContent()).toContain('网格');
    expect(await unlabelledControls(page)).toEqual({ inputs: [], buttons: [] });
    const cards = await page.locator('.card').allTextContents();
    expect(cards.slice(0, 4)).toEqual(['2受理', '1解决或答复', '1结案', '1按时办结']);
    expect(cards[6]).toBe('100.0%满意率');
    expect(await page.locator('.headline').textContent()).toBe('近 30 天共受理 2 件，解决或答复 1 件。');
    expect(await page.locator('caption', { hasText: '近 30 天结案按办理结果' }).count()).toBe(1);
    expect(await page.locator('#board table tbody tr').first().textContent()).toContain('督办');
    expect(await page.locator('svg rect').count()).toBe(30);
    await screenshot(page, 'dashboard');
    expect(
      errors.unexpected(/^answer: 401 GET \/dashboard\/api\/figures$/, /^answer: 400 POST \/auth\/token$/),
    ).toEqual([]);
  });
});

describe('the monthly report', () => {
  it('shows a grid’s month to the district’s supervisor, with its slowest closed case, and prints on A4', async () => {
    // The month the resident's case closed in (China time): the report names it among that month's slowest.
    const closed = await system.api.waitForIssue(issueId, (issue) => issue.status === 'closed', 'closed');
    const closedAt = closed.timeline.findLast((event) => event.type === 'closed')?.at ?? '';
    const month = new Date(Date.parse(closedAt) + 8 * 3_600_000).toISOString().slice(0, 7);
    const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
    const token = await signIn(system.api, 'sup-d');
    const report = async () =>
      (
        await system.api.request<{ slowest: { caseNumber: string }[] }>(
          'GET',
          `/dashboard/api/report?month=${month}&scope=grid&id=g-001`,
          { headers: { authorization: `Bearer ${token}` } },
        )
      ).body.slowest.map((entry) => entry.caseNumber);
    await poll(report).toContain(closed.caseNumber);
    const expected = (
      await system.api.request<Record<string, number>>(
        'GET',
        `/stats?scope=grid&id=g-001&period=month&date=${month}-01`,
      )
    ).body;
    expect(expected.closed).toBeGreaterThan(0);

    // The sign-in the dashboard leaves in its tab, in a desktop-wide window.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await context.addInitScript(
      `sessionStorage.setItem('gridwork.dashboard.token', ${JSON.stringify(token)})`,
    );
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(url(`/dashboard/report?month=${month}&unit=grid:g-001`));
    await page.locator('#report .card').first().waitFor();
    expect(await page.locator('#report h1').textContent()).toContain(`${month} 月度报告`);
    const cards = await page.locator('#report .card').allTextContents();
    expect(cards.slice(0, 3)).toEqual([
      `${expected.received}受理`,
      `${expected.closed}结案`,
      `${expected.solvedOrAnswered}解决或答复`,
    ]);
    expect(await page.locator('#report svg rect').count()).toBe(days);
    expect(await page.locator('#report table').first().textContent()).toContain('延期率');
    expect(await page.locator('#report table').last().textContent()).toContain(closed.caseNumber);
    expect(await unlabelledControls(page)).toEqual({ inputs: [], buttons: [] });

    // Printed: A4, without the controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#controls').isHidden()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // On a phone, in English, through the page's own switch.
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'English' }).click();
    await poll(() => page.locator('#report h1').textContent()).toContain(`monthly report, ${month}`);
    expect(await page.locator('#report .card').nth(1).textContent()).toBe(`${expected.closed}Closed`);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'monthly-report');
    expect(errors.unexpected()).toEqual([]);
    await context.close();
  });
});
