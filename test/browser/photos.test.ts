// A resident on a small phone (360×640) attaches a photo to a report and sees it on the tracking page: the
// upload goes from the browser straight to the local S3 server, under the pages' Content-Security-Policy.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { type Browser, chromiumPath, launchChromium, watchErrors } from './browser.ts';

let system: TestGridwork;
let browser: Browser;

beforeAll(async () => {
  const executable = chromiumPath();
  [system, browser] = await Promise.all([startTestGridwork(), launchChromium(executable)]);
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('photos on a phone', () => {
  it('attach to a report and show as a thumbnail that opens the full photo on the tracking page', async () => {
    // Prepare
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '27/1 50/1 0/1' } })
      .jpeg()
      .toBuffer();
    await page.goto(new URL('/', system.gridwork.url).toString());

    // Act
    await page.getByLabel('问题类别').selectOption('sanitation');
    await page.getByLabel('问题描述').fill('楼道下水管堵塞，污水外溢');
    await page.getByLabel('不知道地址？从网格列表中选择').check();
    await page.getByLabel('搜索网格（名称、编号或地址）').fill('g-002');
    await page.locator('#grid option[value="g-002"]').waitFor({ state: 'attached' });
    await page.getByLabel('网格', { exact: true }).selectOption('g-002');
    await page
      .locator('#photos')
      .setInputFiles({ name: '下水道.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/track\/gw-/, { timeout: 30_000 });
    const thumbnail = page.locator('#photos ul.photos img');
    await thumbnail.waitFor({ state: 'visible', timeout: 20_000 });

    // Assess
    await expect
      .poll(() => thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(320);
    expect(await thumbnail.getAttribute('alt')).toBe('反映人拍摄');
    const box = await thumbnail.boundingBox();
    expect(box?.width).toBeLessThan(360);
    const full = await page.locator('#photos ul.photos a').getAttribute('href');
    const opened = await context.request.get(full ?? '');
    expect(opened.status()).toBe(200);
    expect((await sharp(await opened.body()).metadata()).exif).toBeUndefined();
    expect(errors.unexpected()).toEqual([]);
    await context.close();
  });

  it('attach to the work through the resolve link, shown on the link page once uploaded', async () => {
    // Prepare
    const { body } = await system.api.report({
      category: 'sanitation',
      description: '垃圾站满溢，需要清运',
      location: { gridId: 'g-003' },
    });
    const accept = await system.api.waitForTaskLink(body.id);
    expect((await system.api.act(accept.link, { action: 'accept' })).status).toBe(200);
    const { link } = await system.api.waitForTaskLink(body.id, [accept.link]);
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#a52' } })
      .jpeg()
      .toBuffer();
    await page.goto(link);

    // Act
    await page
      .getByLabel('处理前后照片（需开启脚本）')
      .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByLabel('照片类型').selectOption('after');
    await page.getByRole('button', { name: '上传照片' }).click();
    const thumbnail = page.locator('ul.photos img');
    await thumbnail.waitFor({ state: 'visible', timeout: 20_000 });

    // Assess
    expect(await thumbnail.getAttribute('alt')).toBe('处理后');
    await expect
      .poll(() => thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(320);
    expect(errors.unexpected()).toEqual([]);
    await context.close();
  });
});
