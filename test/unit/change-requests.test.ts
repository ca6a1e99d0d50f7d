// Deferral (延期) and pause (挂起): the holder's request on their link, the answer on the approval link one level
// up, and what the workflow does after, against in-memory fakes of the ports.
import { beforeEach, describe, expect, it } from 'vitest';
import { resumed } from '#domain/change-requests.ts';
import { DEFAULT_CALENDAR } from '#domain/china-calendar.ts';
import {
  ActionNotAllowedError,
  InvalidChangeDateError,
  IssueStateConflictError,
  LinkUsedError,
} from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { linkToken } from '#domain/links.ts';
import { contributionOf } from '#domain/stats.ts';
import { FAKE_CALENDAR, FAKE_KEYS, type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import { actOnTask } from '#use-cases/act-on-task.ts';
import { runOfferTask, runSettleTask } from '#use-cases/lifecycle-states.ts';
import { viewTask } from '#use-cases/view-task.ts';
import { stepFor } from '#use-cases/workflow-steps.ts';
import { at, ladderRegistry, offerNext, PEOPLE, reportedIssue, taskOf } from './fixtures.ts';

let deps: FakeDeps;
let holderLink: string;
let issueId: string;

const RESOLVE_BY = at(3 * 24 * 60);
const DAY = 24 * 60;

/** A case accepted by its grid worker, now waiting on the resolve task with the case's resolve deadline. */
beforeEach(async () => {
  deps = fakeDeps(ladderRegistry(), at(10));
  const issue: Issue = {
    ...offerNext(reportedIssue(), 'resolve', 'grid', { now: at(5) }),
    resolveDeadline: RESOLVE_BY,
  };
  issueId = issue.id;
  await deps.issues.create(issue);
  await deps.issues.setWorkflowToken(issue.id, 'token-1');
  holderLink = linkToken(FAKE_KEYS.linkKey, issue.id, taskOf(issue).seq, taskOf(issue).nonce);
});

function approvalLink(): string {
  const request = deps.issues.issue(issueId).request;
  if (!request) throw new Error('No request stored');
  return new URL(deps.notifier.to(request.approver.id).at(-1)?.link ?? '').pathname.replace('/tasks/', '');
}

describe('a deferral (延期)', () => {
  it('is asked on the holder’s link, which stays open, and goes to the supervisor one level up', async () => {
    // Act
    await actOnTask(deps, holderLink, { action: 'defer', note: '等待配件', until: at(5 * DAY) });

    // Assess
    const issue = deps.issues.issue(issueId);
    expect(issue.request).toMatchObject({ kind: 'defer', status: 'pending', approver: PEOPLE.community });
    expect(taskOf(issue).status).toBe('open');
    expect(deps.workflow.completed).toEqual([]);
    const view = await viewTask(deps, approvalLink());
    expect(view).toMatchObject({
      actions: ['approve', 'refuse'],
      request: { kind: 'defer', reason: '等待配件' },
    });
  });

  it('approved with another date, moves the resolve deadline, wakes the workflow and gives the holder a new link', async () => {
    // Prepare
    await actOnTask(deps, holderLink, { action: 'defer', note: '等待配件', until: at(5 * DAY) });

    // Act
    await actOnTask(deps, approvalLink(), { action: 'approve', until: at(4 * DAY), note: '同意' });
    const next = await runSettleTask(deps, { issueId, seq: 1, round: 0 });

    // Assess
    const issue = deps.issues.issue(issueId);
    expect(issue).toMatchObject({ resolveDeadline: at(4 * DAY), deferredUntil: at(4 * DAY), deferrals: 1 });
    expect(issue.timeline.at(-1)).toMatchObject({ type: 'deferred', until: at(4 * DAY), note: '等待配件' });
    expect(deps.workflow.completed).toEqual([{ token: 'token-1', output: { action: 'approve' } }]);
    expect(next).toMatchObject({ next: 'offer', seq: 2, task: 'resolve', deadline: at(4 * DAY) });
    expect(contributionOf(issue)).toMatchObject({ deferred: 1, overdue: 0 });
    await expect(actOnTask(deps, approvalLink(), { action: 'approve' })).rejects.toBeInstanceOf(
      LinkUsedError,
    );
  });

  it('refused, changes nothing but the request, and the holder is told', async () => {
    // Prepare
    await actOnTask(deps, holderLink, { action: 'defer', note: '等待配件', until: at(5 * DAY) });

    // Act
    await actOnTask(deps, approvalLink(), { action: 'refuse', note: '请按期办结' });

    // Assess
    const issue = deps.issues.issue(issueId);
    expect(issue).toMatchObject({ resolveDeadline: RESOLVE_BY, request: { status: 'refused' } });
    expect(taskOf(issue).status).toBe('open');
    expect(deps.workflow.completed).toEqual([]);
    expect(deps.notifier.to(PEOPLE.grid.id).at(-1)?.subject).toBe('延期申请未获批准');
  });

  it('refuses bad input with nothing changed', async () => {
    // Prepare
    const before = deps.issues.issue(issueId);

    // Act
    const past = actOnTask(deps, holderLink, { action: 'defer', note: '理由', until: at(1) });
    const tooFar = actOnTask(deps, holderLink, { action: 'defer', note: '理由', until: at(60 * DAY) });
    const approveOwn = actOnTask(deps, holderLink, { action: 'approve' });

    // Assess
    await expect(past).rejects.toBeInstanceOf(InvalidChangeDateError);
    await expect(tooFar).rejects.toBeInstanceOf(InvalidChangeDateError);
    await expect(approveOwn).rejects.toBeInstanceOf(ActionNotAllowedError);
    expect(deps.issues.issue(issueId)).toBe(before);
  });

  it('allows one request at a time and one deferral per case', async () => {
    // Prepare
    await actOnTask(deps, holderLink, { action: 'defer', note: '等待配件', until: at(5 * DAY) });

    // Act
    const second = actOnTask(deps, holderLink, { action: 'pause', note: '停水施工', until: at(10 * DAY) });
    await expect(second).rejects.toBeInstanceOf(IssueStateConflictError);
    await actOnTask(deps, approvalLink(), { action: 'approve' });
    const next = await runSettleTask(deps, { issueId, seq: 1, round: 0 });
    if (next.next !== 'offer') throw new Error('expected an offer');
    await runOfferTask(deps, { issueId, taskToken: 'token-2', ...next });
    const task = taskOf(deps.issues.issue(issueId));
    const newLink = linkToken(FAKE_KEYS.linkKey, issueId, task.seq, task.nonce);
    const again = actOnTask(deps, newLink, { action: 'defer', note: '还需时间', until: at(6 * DAY) });

    // Assess
    await expect(again).rejects.toBeInstanceOf(IssueStateConflictError);
    expect(deps.issues.issue(issueId).deferrals).toBe(1);
  });
});

describe('a pause (挂起)', () => {
  it('approved at street level, stops the clock and reminders until its date, then resumes with the time added', async () => {
    // Prepare
    await actOnTask(deps, holderLink, { action: 'pause', note: '供水公司管网改造', until: at(20 * DAY) });
    expect(deps.issues.issue(issueId).request?.approver).toEqual(PEOPLE.street);

    // Act
    await actOnTask(deps, approvalLink(), { action: 'approve' });
    const paused = await runSettleTask(deps, { issueId, seq: 1, round: 0 });
    deps.clock.set(at(20 * DAY));
    const afterPause = stepFor(
      { kind: 'offer', after: 'x', seq: 2, task: 'resolve', level: 'grid', assigneeId: PEOPLE.grid.id },
      deps.issues.issue(issueId),
      deps.clock,
      deps.policy,
      FAKE_CALENDAR,
    );

    // Assess
    expect(paused).toMatchObject({
      next: 'offer',
      seq: 2,
      task: 'resolve',
      deadline: at(20 * DAY),
      remindAt: [],
    });
    expect(deps.issues.issue(issueId)).toMatchObject({
      pauses: 1,
      pause: { since: at(10), until: at(20 * DAY) },
    });
    expect(afterPause).toMatchObject({ deadline: at(20 * DAY) });
  });

  it('the holder resumes it on their link, and the resolve deadline moves on by the time paused', async () => {
    // Prepare: paused at minute 10, then a fresh resolve task for the holder.
    await actOnTask(deps, holderLink, { action: 'pause', note: '等待预算', until: at(20 * DAY) });
    await actOnTask(deps, approvalLink(), { action: 'approve' });
    const paused = await runSettleTask(deps, { issueId, seq: 1, round: 0 });
    if (paused.next !== 'offer') throw new Error('expected an offer');
    await runOfferTask(deps, { issueId, taskToken: 'token-2', ...paused });
    const task = taskOf(deps.issues.issue(issueId));
    const link = linkToken(FAKE_KEYS.linkKey, issueId, task.seq, task.nonce);
    deps.clock.set(at(10 + DAY));

    // Act
    expect((await viewTask(deps, link)).actions).toEqual(['resolve', 'resume']);
    await actOnTask(deps, link, { action: 'resume' });

    // Assess
    const issue = deps.issues.issue(issueId);
    expect(issue.pause).toBeUndefined();
    expect(issue.resolveDeadline).toBe(at(3 * DAY + DAY));
    expect(issue.timeline.at(-1)).toMatchObject({ type: 'resumed', by: PEOPLE.grid });
  });
});

describe('the limits, and who may ask', () => {
  it('refuses a pause beyond the limit and whatever the district’s own limits forbid, with nothing changed', async () => {
    // Prepare
    const before = deps.issues.issue(issueId);
    const strict = {
      ...deps,
      policy: { ...deps.policy, changeLimits: { maxDeferrals: 0, maxDeferral: 'P30D', maxPause: 'P10D' } },
    };

    // Act
    const tooLong = actOnTask(deps, holderLink, { action: 'pause', note: '等待预算', until: at(61 * DAY) });
    const noDeferral = actOnTask(strict, holderLink, {
      action: 'defer',
      note: '等待配件',
      until: at(5 * DAY),
    });
    const shortPause = actOnTask(strict, holderLink, {
      action: 'pause',
      note: '等待预算',
      until: at(11 * DAY),
    });

    // Assess
    await expect(tooLong).rejects.toThrow('A pause lasts at most P60D.');
    await expect(noDeferral).rejects.toBeInstanceOf(IssueStateConflictError);
    await expect(shortPause).rejects.toThrow('A pause lasts at most P10D.');
    expect(deps.issues.issue(issueId)).toBe(before);
  });

  it('takes no request on the approver’s link, who does not hold the case, and no answer on the holder’s', async () => {
    // Prepare
    await actOnTask(deps, holderLink, { action: 'defer', note: '等待配件', until: at(5 * DAY) });
    const pending = deps.issues.issue(issueId);

    // Act
    const byApprover = actOnTask(deps, approvalLink(), { action: 'pause', note: '停水', until: at(9 * DAY) });
    const byHolder = actOnTask(deps, holderLink, { action: 'approve' });

    // Assess
    await expect(byApprover).rejects.toBeInstanceOf(ActionNotAllowedError);
    await expect(byHolder).rejects.toBeInstanceOf(ActionNotAllowedError);
    expect(deps.issues.issue(issueId)).toBe(pending);
  });
});

describe('resuming a pause', () => {
  /** A case on the given clock, paused since `since` with its resolve deadline at `deadline`. */
  const pausedCase = (timeBasis: 'working' | 'calendar', since: string, deadline: string): Issue => ({
    ...reportedIssue(),
    terms: { timeBasis, accept: 'PT2H', resolve: 'P3D' },
    resolveDeadline: deadline,
    pause: { since, until: '2026-12-31T00:00:00Z' },
  });

  it('gives back the working time paused across National Day as working time, not the nine calendar days', () => {
    // Prepare: paused at 16:30 on the eve of the holiday, the deadline at close of office two days after it.
    const issue = pausedCase('working', '2025-09-30T16:30:00+08:00', '2025-10-10T17:30:00+08:00');

    // Act: resumed at 09:30 on the first working day after the holiday.
    const { resolveDeadline, pause } = resumed(issue, '2025-10-09T01:30:00.000Z', DEFAULT_CALENDAR);

    // Assess: an office hour before the holiday and one after it, given back on the make-up Saturday.
    expect(pause).toBeUndefined();
    expect(resolveDeadline).toBe(new Date('2025-10-11T10:30:00+08:00').toISOString());
  });

  it('moves nothing for a pause that spans only a weekend or a holiday, outside office hours', () => {
    // Prepare: paused at Friday’s close, before the Spring Festival of 2026.
    const issue = pausedCase('working', '2026-02-13T17:30:00+08:00', '2026-02-27T17:30:00+08:00');

    // Act: resumed before office opens on the make-up Saturday after the week off.
    const { resolveDeadline } = resumed(issue, '2026-02-14T00:00:00.000Z', DEFAULT_CALENDAR);
    const overHoliday = resumed(
      { ...issue, pause: { since: '2026-02-14T09:30:00.000Z', until: '2026-12-31T00:00:00Z' } },
      '2026-02-24T00:00:00.000Z',
      DEFAULT_CALENDAR,
    );

    // Assess
    expect(resolveDeadline).toBe(new Date('2026-02-27T17:30:00+08:00').toISOString());
    expect(overHoliday.resolveDeadline).toBe(new Date('2026-02-27T17:30:00+08:00').toISOString());
  });

  it('moves a working-time deadline at close of office into the next office period', () => {
    // Prepare: paused for two office hours on a Wednesday morning; the deadline is Thursday at close.
    const issue = pausedCase('working', '2026-03-04T09:00:00+08:00', '2026-03-05T17:30:00+08:00');

    // Act
    const { resolveDeadline } = resumed(issue, '2026-03-04T03:00:00.000Z', DEFAULT_CALENDAR);

    // Assess: Friday, two office hours after opening.
    expect(resolveDeadline).toBe(new Date('2026-03-06T10:30:00+08:00').toISOString());
  });

  it('gives back calendar time paused around the clock on a calendar-time case', () => {
    // Prepare
    const issue = pausedCase('calendar', '2025-09-30T16:30:00+08:00', '2025-10-02T08:00:00+08:00');

    // Act
    const { resolveDeadline } = resumed(issue, '2025-10-09T01:30:00.000Z', DEFAULT_CALENDAR);

    // Assess: eight days and seventeen hours later.
    expect(resolveDeadline).toBe(new Date('2025-10-11T01:00:00+08:00').toISOString());
  });
});
