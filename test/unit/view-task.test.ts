import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '#adapters/logger.ts';
import { LinkGoneError, LinkUsedError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { linkToken } from '#domain/links.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { decideTask } from '#domain/task-transitions.ts';
import { taskPage } from '#http/pages/task-page.ts';
import type { IssueStore } from '#ports';
import { viewTask } from '#use-cases/view-task.ts';
import { assignedIssue, at, offerNext, REPORTER, taskOf } from './fixtures.ts';

const linkKey = new Uint8Array(32).fill(3);

function depsWith(issue: Issue, now: string) {
  const issues = { get: async (id: string) => (id === issue.id ? { issue } : undefined) };
  return {
    issues: issues as unknown as IssueStore,
    keys: { linkKey },
    clock: { now: () => new Date(now), timeScale: 1 },
  };
}

const linkOf = (issue: Issue, seq = taskOf(issue).seq) => {
  const nonce = seq === issue.task?.seq ? taskOf(issue).nonce : `nonce-${seq}`;
  return linkToken(linkKey, issue.id, seq, nonce);
};

/** The issue after its worker accepted: the resolve task goes to the same person. */
function acceptedIssue(): Issue {
  const accepted = decideTask(assignedIssue(), { seq: 1, action: 'accept', now: at(2) });
  return offerNext(whatFollowsTask(accepted, 1, at(3)).issue, 'resolve', 'grid', { now: at(4) });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('viewTask and the resident’s contact', () => {
  it('keeps the contact from whoever holds a link that was not yet accepted', async () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const view = await viewTask(depsWith(issue, at(5)), linkOf(issue));
    const html = taskPage('zh', { ...view, now: at(5), path: '/tasks/x' });

    // Assess
    expect(view.issue.reporter).toBeUndefined();
    expect(JSON.stringify(view)).not.toMatch(new RegExp(`${REPORTER.email}|0000-1111|${REPORTER.name}`));
    expect(html).toContain('<dt>反映人</dt><dd>接收后可见</dd>');
    expect(html).not.toContain('0000-1111');
  });

  it('shows the contact to the holder who accepted, and logs who saw it without the contact', async () => {
    // Prepare
    const issue = acceptedIssue();
    const logged = vi.spyOn(logger, 'info');

    // Act
    const view = await viewTask(depsWith(issue, at(10)), linkOf(issue));
    const html = taskPage('zh', { ...view, now: at(10), path: '/tasks/x' });

    // Assess
    expect(view.issue.reporter).toEqual(REPORTER);
    expect(html).toContain('<a href="tel:+8613900001111">');
    expect(logged).toHaveBeenCalledWith('reporter contact shown', {
      issueId: issue.id,
      seq: 2,
      assigneeId: 'w-001',
    });
    expect(JSON.stringify(logged.mock.calls)).not.toMatch(/1111|example\.org/);
  });

  it('shows nothing on a spent or expired link', async () => {
    // Prepare
    const issue = acceptedIssue();

    // Act
    const spent = viewTask(depsWith(issue, at(10)), linkOf(issue, 1));
    const expired = viewTask(depsWith(issue, at(10_000)), linkOf(issue));

    // Assess
    await expect(spent).rejects.toThrow(LinkUsedError);
    await expect(expired).rejects.toThrow(LinkGoneError);
  });
});
