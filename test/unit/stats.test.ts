import { describe, expect, it } from 'vitest';
import type { Issue } from '#domain/issue.ts';
import { recordRating, whatFollowsRating } from '#domain/rating-transitions.ts';
import {
  type Counters,
  contributionOf,
  deltasBetween,
  scopesOf,
  snapshotOf,
  statsView,
  zeroCounters,
} from '#domain/stats.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { decideTask } from '#domain/task-transitions.ts';
import { assignedIssue, at, GRID_B, offerNext, reportedIssue, resolveAt } from './fixtures.ts';

function counters(values: Partial<Counters>): Counters {
  return { ...zeroCounters(), ...values };
}

function resolvedIssue(): Issue {
  return resolveAt(reportedIssue(), 'grid', 1);
}

describe('contributionOf', () => {
  it('counts a new report as received and open', () => {
    // Act
    const contribution = contributionOf(reportedIssue());

    // Assess
    expect(contribution).toEqual(counters({ received: 1, open: 1 }));
  });

  it('counts an escalated case as overdue', () => {
    // Prepare
    const escalated = whatFollowsTask(assignedIssue(), 1, at(121)).issue;

    // Act
    const contribution = contributionOf(escalated);

    // Assess
    expect(contribution).toEqual(counters({ received: 1, open: 1, overdue: 1 }));
  });

  it('counts a resolved case as resolved and still open', () => {
    // Act
    const contribution = contributionOf(resolvedIssue());

    // Assess
    expect(contribution).toEqual(counters({ received: 1, open: 1, resolved: 1 }));
  });

  it('counts a case closed satisfied and on time', () => {
    // Prepare
    const closed = whatFollowsRating(recordRating(resolvedIssue(), { score: 4, now: at(20) }), at(21)).issue;

    // Act
    const contribution = contributionOf(closed);

    // Assess
    expect(contribution).toEqual(
      counters({
        received: 1,
        resolved: 1,
        closed: 1,
        closedOnTime: 1,
        rated: 1,
        satisfied: 1,
        solvedOrAnswered: 1,
      }),
    );
  });

  it('counts a case closed unrated as closed but not rated', () => {
    // Prepare
    const closed = whatFollowsRating(resolvedIssue(), at(5000)).issue;

    // Act
    const contribution = contributionOf(closed);

    // Assess
    expect(contribution).toEqual(
      counters({ received: 1, resolved: 1, closed: 1, closedOnTime: 1, solvedOrAnswered: 1 }),
    );
  });

  it('counts a reopened case as reworked, rated, not satisfied and open again', () => {
    // Prepare
    const reopened = whatFollowsRating(
      recordRating(resolvedIssue(), { score: 1, now: at(20) }),
      at(21),
    ).issue;

    // Act
    const contribution = contributionOf(reopened);

    // Assess
    expect(contribution).toMatchObject({ open: 1, closed: 0, reworked: 1, rated: 1, satisfied: 0 });
  });

  it('counts a case that closed after an escalation as closed but not on time', () => {
    // Prepare
    const escalated = whatFollowsTask(assignedIssue(), 1, at(121)).issue;
    const resolved = resolveAt(escalated, 'community', 130);
    const reopened = whatFollowsRating(recordRating(resolved, { score: 2, now: at(140) }), at(141)).issue;
    const reresolved = resolveAt(reopened, 'street', 150);
    const done = whatFollowsRating(reresolved, at(9000)).issue;

    // Act
    const contribution = contributionOf(done);

    // Assess
    expect(done.status).toBe('closed');
    expect(contribution).toMatchObject({ closed: 1, closedOnTime: 0, overdue: 1, reworked: 1, open: 0 });
  });
});

describe('scopesOf', () => {
  it('names the hierarchy of the case and, once one held it, the grid worker', () => {
    // Act
    const before = scopesOf(reportedIssue());
    const after = scopesOf(assignedIssue());

    // Assess
    expect(before).toEqual(['district#d-1', 'street#s-1', 'community#c-01', 'grid#g-001']);
    expect(after).toEqual(['district#d-1', 'street#s-1', 'community#c-01', 'grid#g-001', 'worker#w-001']);
  });
});

describe('deltasBetween', () => {
  it('adds received and open to every scope of a new issue', () => {
    // Act
    const deltas = deltasBetween(undefined, snapshotOf(reportedIssue()));

    // Assess
    expect(deltas).toEqual({
      'district#d-1': { received: 1, open: 1 },
      'street#s-1': { received: 1, open: 1 },
      'community#c-01': { received: 1, open: 1 },
      'grid#g-001': { received: 1, open: 1 },
    });
  });

  it('moves a case from open to closed in every scope when it closes', () => {
    // Prepare
    const rated = recordRating(resolvedIssue(), { score: 5, now: at(20) });
    const closed = whatFollowsRating(rated, at(21)).issue;

    // Act
    const deltas = deltasBetween(snapshotOf(rated), snapshotOf(closed));

    // Assess
    const change = { open: -1, closed: 1, closedOnTime: 1, solvedOrAnswered: 1 };
    expect(deltas).toEqual({
      'district#d-1': change,
      'street#s-1': change,
      'community#c-01': change,
      'grid#g-001': change,
      'worker#w-001': change,
    });
  });

  it('moves the counts of a reassigned case between grids and communities, leaving shared scopes alone', () => {
    // Prepare
    // A street supervisor's: GRID_B lies in another community of the same street.
    const offered = offerNext(reportedIssue(), 'accept', 'street', { now: at(1) });
    const reassigned = decideTask(offered, { seq: 1, action: 'reassign', targetGrid: GRID_B, now: at(2) });

    // Act
    const deltas = deltasBetween(snapshotOf(offered), snapshotOf(reassigned));

    // Assess
    expect(deltas).toEqual({
      'grid#g-001': { received: -1, open: -1 },
      'community#c-01': { received: -1, open: -1 },
      'grid#g-002': { received: 1, open: 1 },
      'community#c-02': { received: 1, open: 1 },
    });
  });

  it('adds the whole case to a grid worker the first time one holds it', () => {
    // Prepare
    const reported = reportedIssue();
    const assigned = offerNext(reported, 'accept', 'grid', { now: at(1) });

    // Act
    const deltas = deltasBetween(snapshotOf(reported), snapshotOf(assigned));

    // Assess
    expect(deltas).toEqual({ 'worker#w-001': { received: 1, open: 1 } });
  });

  it('moves the case from one grid worker to another', () => {
    // Prepare
    const first = assignedIssue();
    const other = { id: 'w-002', name: '周网格', role: 'grid_worker' } as const;
    const second = offerNext(first, 'accept', 'grid', { now: at(5), assignee: other });

    // Act
    const deltas = deltasBetween(snapshotOf(first), snapshotOf(second));

    // Assess
    expect(deltas).toEqual({
      'worker#w-001': { received: -1, open: -1 },
      'worker#w-002': { received: 1, open: 1 },
    });
  });

  it('is empty when nothing counted changed', () => {
    // Prepare
    const issue = assignedIssue();
    const accepted = decideTask(issue, { seq: 1, action: 'accept', now: at(2) });

    // Act
    const deltas = deltasBetween(snapshotOf(issue), snapshotOf(accepted));

    // Assess
    expect(deltas).toEqual({});
  });
});

describe('statsView', () => {
  it('gives no satisfaction rate when nothing was rated', () => {
    // Act
    const view = statsView('grid', 'g-001', counters({ received: 4, open: 4 }));

    // Assess
    expect(view).toEqual({
      scope: 'grid',
      id: 'g-001',
      ...counters({ received: 4, open: 4 }),
      satisfactionRate: null,
    });
  });

  it('gives the share of rated cases that were satisfied, to four decimals', () => {
    // Act
    const twoOfThree = statsView('district', 'd-1', counters({ rated: 3, satisfied: 2 }));
    const all = statsView('worker', 'w-001', counters({ rated: 2, satisfied: 2 }));
    const none = statsView('street', 's-1', counters({ rated: 5, satisfied: 0 }));

    // Assess
    expect(twoOfThree.satisfactionRate).toBe(0.6667);
    expect(all.satisfactionRate).toBe(1);
    expect(none.satisfactionRate).toBe(0);
  });
});
