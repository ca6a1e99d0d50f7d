import { describe, expect, it } from 'vitest';
import {
  ActionNotAllowedError,
  IssueStateConflictError,
  LinkGoneError,
  LinkUsedError,
} from '#domain/errors.ts';
import type { Level } from '#domain/hierarchy.ts';
import type { Issue, TaskAction, TaskKind } from '#domain/issue.ts';
import { whatFollowsRating } from '#domain/rating-transitions.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { allowedActions, decideTask, openTask } from '#domain/task-transitions.ts';
import {
  assignedIssue,
  at,
  GRID_A,
  GRID_B,
  offerNext,
  PEOPLE,
  reportedIssue,
  resolveAt,
  taskOf,
} from './fixtures.ts';

/** An open accept task at `level`, seq 1, offered at minute 1 with a deadline at minute 121. */
function openAt(level: Level, kind: TaskKind = 'accept'): Issue {
  return offerNext(reportedIssue(), kind, level, { now: at(1) });
}

function lastEvent(issue: Issue) {
  return issue.timeline[issue.timeline.length - 1];
}

describe('openTask', () => {
  it('assigns a reported issue to the grid worker with an open task and an assigned event', () => {
    // Prepare
    const issue = reportedIssue();

    // Act
    const offered = openTask(issue, {
      seq: 1,
      kind: 'accept',
      level: 'grid',
      assignee: PEOPLE.grid,
      nonce: 'n-1',
      now: at(1),
      deadline: at(121),
    });

    // Assess
    expect(offered).toMatchObject({ status: 'assigned', level: 'grid', workerId: 'w-001', pastTasks: [] });
    expect(offered.task).toEqual({
      seq: 1,
      kind: 'accept',
      level: 'grid',
      assignee: PEOPLE.grid,
      nonce: 'n-1',
      offeredAt: at(1),
      deadline: at(121),
      status: 'open',
    });
    expect(offered.timeline).toHaveLength(2);
    expect(lastEvent(offered)).toEqual({ at: at(1), type: 'assigned', level: 'grid', assignee: PEOPLE.grid });
    expect(offered.version).toBe(issue.version + 1);
    expect(offered.updatedAt).toBe(at(1));
  });

  it('puts a resolve task in progress without a timeline event', () => {
    // Prepare
    const issue = reportedIssue();

    // Act
    const offered = offerNext(issue, 'resolve', 'grid', { now: at(1) });

    // Assess
    expect(offered.status).toBe('in_progress');
    expect(offered.timeline).toEqual(issue.timeline);
  });

  it('keeps the accountable grid worker when a supervisor takes the case', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const offered = offerNext(issue, 'accept', 'community', { now: at(5) });

    // Assess
    expect(offered.level).toBe('community');
    expect(offered.workerId).toBe('w-001');
    expect(taskOf(offered).assignee).toEqual(PEOPLE.community);
  });

  it('attributes the case to a new grid worker who is offered it', () => {
    // Prepare
    const issue = assignedIssue();
    const other = { id: 'w-002', name: '周网格', role: 'grid_worker' } as const;

    // Act
    const offered = offerNext(issue, 'accept', 'grid', { now: at(5), assignee: other });

    // Assess
    expect(offered.workerId).toBe('w-002');
  });

  it('retires a still open previous task to pastTasks as revoked', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const offered = offerNext(issue, 'accept', 'community', { now: at(5) });

    // Assess
    expect(offered.pastTasks).toEqual([{ seq: 1, nonce: 'nonce-1', status: 'revoked' }]);
    expect(taskOf(offered)).toMatchObject({ seq: 2, status: 'open' });
  });

  it('retires a used previous task as used and an expired one as expired', () => {
    // Prepare
    const accepted = decideTask(assignedIssue(), { seq: 1, action: 'accept', now: at(2) });
    const timedOut = whatFollowsTask(assignedIssue(), 1, at(121)).issue;

    // Act
    const afterUse = offerNext(accepted, 'resolve', 'grid', { now: at(3) });
    const afterTimeout = offerNext(timedOut, 'accept', 'community', { now: at(122) });

    // Assess
    expect(afterUse.pastTasks).toEqual([{ seq: 1, nonce: 'nonce-1', status: 'used' }]);
    expect(afterTimeout.pastTasks).toEqual([{ seq: 1, nonce: 'nonce-1', status: 'expired' }]);
  });

  it('refuses to offer a closed issue', () => {
    // Prepare
    const closed = whatFollowsRating(resolveAt(reportedIssue(), 'grid', 1), at(10)).issue;

    // Act
    const attempt = () => offerNext(closed, 'accept', 'grid', { now: at(11) });

    // Assess
    expect(closed.status).toBe('closed');
    expect(attempt).toThrow(IssueStateConflictError);
  });
});

describe('allowedActions', () => {
  it.each([
    ['accept', 'grid', ['accept', 'decline']],
    ['accept', 'community', ['accept', 'decline', 'reassign']],
    ['accept', 'street', ['accept', 'decline', 'reassign']],
    ['accept', 'district', ['accept', 'reassign']],
    ['resolve', 'grid', ['resolve', 'defer', 'pause', 'transfer', 'co_handle']],
    ['resolve', 'community', ['resolve', 'defer', 'pause', 'transfer', 'co_handle']],
    ['resolve', 'district', ['resolve', 'defer', 'pause', 'transfer', 'co_handle']],
  ] as const)('offers a %s task at %s level: %j', (kind, level, expected) => {
    // Act
    const actions = allowedActions({ kind, level });

    // Assess
    expect(actions).toEqual(expected);
  });
});

describe('decideTask', () => {
  it('accepts: the case goes in progress, the link is spent and the timeline says who accepted', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const decided = decideTask(issue, { seq: 1, action: 'accept', now: at(2) });

    // Assess
    expect(decided.status).toBe('in_progress');
    expect(taskOf(decided)).toMatchObject({ status: 'used', decision: { action: 'accept', at: at(2) } });
    expect(lastEvent(decided)).toEqual({ at: at(2), type: 'accepted', by: PEOPLE.grid });
    expect(decided.version).toBe(issue.version + 1);
  });

  it('declines with the reason in the decision and in the timeline', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const decided = decideTask(issue, { seq: 1, action: 'decline', note: '不在本网格', now: at(2) });

    // Assess
    expect(decided.status).toBe('assigned');
    expect(taskOf(decided)).toMatchObject({
      status: 'used',
      decision: { action: 'decline', at: at(2), note: '不在本网格' },
    });
    expect(lastEvent(decided)).toEqual({ at: at(2), type: 'declined', by: PEOPLE.grid, note: '不在本网格' });
  });

  it('resolves: the case is resolved with a resolution naming who, at which level, when and how', () => {
    // Prepare
    const issue = offerNext(reportedIssue(), 'resolve', 'community', { now: at(1) });

    // Act
    const decided = decideTask(issue, { seq: 1, action: 'resolve', note: '已更换阀门', now: at(30) });

    // Assess
    expect(decided.status).toBe('resolved');
    expect(decided.resolution).toEqual({
      by: PEOPLE.community,
      level: 'community',
      at: at(30),
      note: '已更换阀门',
      outcome: 'solved',
    });
    expect(lastEvent(decided)).toEqual({
      at: at(30),
      type: 'resolved',
      by: PEOPLE.community,
      note: '已更换阀门',
    });
    expect(taskOf(decided).status).toBe('used');
  });

  it('resolves with the outcome given: an explanation is an outcome of its own', () => {
    // Prepare
    const issue = offerNext(reportedIssue(), 'resolve', 'grid', { now: at(1) });

    // Act
    const decided = decideTask(issue, {
      seq: 1,
      action: 'resolve',
      note: '停水系自来水公司计划检修，明日恢复',
      outcome: 'explained',
      now: at(30),
    });

    // Assess
    expect(decided.resolution).toMatchObject({
      outcome: 'explained',
      note: '停水系自来水公司计划检修，明日恢复',
    });
  });

  it('reassigns to another grid: the case moves there and the timeline records from and to', () => {
    // Prepare
    const issue = openAt('street');

    // Act
    const decided = decideTask(issue, { seq: 1, action: 'reassign', targetGrid: GRID_B, now: at(2) });

    // Assess
    expect(decided).toMatchObject({
      gridId: GRID_B.id,
      communityId: GRID_B.communityId,
      streetId: GRID_B.streetId,
      districtId: GRID_B.districtId,
    });
    expect(taskOf(decided)).toMatchObject({
      status: 'used',
      decision: { action: 'reassign', at: at(2), gridId: GRID_B.id },
    });
    expect(lastEvent(decided)).toEqual({
      at: at(2),
      type: 'reassigned',
      by: PEOPLE.street,
      from: GRID_A.id,
      to: GRID_B.id,
    });
  });

  it.each([
    ['community', { ...GRID_B, communityId: 'c-02' }],
    ['street', { ...GRID_B, communityId: 'c-09', streetId: 's-2' }],
  ] as const)('refuses a %s supervisor a reassignment outside their own unit', (level, target) => {
    // Prepare
    const issue = openAt(level);

    // Act
    const attempt = () => decideTask(issue, { seq: 1, action: 'reassign', targetGrid: target, now: at(2) });

    // Assess
    expect(attempt).toThrow(ActionNotAllowedError);
    expect(attempt).toThrow(`outside ${level}`);
  });

  it.each([
    ['community', { ...GRID_B, id: 'g-003', communityId: GRID_A.communityId }],
    ['street', GRID_B],
    ['district', { ...GRID_B, communityId: 'c-09', streetId: 's-2' }],
  ] as const)('lets a %s supervisor reassign within their own part of the tree', (level, target) => {
    // Act
    const decided = decideTask(openAt(level), { seq: 1, action: 'reassign', targetGrid: target, now: at(2) });

    // Assess
    expect(decided.gridId).toBe(target.id);
  });

  it('refuses a reassignment that names no grid', () => {
    // Prepare
    const issue = openAt('street');

    // Act
    const attempt = () => decideTask(issue, { seq: 1, action: 'reassign', now: at(2) });

    // Assess
    expect(attempt).toThrow(ActionNotAllowedError);
  });

  it('refuses a link that was already used with LinkUsedError', () => {
    // Prepare
    const accepted = decideTask(assignedIssue(), { seq: 1, action: 'accept', now: at(2) });

    // Act
    const attempt = () => decideTask(accepted, { seq: 1, action: 'accept', now: at(3) });

    // Assess
    expect(attempt).toThrow(LinkUsedError);
  });

  it('still knows a used link once its task was retired', () => {
    // Prepare
    const accepted = decideTask(assignedIssue(), { seq: 1, action: 'accept', now: at(2) });
    const next = offerNext(whatFollowsTask(accepted, 1, at(3)).issue, 'resolve', 'grid', { now: at(4) });

    // Act
    const attempt = () => decideTask(next, { seq: 1, action: 'decline', note: 'x', now: at(5) });

    // Assess
    expect(attempt).toThrow(LinkUsedError);
  });

  it('refuses the link of a task that moved on with LinkGoneError (revoked)', () => {
    // Prepare
    const moved = offerNext(assignedIssue(), 'accept', 'community', { now: at(5) });

    // Act
    const attempt = () => decideTask(moved, { seq: 1, action: 'accept', now: at(6) });

    // Assess
    expect(attempt).toThrow(LinkGoneError);
    expect(attempt).toThrow(expect.objectContaining({ reason: 'revoked', issueId: moved.id }));
  });

  it('refuses the link of a task that timed out with LinkGoneError (expired)', () => {
    // Prepare
    const timedOut = whatFollowsTask(assignedIssue(), 1, at(121)).issue;

    // Act
    const now = () => decideTask(timedOut, { seq: 1, action: 'accept', now: at(122) });
    const later = () =>
      decideTask(offerNext(timedOut, 'accept', 'community', { now: at(123) }), {
        seq: 1,
        action: 'accept',
        now: at(124),
      });

    // Assess
    expect(now).toThrow(expect.objectContaining({ name: 'LinkGoneError', reason: 'expired' }));
    expect(later).toThrow(expect.objectContaining({ name: 'LinkGoneError', reason: 'expired' }));
  });

  it('refuses an open task at and after its deadline with LinkGoneError (expired)', () => {
    // Prepare
    const issue = assignedIssue();
    const deadline = taskOf(issue).deadline;

    // Act
    const atDeadline = () => decideTask(issue, { seq: 1, action: 'accept', now: deadline });
    const justBefore = decideTask(issue, { seq: 1, action: 'accept', now: at(119.99) });

    // Assess
    expect(atDeadline).toThrow(expect.objectContaining({ name: 'LinkGoneError', reason: 'expired' }));
    expect(justBefore.status).toBe('in_progress');
  });

  it('refuses a link for a task number the issue never had', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const attempt = () => decideTask(issue, { seq: 7, action: 'accept', now: at(2) });

    // Assess
    expect(attempt).toThrow(LinkGoneError);
  });

  it('still calls a used link used once the issue closed', () => {
    // Prepare
    const closed = whatFollowsRating(resolveAt(reportedIssue(), 'grid', 1), at(10)).issue;

    // Act
    const attempt = () => decideTask(closed, { seq: 2, action: 'resolve', now: at(11) });

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ name: 'LinkUsedError' }));
  });

  it.each([
    ['grid', 'accept', 'reassign'],
    ['grid', 'accept', 'resolve'],
    ['district', 'accept', 'decline'],
    ['community', 'resolve', 'accept'],
    ['grid', 'resolve', 'decline'],
  ] as [Level, TaskKind, TaskAction][])(
    'refuses at %s level on a %s task the action %s with ActionNotAllowedError',
    (level, kind, action) => {
      // Prepare
      const issue = openAt(level, kind);

      // Act
      const attempt = () => decideTask(issue, { seq: 1, action, note: 'n', targetGrid: GRID_B, now: at(2) });

      // Assess
      expect(attempt).toThrow(ActionNotAllowedError);
      expect(attempt).toThrow(expect.objectContaining({ action, allowed: allowedActions({ kind, level }) }));
    },
  );

  it('leaves the issue it was given untouched', () => {
    // Prepare
    const issue = assignedIssue();
    const snapshot = structuredClone(issue);

    // Act
    decideTask(issue, { seq: 1, action: 'accept', now: at(2) });

    // Assess
    expect(issue).toEqual(snapshot);
  });
});

describe('whatFollowsTask', () => {
  it('follows an accept with a resolve task for the same assignee at the same level', () => {
    // Prepare
    const accepted = decideTask(openAt('street'), { seq: 1, action: 'accept', now: at(2) });

    // Act
    const { issue, next, previousHolder } = whatFollowsTask(accepted, 1, at(3));

    // Assess
    expect(next).toEqual({
      kind: 'offer',
      after: 'task:1',
      seq: 2,
      task: 'resolve',
      level: 'street',
      assigneeId: PEOPLE.street.id,
    });
    expect(issue.next).toEqual(next);
    expect(issue.version).toBe(accepted.version + 1);
    expect(issue.timeline).toEqual(accepted.timeline);
    expect(previousHolder).toBeUndefined();
  });

  it.each([
    ['grid', 'community'],
    ['community', 'street'],
    ['street', 'district'],
  ] as const)('follows a decline at %s with an accept task at %s for anyone there', (level, above) => {
    // Prepare
    const declined = decideTask(openAt(level), { seq: 1, action: 'decline', note: '非本级职责', now: at(2) });

    // Act
    const { next } = whatFollowsTask(declined, 1, at(3));

    // Assess
    expect(next).toEqual({ kind: 'offer', after: 'task:1', seq: 2, task: 'accept', level: above });
  });

  it('follows a reassignment with an accept task at grid level in the new grid', () => {
    // Prepare
    const reassigned = decideTask(openAt('district'), {
      seq: 1,
      action: 'reassign',
      targetGrid: GRID_B,
      now: at(2),
    });

    // Act
    const { issue, next } = whatFollowsTask(reassigned, 1, at(3));

    // Assess
    expect(next).toEqual({ kind: 'offer', after: 'task:1', seq: 2, task: 'accept', level: 'grid' });
    expect(issue.gridId).toBe(GRID_B.id);
  });

  it('follows a resolution with the rating', () => {
    // Prepare
    const resolved = decideTask(openAt('grid', 'resolve'), { seq: 1, action: 'resolve', now: at(2) });

    // Act
    const { issue, next } = whatFollowsTask(resolved, 1, at(3));

    // Assess
    expect(next).toEqual({ kind: 'rating', after: 'task:1' });
    expect(issue.status).toBe('resolved');
  });

  it('escalates a task still open at its deadline one level up, marks it overdue and names who lost it', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const settled = whatFollowsTask(issue, 1, at(121));

    // Assess
    expect(settled.next).toEqual({
      kind: 'offer',
      after: 'task:1',
      seq: 2,
      task: 'accept',
      level: 'community',
    });
    expect(settled.issue.overdue).toBe(true);
    expect(taskOf(settled.issue).status).toBe('expired');
    expect(lastEvent(settled.issue)).toEqual({
      at: at(121),
      type: 'escalated',
      from: 'grid',
      to: 'community',
      reason: 'deadline',
    });
    expect(settled.previousHolder).toEqual(PEOPLE.grid);
  });

  it('gives the level above a supervision task about the holder when the resolve deadline passes', () => {
    // Prepare
    const issue = openAt('community', 'resolve');
    const holder = { assignee: taskOf(issue).assignee, level: 'community' };

    // Act
    const { next, issue: settled, previousHolder } = whatFollowsTask(issue, 1, at(121));

    // Assess
    expect(next).toEqual({
      kind: 'offer',
      after: 'task:1',
      seq: 2,
      task: 'supervise',
      level: 'street',
      holder,
    });
    expect(settled.overdue).toBe(true);
    expect(taskOf(settled).status).toBe('expired');
    expect(lastEvent(settled)).toEqual({
      at: at(121),
      type: 'escalated',
      from: 'community',
      to: 'street',
      reason: 'resolve_deadline',
    });
    expect(previousHolder).toEqual(holder.assignee);
  });

  it('parks the same task again at a reminder point, changing nothing', () => {
    // Prepare
    const issue = openAt('grid');

    // Act
    const first = whatFollowsTask(issue, 1, at(61), { round: 0, planned: 2 });
    const second = whatFollowsTask(issue, 1, at(91), { round: 1, planned: 2 });
    const atDeadline = whatFollowsTask(issue, 1, at(121), { round: 2, planned: 2 });

    // Assess
    expect(first).toEqual({
      issue,
      next: {
        kind: 'offer',
        after: 'task:1:1',
        seq: 1,
        task: 'accept',
        level: 'grid',
        assigneeId: PEOPLE.grid.id,
        round: 1,
      },
    });
    expect(second.next).toMatchObject({ seq: 1, round: 2 });
    expect(second.issue).toBe(issue);
    expect(atDeadline.next).toMatchObject({ seq: 2, task: 'accept', level: 'community' });
  });

  it('keeps a district task past its deadline at the district under supervision, with one timeline entry', () => {
    // Prepare
    let issue = openAt('district');
    const nexts = [];

    // Act
    for (let round = 0; round < 3; round++) {
      const settled = whatFollowsTask(issue, taskOf(issue).seq, at(200 * (round + 1)), { round, planned: 0 });
      nexts.push(settled.next);
      issue = settled.issue;
    }

    // Assess
    expect(nexts).toEqual(
      [1, 2, 3].map((round) => ({
        kind: 'offer',
        after: `task:1:${round}`,
        seq: 1,
        task: 'accept',
        level: 'district',
        assigneeId: taskOf(issue).assignee.id,
        round,
      })),
    );
    expect(issue.overdue).toBe(true);
    expect(issue.timeline.filter((event) => event.type === 'escalated')).toEqual([
      { at: at(200), type: 'escalated', from: 'district', to: 'district', reason: 'supervision' },
    ]);
    expect(taskOf(issue).status).toBe('open');
  });

  it('returns the stored answer and the same issue object when a decided task is settled again', () => {
    // Prepare
    const accepted = decideTask(assignedIssue(), { seq: 1, action: 'accept', now: at(2) });
    const first = whatFollowsTask(accepted, 1, at(3));

    // Act
    const second = whatFollowsTask(first.issue, 1, at(4));

    // Assess
    expect(second.issue).toBe(first.issue);
    expect(second.next).toEqual(first.next);
  });

  it('escalates only once when a timed-out task is settled again', () => {
    // Prepare
    const first = whatFollowsTask(assignedIssue(), 1, at(121));

    // Act
    const second = whatFollowsTask(first.issue, 1, at(125));

    // Assess
    expect(second.issue).toBe(first.issue);
    expect(second.next).toEqual(first.next);
    expect(second.issue.timeline.filter((event) => event.type === 'escalated')).toHaveLength(1);
  });

  it('refuses to settle a task that is not the current one', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const attempt = () => whatFollowsTask(issue, 2, at(3));

    // Assess
    expect(attempt).toThrow(IssueStateConflictError);
  });
});

describe('whatFollowsTask when the wait ended before its task existed', () => {
  it('offers the first task again when its deadline passed before it was created', () => {
    // Prepare
    const issue = reportedIssue();

    // Act
    const settled = whatFollowsTask(issue, 1, at(3));

    // Assess
    expect(settled).toEqual({
      issue,
      next: { kind: 'offer', after: 'intake', seq: 1, task: 'accept', level: 'grid' },
    });
  });

  it('offers a later task again, as the stored next step says, without escalating anyone', () => {
    // Prepare
    const escalated = whatFollowsTask(assignedIssue(), 1, at(3)).issue;

    // Act
    const settled = whatFollowsTask(escalated, 2, at(4));

    // Assess
    expect(settled.issue).toBe(escalated);
    expect(settled.next).toEqual(escalated.next);
    expect(settled.previousHolder).toBeUndefined();
  });
});
