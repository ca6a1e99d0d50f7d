// Appeals (申诉复核) against a bad rating: lodged on the rework link, answered on an approval link one level up,
// against in-memory fakes of the ports.
import { beforeEach, describe, expect, it } from 'vitest';
import { ActionNotAllowedError, IssueStateConflictError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { linkToken } from '#domain/links.ts';
import { recordRating, whatFollowsRating } from '#domain/rating-transitions.ts';
import { contributionOf } from '#domain/stats.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { taskActionBody } from '#http/schemas.ts';
import { FAKE_KEYS, type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import { actOnTask } from '#use-cases/act-on-task.ts';
import { viewTask } from '#use-cases/view-task.ts';
import {
  at,
  ladderRegistry,
  offerNext,
  PEOPLE,
  REPORTER,
  reportedIssue,
  resolveAt,
  taskOf,
} from './fixtures.ts';

const DAY = 24 * 60;
let deps: FakeDeps;
let issueId: string;
let reworkLink: string;

/** Resolved at the grid, rated 1 (非常不满意) at minute 20, reopened and offered to the community at minute 22. */
function reopenedIssue(deadlineMinutes = 10 * DAY): Issue {
  const rated = recordRating(resolveAt(reportedIssue(), 'grid', 1), { score: 1, now: at(20) });
  const reopened = whatFollowsRating(rated, at(21)).issue;
  return offerNext(reopened, 'accept', 'community', { now: at(22), minutes: deadlineMinutes });
}

async function seed(issue: Issue): Promise<void> {
  issueId = issue.id;
  await deps.issues.create(issue);
  await deps.issues.setWorkflowToken(issue.id, 'token-1');
  reworkLink = linkToken(FAKE_KEYS.linkKey, issue.id, taskOf(issue).seq, taskOf(issue).nonce);
}

function approvalLink(): string {
  const request = deps.issues.issue(issueId).request;
  if (!request) throw new Error('No request stored');
  return new URL(deps.notifier.to(request.approver.id).at(-1)?.link ?? '').pathname.replace('/tasks/', '');
}

beforeEach(async () => {
  deps = fakeDeps(ladderRegistry(), at(30));
  await seed(reopenedIssue());
});

describe('an appeal against a bad rating', () => {
  it('is offered on the rework link and lodged there for the supervisor one level up', async () => {
    // Prepare
    const offered = await viewTask(deps, reworkLink);

    // Act
    await actOnTask(deps, reworkLink, { action: 'appeal', note: '居民反映的是物业问题，非本社区职责' });

    // Assess
    expect(offered.actions).toContain('appeal');
    const issue = deps.issues.issue(issueId);
    expect(issue.request).toMatchObject({ kind: 'appeal', status: 'pending', approver: PEOPLE.street });
    expect(issue.rating?.appeal).toMatchObject({ status: 'pending', by: PEOPLE.community });
    expect(issue.timeline.at(-1)).toMatchObject({ type: 'appealed', by: PEOPLE.community });
    expect(taskOf(issue).status).toBe('open');
    expect(deps.workflow.completed).toEqual([]);
    const review = await viewTask(deps, approvalLink());
    expect(review).toMatchObject({ actions: ['approve', 'refuse'], request: { kind: 'appeal' } });
  });

  it('upheld before the rework started: leaves the figures, closes the case and tells the resident', async () => {
    // Prepare
    await actOnTask(deps, reworkLink, { action: 'appeal', note: '非本社区职责' });
    const before = contributionOf(deps.issues.issue(issueId));

    // Act
    await actOnTask(deps, approvalLink(), { action: 'approve', note: '经核实，申诉成立' });

    // Assess
    const issue = deps.issues.issue(issueId);
    expect(before).toMatchObject({ rated: 1, satisfied: 0 });
    expect(contributionOf(issue)).toMatchObject({ rated: 0, satisfied: 0, closed: 1 });
    expect(issue.rating).toMatchObject({ score: 1, appeal: { status: 'upheld', decidedBy: PEOPLE.street } });
    expect(issue).toMatchObject({ status: 'closed', outcome: 'unsatisfied' });
    expect(issue.timeline.map((event) => event.type).slice(-2)).toEqual(['appeal_upheld', 'closed']);
    expect(deps.workflow.completed).toEqual([{ token: 'token-1', output: { action: 'approve' } }]);
    expect(whatFollowsTask(issue, taskOf(issue).seq, at(40)).next.kind).toBe('closed');
    const told = deps.notifier.to(`reporter:${issueId}`).at(-1);
    expect(told).toMatchObject({ subject: '评价复核结果', contact: { phone: REPORTER.phone } });
    expect(told?.text).toContain('不计入满意率');
  });

  it('upheld once the rework started: leaves the figures, and the rework goes on', async () => {
    // Prepare
    await actOnTask(deps, reworkLink, { action: 'appeal', note: '非本社区职责' });
    await actOnTask(deps, reworkLink, { action: 'accept' });

    // Act
    await actOnTask(deps, approvalLink(), { action: 'approve' });

    // Assess
    const issue = deps.issues.issue(issueId);
    expect(contributionOf(issue)).toMatchObject({ rated: 0, open: 1 });
    expect(issue.status).toBe('in_progress');
    expect(deps.workflow.completed).toEqual([{ token: 'token-1', output: { action: 'accept' } }]);
  });

  it('rejected: the rating still counts, the rework goes on and the worker is told', async () => {
    // Prepare
    await actOnTask(deps, reworkLink, { action: 'appeal', note: '非本社区职责' });

    // Act
    await actOnTask(deps, approvalLink(), { action: 'refuse', note: '属社区职责' });

    // Assess
    const issue = deps.issues.issue(issueId);
    expect(issue.rating?.appeal).toMatchObject({ status: 'rejected', note: '属社区职责' });
    expect(contributionOf(issue)).toMatchObject({ rated: 1, satisfied: 0 });
    expect(taskOf(issue).status).toBe('open');
    expect(deps.workflow.completed).toEqual([]);
    expect(deps.notifier.to(PEOPLE.community.id).at(-1)?.subject).toBe('申诉未获支持');
  });
});

describe('a refused appeal changes nothing', () => {
  async function refusal(act: () => Promise<unknown>) {
    const before = deps.issues.issue(issueId);
    const failure = await act().catch((error: unknown) => error);
    return { failure, unchanged: deps.issues.issue(issueId) === before };
  }

  it('after the appeal window of three working days', async () => {
    // Prepare
    deps.clock.set(at(7 * DAY));

    // Act
    const { failure, unchanged } = await refusal(() =>
      actOnTask(deps, reworkLink, { action: 'appeal', note: '非本社区职责' }),
    );

    // Assess
    expect(failure).toBeInstanceOf(IssueStateConflictError);
    expect(unchanged).toBe(true);
  });

  it('a second time', async () => {
    // Prepare
    await actOnTask(deps, reworkLink, { action: 'appeal', note: '非本社区职责' });
    await actOnTask(deps, approvalLink(), { action: 'refuse' });

    // Act
    const { failure, unchanged } = await refusal(() =>
      actOnTask(deps, reworkLink, { action: 'appeal', note: '再次申诉' }),
    );

    // Assess
    expect(failure).toBeInstanceOf(IssueStateConflictError);
    expect(unchanged).toBe(true);
  });

  it('on a case no bad rating reopened', async () => {
    // Prepare
    deps = fakeDeps(ladderRegistry(), at(30));
    await seed(offerNext(reportedIssue(), 'accept', 'grid', { now: at(1), minutes: DAY }));

    // Act
    const { failure, unchanged } = await refusal(() =>
      actOnTask(deps, reworkLink, { action: 'appeal', note: '非本社区职责' }),
    );
    const view = await viewTask(deps, reworkLink);

    // Assess
    expect(failure).toBeInstanceOf(IssueStateConflictError);
    expect(unchanged).toBe(true);
    expect(view.actions).not.toContain('appeal');
  });

  it('decided by the holder instead of the level above', async () => {
    // Prepare
    await actOnTask(deps, reworkLink, { action: 'appeal', note: '非本社区职责' });

    // Act
    const { failure, unchanged } = await refusal(() => actOnTask(deps, reworkLink, { action: 'approve' }));

    // Assess
    expect(failure).toBeInstanceOf(ActionNotAllowedError);
    expect(unchanged).toBe(true);
  });

  it('without a reason, at the edge, naming the field', () => {
    // Act
    const parsed = taskActionBody.safeParse({ action: 'appeal' });

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['note']]);
  });
});
