// The one re-invitation to rate (邀评): a second rating wait planned in the step's data, against fakes.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Issue } from '#domain/issue.ts';
import { recordRating } from '#domain/rating-transitions.ts';
import type { Policy } from '#ports';
import { FAKE_CALENDAR, FAKE_POLICY, type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import { runAwaitRating, runSettleRating } from '#use-cases/lifecycle-states.ts';
import { stepFor } from '#use-cases/workflow-steps.ts';
import { at, ladderRegistry, reportedIssue, resolveAt } from './fixtures.ts';

const HOUR = 60;
let deps: FakeDeps;
let issue: Issue;

function withPolicy(changes: Partial<Policy>) {
  deps = { ...deps, policy: { ...FAKE_POLICY, ...changes } };
}

beforeEach(async () => {
  deps = fakeDeps(ladderRegistry(), at(10));
  withPolicy({ ratingWindow: 'P3D', reinviteAfter: 'P1D' });
  issue = resolveAt(reportedIssue(), 'grid', 1);
  await deps.issues.create(issue);
});

function firstWait() {
  const step = stepFor({ kind: 'rating', after: 'x' }, issue, deps.clock, deps.policy, FAKE_CALENDAR);
  if (step.next !== 'rating') throw new Error('Expected a rating wait');
  return step;
}

describe('the re-invitation to rate', () => {
  it('is planned inside the rating window as the first wait’s end', () => {
    // Act
    const step = firstWait();

    // Assess
    expect(step).toEqual({
      next: 'rating',
      round: 0,
      closeAt: at(10 + 72 * HOUR),
      reinviteAt: at(10 + 24 * HOUR),
      timeoutSeconds: 24 * 3600,
    });
  });

  it('is not planned when it would fall after the window', () => {
    // Prepare
    withPolicy({ ratingWindow: 'PT12H', reinviteAfter: 'P1D' });

    // Act
    const step = firstWait();

    // Assess
    expect(step).toEqual({
      next: 'rating',
      round: 0,
      closeAt: at(10 + 12 * HOUR),
      timeoutSeconds: 12 * 3600,
    });
  });

  it('goes out once, when the first wait ends unrated, and the second wait ends with the window', async () => {
    // Prepare
    const step = firstWait();
    await runAwaitRating(deps, { issueId: issue.id, taskToken: 'token-1', step });
    deps.clock.set(at(10 + 24 * HOUR));

    // Act
    const second = await runSettleRating(deps, { issueId: issue.id, step });
    if (second.next !== 'rating') throw new Error('Expected a second rating wait');
    await runAwaitRating(deps, { issueId: issue.id, taskToken: 'token-2', step: second });
    await runAwaitRating(deps, { issueId: issue.id, taskToken: 'token-3', step: second });

    // Assess
    expect(second).toEqual({ next: 'rating', round: 1, closeAt: step.closeAt, timeoutSeconds: 48 * 3600 });
    const subjects = deps.notifier.to(`reporter:${issue.id}`).map((message) => message.subject);
    expect(subjects).toEqual(['您反映的问题已办结，请评价', '再次邀请您评价']);
    const stored = deps.issues.issue(issue.id);
    expect(stored.timeline.filter((event) => event.type === 'reinvited')).toHaveLength(1);
    expect(stored.status).toBe('resolved');
  });

  it('is skipped once the resident rated, and the case settles by the rating', async () => {
    // Prepare
    const step = firstWait();
    const stored = deps.issues.issue(issue.id);
    await deps.issues.save(recordRating(stored, { score: 5, now: at(20) }), stored.version);
    deps.clock.set(at(10 + 24 * HOUR));

    // Act
    const next = await runSettleRating(deps, { issueId: issue.id, step });

    // Assess
    expect(next).toEqual({ next: 'closed' });
    expect(deps.issues.issue(issue.id)).toMatchObject({ status: 'closed', outcome: 'satisfied' });
  });

  it('closes the case unrated when the second wait ends', async () => {
    // Prepare
    deps.clock.set(at(10 + 72 * HOUR));

    // Act
    const next = await runSettleRating(deps, {
      issueId: issue.id,
      step: { round: 1, closeAt: at(10 + 72 * HOUR) },
    });

    // Assess
    expect(next).toEqual({ next: 'closed' });
    expect(deps.issues.issue(issue.id).outcome).toBe('unrated');
  });
});
