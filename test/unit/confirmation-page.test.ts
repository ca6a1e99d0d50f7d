import { describe, expect, it } from 'vitest';
import { confirmationPage } from '#http/pages/confirmation-page.ts';

describe('confirmationPage', () => {
  it('confirms an action in Chinese by default', () => {
    // Act
    const html = confirmationPage('zh', 'decline');

    // Assess
    expect(html).toContain('<html lang="zh');
    expect(html).toContain('<h1>提交成功</h1>');
    expect(html).toContain('已退回，案件已上报上一级。');
  });

  it('follows ?lang=en like every other page', () => {
    // Act
    const html = confirmationPage('en', 'accept');

    // Assess
    expect(html).toContain('<html lang="en');
    expect(html).toContain('<h1>Done</h1>');
    expect(html).toContain('Accepted. A new link to report the result will follow shortly.');
  });
});
