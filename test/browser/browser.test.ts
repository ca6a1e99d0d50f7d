// How the browser tests find Chromium, tested without one.
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';

describe('chromiumPath', () => {
  it('says in one sentence how to install Chromium when it is missing', () => {
    expect(() => chromiumPath({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(
      'The browser tests need Chromium at /nonexistent/chromium: install it with `apt-get install chromium` ' +
        '(or set CHROMIUM_PATH to a Chromium executable).',
    );
  });

  it('takes CHROMIUM_PATH when it names an executable', () => {
    expect(chromiumPath({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  });
});
