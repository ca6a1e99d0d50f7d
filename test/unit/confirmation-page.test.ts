import { describe, expect, it } from 'vitest';
import { confirmationPage } from '#http/pages/confirmation-page.ts';
import { reportedIssue } from './fixtures.ts';

describe('confirmationPage', () => {
  it('confirms an action in Chinese by default, with the case and what comes next', () => {
    // Act
    const html = confirmationPage('zh', 'decline', reportedIssue());

    // Assess
    expect(html).toContain('<html lang="zh');
    expect(html).toContain('<h1>提交成功</h1>');
    expect(html).toContain('已退回，案件已上报上一级，由上一级重新安排。');
    expect(html).toContain('LS-20250301-0001');
    expect(html).toContain('楼道水管漏水');
    expect(html).toContain('href="/track/gw-abcdefghijklmnop"');
  });

  it('follows ?lang=en like every other page, links included', () => {
    // Act
    const html = confirmationPage('en', 'accept', reportedIssue());

    // Assess
    expect(html).toContain('<html lang="en');
    expect(html).toContain('<h1>Done</h1>');
    expect(html).toContain('Accepted. The link to report the result will come by message');
    expect(html).toContain('href="/track/gw-abcdefghijklmnop?lang=en"');
  });
});
