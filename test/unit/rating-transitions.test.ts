import { describe, expect, it } from 'vitest';
import { IssueStateConflictError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { recordRating, whatFollowsRating } from '#domain/rating-transitions.ts';
import { assignedIssue, at, reportedIssue, resolveAt, taskOf } from './fixtures.ts';

/** Resolved at grid level between minutes 1 and 6, waiting for the rating. */
function resolvedIssue(): Issue {
  return resolveAt(reportedIssue(), 'grid', 1);
}

/** Rates the current round with `score` and settles it: one full rating round. */
function rateAndSettle(issue: Issue, score: number, minute: number) {
  const rated = recordRating(issue, { score, now: at(minute) });
  return whatFollowsRating(rated, at(minute + 1));
}

function lastEvent(issue: Issue) {
  return issue.timeline[issue.timeline.length - 1];
}

describe('recordRating', () => {
  it('records the score and comment for the current round with a rated event', () => {
    // Prepare
    const issue = resolvedIssue();

    // Act
    const rated = recordRating(issue, { score: 4, comment: '处理及时', now: at(20) });

    // Assess
    expect(rated.rating).toEqual({
      score: 4,
      comment: '处理及时',
      at: at(20),
      round: 0,
      satisfied: true,
      reopens: false,
    });
    expect(lastEvent(rated)).toEqual({ at: at(20), type: 'rated', score: 4 });
    expect(rated.status).toBe('resolved');
    expect(rated.version).toBe(issue.version + 1);
  });

  it.each([
    ['assigned', () => assignedIssue()],
    ['reported', () => reportedIssue()],
  ])('refuses a rating while the issue is %s', (_state, build) => {
    // Prepare
    const issue = build();

    // Act
    const attempt = () => recordRating(issue, { score: 5, now: at(20) });

    // Assess
    expect(attempt).toThrow(IssueStateConflictError);
  });

  it('refuses a second rating in the same round', () => {
    // Prepare
    const rated = recordRating(resolvedIssue(), { score: 5, now: at(20) });

    // Act
    const attempt = () => recordRating(rated, { score: 1, now: at(21) });

    // Assess
    expect(attempt).toThrow(IssueStateConflictError);
  });

  it('refuses a rating once the issue closed', () => {
    // Prepare
    const closed = whatFollowsRating(resolvedIssue(), at(30)).issue;

    // Act
    const attempt = () => recordRating(closed, { score: 5, now: at(31) });

    // Assess
    expect(attempt).toThrow(IssueStateConflictError);
  });

  it('accepts a new rating in the next round after a rework', () => {
    // Prepare
    const reopened = rateAndSettle(resolvedIssue(), 1, 20).issue;
    const resolvedAgain = resolveAt(reopened, 'community', 30);

    // Act
    const rated = recordRating(resolvedAgain, { score: 5, now: at(40) });

    // Assess
    expect(rated.rating).toEqual({ score: 5, at: at(40), round: 1, satisfied: true, reopens: false });
  });
});

describe('whatFollowsRating', () => {
  it.each([3, 4, 5])('closes a case rated %d as satisfied', (score) => {
    // Prepare
    const rated = recordRating(resolvedIssue(), { score, now: at(20) });

    // Act
    const { issue, next } = whatFollowsRating(rated, at(21));

    // Assess
    expect(next).toEqual({ kind: 'closed', after: `rating:${at(5)}` });
    expect(issue).toMatchObject({ status: 'closed', outcome: 'satisfied', reworkCount: 0, next });
    expect(lastEvent(issue)).toEqual({ at: at(21), type: 'closed', outcome: 'satisfied' });
  });

  it('closes a case nobody rated as unrated', () => {
    // Prepare
    const issue = resolvedIssue();

    // Act
    const settled = whatFollowsRating(issue, at(4000));

    // Assess
    expect(settled.next.kind).toBe('closed');
    expect(settled.issue).toMatchObject({ status: 'closed', outcome: 'unrated' });
    expect(lastEvent(settled.issue)).toEqual({ at: at(4000), type: 'closed', outcome: 'unrated' });
  });

  it.each([1, 2])('reopens a case rated %d one level above the level that resolved it', (score) => {
    // Prepare
    const rated = recordRating(resolvedIssue(), { score, now: at(20) });

    // Act
    const { issue, next } = whatFollowsRating(rated, at(21));

    // Assess
    expect(next).toEqual({
      kind: 'offer',
      after: `rating:${at(5)}`,
      seq: taskOf(rated).seq + 1,
      task: 'accept',
      level: 'community',
    });
    expect(issue).toMatchObject({ status: 'assigned', reworkCount: 1, next });
    expect(issue.outcome).toBeUndefined();
    expect(lastEvent(issue)).toEqual({ at: at(21), type: 'reopened', level: 'community', reworkCount: 1 });
  });

  it.each([
    ['street', 'district'],
    ['district', 'district'],
  ] as const)('reopens a case resolved at %s level for rework at %s level', (resolvedAt, reopenedAt) => {
    // Prepare
    const resolved = resolveAt(reportedIssue(), resolvedAt, 1);
    const rated = recordRating(resolved, { score: 2, now: at(20) });

    // Act
    const { next } = whatFollowsRating(rated, at(21));

    // Assess
    expect(resolved.resolution?.level).toBe(resolvedAt);
    expect(next).toMatchObject({ kind: 'offer', task: 'accept', level: reopenedAt });
  });

  it('closes the case as unsatisfied at the third bad rating, after two reworks', () => {
    // Prepare
    const first = rateAndSettle(resolvedIssue(), 1, 20);
    const second = rateAndSettle(resolveAt(first.issue, 'community', 30), 2, 40);
    const resolvedThird = resolveAt(second.issue, 'street', 50);

    // Act
    const third = rateAndSettle(resolvedThird, 1, 60);

    // Assess
    expect([first.next.kind, second.next.kind, third.next.kind]).toEqual(['offer', 'offer', 'closed']);
    expect(second.next).toMatchObject({ level: 'street' });
    expect(third.issue).toMatchObject({ status: 'closed', outcome: 'unsatisfied', reworkCount: 2 });
    expect(third.issue.timeline.filter((event) => event.type === 'reopened')).toHaveLength(2);
  });

  it('closes a reworked case as satisfied when the second round is rated well', () => {
    // Prepare
    const reopened = rateAndSettle(resolvedIssue(), 1, 20).issue;
    const resolvedAgain = resolveAt(reopened, 'community', 30);

    // Act
    const settled = rateAndSettle(resolvedAgain, 5, 40);

    // Assess
    expect(settled.issue).toMatchObject({ status: 'closed', outcome: 'satisfied', reworkCount: 1 });
  });

  it('closes a reworked case as unrated when the new round is not rated, ignoring the old bad rating', () => {
    // Prepare
    const reopened = rateAndSettle(resolvedIssue(), 1, 20).issue;
    const resolvedAgain = resolveAt(reopened, 'community', 30);

    // Act
    const settled = whatFollowsRating(resolvedAgain, at(5000));

    // Assess
    expect(settled.issue).toMatchObject({ status: 'closed', outcome: 'unrated', reworkCount: 1 });
  });

  it('returns the stored answer and the same issue object when a close is settled again', () => {
    // Prepare
    const first = rateAndSettle(resolvedIssue(), 5, 20);

    // Act
    const second = whatFollowsRating(first.issue, at(30));

    // Assess
    expect(second.issue).toBe(first.issue);
    expect(second.next).toEqual(first.next);
  });

  it('returns the stored answer when a reopen is settled again, without a second rework', () => {
    // Prepare
    const first = rateAndSettle(resolvedIssue(), 1, 20);

    // Act
    const second = whatFollowsRating(first.issue, at(30));

    // Assess
    expect(second.issue).toBe(first.issue);
    expect(second.next).toEqual(first.next);
    expect(second.issue.reworkCount).toBe(1);
  });

  it('refuses to settle a rating for an issue that was never resolved', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const attempt = () => whatFollowsRating(issue, at(30));

    // Assess
    expect(attempt).toThrow(IssueStateConflictError);
  });
});
