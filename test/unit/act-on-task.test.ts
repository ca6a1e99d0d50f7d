// Acting on an approval link, against in-memory fakes of the ports: every decision of the use-case, fast.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  GridNotFoundError,
  IssueStateConflictError,
  LinkGoneError,
  LinkNotFoundError,
  LinkUsedError,
  WorkflowUnavailableError,
} from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { linkToken } from '#domain/links.ts';
import { decideTask } from '#domain/task-transitions.ts';
import { FAKE_KEYS, type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import { actOnTask } from '#use-cases/act-on-task.ts';
import { viewTask } from '#use-cases/view-task.ts';
import {
  assignedIssue,
  at,
  GRID_A,
  GRID_B,
  ladderRegistry,
  offerNext,
  PEOPLE,
  reportedIssue,
  taskOf,
} from './fixtures.ts';

let deps: FakeDeps;
let issue: Issue;
let link: string;

/** Stores `waiting` as the workflow left it, waiting on its open task, and makes that task's link. */
async function seed(waiting: Issue): Promise<void> {
  issue = waiting;
  await deps.issues.create(issue);
  await deps.issues.setWorkflowToken(issue.id, 'token-1');
  link = linkToken(FAKE_KEYS.linkKey, issue.id, taskOf(issue).seq, taskOf(issue).nonce);
}

beforeEach(async () => {
  deps = fakeDeps(ladderRegistry(), at(10));
  await seed(assignedIssue());
});

describe('viewTask', () => {
  it('shows the open task and its actions, and changes nothing', async () => {
    // Act
    const view = await viewTask(deps, link);

    // Assess
    const { reporter: _contactAfterAcceptance, ...withoutContact } = issue;
    expect(view).toEqual({
      issue: withoutContact,
      task: taskOf(issue),
      actions: ['accept', 'decline'],
      now: at(10),
    });
    expect(deps.issues.issue(issue.id)).toBe(issue);
  });

  it('says a link whose deadline passed has expired, and who holds the case', async () => {
    // Prepare
    deps.clock.set(at(121));

    // Act
    const failure = await viewTask(deps, link).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(LinkGoneError);
    expect(failure).toMatchObject({ reason: 'expired', current: { id: issue.id, level: 'grid' } });
  });
});

describe('actOnTask', () => {
  it('stores the decision in one write and wakes the waiting workflow with it', async () => {
    // Act
    const decided = await actOnTask(deps, link, { action: 'accept' });

    // Assess
    expect(decided.status).toBe('in_progress');
    expect(deps.issues.issue(issue.id)).toEqual(decided);
    expect(taskOf(decided)).toMatchObject({ status: 'used', decision: { action: 'accept', at: at(10) } });
    expect(deps.workflow.completed).toEqual([{ token: 'token-1', output: { action: 'accept' } }]);
  });

  it('answers a forged link "not found" and changes nothing', async () => {
    // Prepare
    const forged = linkToken(new Uint8Array(32).fill(1), issue.id, 1, taskOf(issue).nonce);

    // Act
    const failure = actOnTask(deps, forged, { action: 'accept' });

    // Assess
    await expect(failure).rejects.toBeInstanceOf(LinkNotFoundError);
    expect(deps.issues.issue(issue.id)).toBe(issue);
    expect(deps.workflow.completed).toEqual([]);
  });

  it('refuses a replayed link and says who holds the case now', async () => {
    // Prepare
    await actOnTask(deps, link, { action: 'accept' });

    // Act
    const failure = await actOnTask(deps, link, { action: 'decline', note: 'again' }).catch((e) => e);

    // Assess
    expect(failure).toBeInstanceOf(LinkUsedError);
    expect((failure as LinkUsedError).current).toMatchObject({ id: issue.id, status: 'in_progress' });
    expect(deps.workflow.completed).toHaveLength(1);
  });

  it('lets the loser of two racing requests re-read and find the link spent', async () => {
    // Prepare: another request decides the task between this one's read and its write.
    deps.issues.beforeSave = () => {
      deps.issues.beforeSave = undefined;
      const rival = decideTask(issue, { seq: 1, action: 'decline', note: '不属于本网格', now: at(10) });
      deps.issues.records.set(issue.id, { issue: rival, workflowToken: 'token-1' });
    };

    // Act
    const failure = actOnTask(deps, link, { action: 'accept' });

    // Assess
    await expect(failure).rejects.toBeInstanceOf(LinkUsedError);
    expect(taskOf(deps.issues.issue(issue.id)).decision?.action).toBe('decline');
    expect(deps.workflow.completed).toEqual([]);
  });

  it('keeps the decision when the workflow cannot be reached, and says so', async () => {
    // Prepare
    deps.workflow.failComplete = new Error('ThrottlingException');

    // Act
    const failure = actOnTask(deps, link, { action: 'accept' });

    // Assess
    await expect(failure).rejects.toBeInstanceOf(WorkflowUnavailableError);
    expect(deps.issues.issue(issue.id).status).toBe('in_progress');
  });

  it('stores a decision taken before the workflow waits, for the workflow to find', async () => {
    // Prepare
    deps.issues.records.set(issue.id, { issue });

    // Act
    await actOnTask(deps, link, { action: 'accept' });

    // Assess
    expect(deps.issues.issue(issue.id).status).toBe('in_progress');
    expect(deps.workflow.completed).toEqual([]);
  });

  it('moves the case to the grid a district supervisor’s reassignment names', async () => {
    // Prepare
    deps.issues.records.clear();
    await seed(offerNext(reportedIssue(), 'accept', 'district', { now: at(1) }));

    // Act
    const moved = await actOnTask(deps, link, { action: 'reassign', gridId: GRID_B.id });

    // Assess
    expect(moved).toMatchObject({ gridId: GRID_B.id, communityId: GRID_B.communityId });
    expect(moved.timeline.at(-1)).toMatchObject({
      type: 'reassigned',
      from: GRID_A.id,
      to: GRID_B.id,
      by: PEOPLE.district,
    });
  });

  it.each([
    ['no grid', undefined, GridNotFoundError],
    ['an unknown grid', 'g-999', GridNotFoundError],
    ['the grid it is in', GRID_A.id, IssueStateConflictError],
  ])('refuses a reassignment to %s and changes nothing', async (_name, gridId, failure) => {
    // Prepare
    deps.issues.records.clear();
    await seed(offerNext(reportedIssue(), 'accept', 'community', { now: at(1) }));

    // Act
    const attempt = actOnTask(deps, link, { action: 'reassign', gridId });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(failure);
    expect(deps.issues.issue(issue.id)).toBe(issue);
  });
});
