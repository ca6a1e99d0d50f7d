import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from '#infra/paths.ts';

/** A phone: the pages are built for one. */
export const PHONE = { width: 390, height: 844 } as const;

/**
 * The Chromium the tests drive: CHROMIUM_PATH, else Debian's package. Missing, it stops the tests with one
 * sentence that says how to install it, where Playwright would print a page of launch log.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `The browser tests need Chromium at ${path}: install it with \`apt-get install chromium\` ` +
        '(or set CHROMIUM_PATH to a Chromium executable).',
    );
  }
  return path;
}

/** Chromium headless; Playwright gives every launch a fresh, temporary profile. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The smallest phone screen the pages are held to. */
export const SMALL_PHONE = { width: 360, height: 640 } as const;

export function phoneContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
) {
  return browser.newContext({
    viewport: options.viewport ?? PHONE,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
}

// Runs in the page; a string because this project's TypeScript has no DOM types.
const FIND_UNLABELLED = `(() => {
  const describe = (node) => node.outerHTML.slice(0, 120);
  const inputs = [...document.querySelectorAll('input, select, textarea')].filter((control) =>
    control.type !== 'hidden' && control.labels.length === 0 &&
    !control.getAttribute('aria-label') && !control.getAttribute('aria-labelledby'));
  const buttons = [...document.querySelectorAll('button, [role=button]')].filter(
    (node) => !node.textContent.trim() && !node.getAttribute('aria-label'));
  return { inputs: inputs.map(describe), buttons: buttons.map(describe) };
})()`;

/** Controls without a label and buttons without a name; both lists are empty on an accessible page. */
export function unlabelledControls(page: Page): Promise<{ inputs: string[]; buttons: string[] }> {
  return page.evaluate(FIND_UNLABELLED);
}

/**
 * What went wrong on a page, one line each, from the moment it is watched: console errors, uncaught
 * exceptions, requests that failed and answers of 400 or more. `unexpected` leaves out the lines a test
 * provoked on purpose (a refused form, a wrong token).
 */
export function watchErrors(page: Page) {
  const lines: string[] = [];
  const path = (url: string) => {
    const parsed = new URL(url);
    return parsed.protocol === 'data:' ? 'data:' : parsed.pathname;
  };
  page.on('console', (message) => {
    if (message.type() === 'error') lines.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => lines.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) =>
    lines.push(`failed: ${request.method()} ${path(request.url())} ${request.failure()?.errorText ?? ''}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) {
      lines.push(`answer: ${response.status()} ${response.request().method()} ${path(response.url())}`);
    }
  });
  return {
    lines,
    /** The lines no pattern expects; a console line about a status counts as expected with that status. */
    unexpected(...expected: RegExp[]): string[] {
      const statuses = lines.flatMap((line) =>
        expected.some((pattern) => pattern.test(line)) ? (/^answer: (\d+)/.exec(line)?.[1] ?? []) : [],
      );
      return lines.filter(
        (line) =>
          !expected.some((pattern) => pattern.test(line)) &&
          !statuses.some(
            (status) => line.startsWith('console: Failed to load resource') && line.includes(` ${status} `),
          ),
      );
    },
  };
}

/** Phone-sized screenshots for the README, written only when asked (UPDATE_SCREENSHOTS=1). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  const dir = join(REPO_ROOT, 'docs', 'screenshots');
  await mkdir(dir, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

export type { Browser, BrowserContext, Page };
