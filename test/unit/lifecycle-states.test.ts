// The workflow's steps (offering a task, settling it), against in-memory fakes of the ports.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NoAssigneeError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { decideTask } from '#domain/task-transitions.ts';
import { type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import { type OfferRequest, runOfferTask, runSettleTask } from '#use-cases/lifecycle-states.ts';
import {
  assignedIssue,
  at,
  ladderPeople,
  ladderRegistry,
  PEOPLE,
  reportedIssue,
  taskOf,
} from './fixtures.ts';

let deps: FakeDeps;

async function store(issue: Issue): Promise<Issue> {
  await deps.issues.create(issue);
  return issue;
}

const FIRST_OFFER: Omit<OfferRequest, 'issueId'> = {
  seq: 1,
  task: 'accept',
  level: 'grid',
  round: 0,
  deadline: at(121),
  remindAt: [at(61), at(91)],
  taskToken: 'token-1',
};

beforeEach(() => {
  deps = fakeDeps(ladderRegistry(), at(1));
});

describe('runOfferTask', () => {
  it('gives the case to the grid’s worker, keeps the workflow’s token and sends the link', async () => {
    // Prepare
    const issue = await store(reportedIssue());

    // Act
    await runOfferTask(deps, { issueId: issue.id, ...FIRST_OFFER });

    // Assess
    const stored = await deps.issues.get(issue.id);
    expect(stored?.workflowToken).toBe('token-1');
    expect(taskOf(stored?.issue as Issue)).toMatchObject({
      seq: 1,
      kind: 'accept',
      level: 'grid',
      assignee: PEOPLE.grid,
      status: 'open',
      deadline: at(121),
    });
    expect(deps.notifier.sent.map(({ to, link }) => ({ to, hasLink: Boolean(link) }))).toEqual([
      { to: PEOPLE.grid.id, hasLink: true },
    ]);
  });

  it('climbs to the first level with someone on duty', async () => {
    // Prepare
    deps = fakeDeps(ladderRegistry(ladderPeople([PEOPLE.grid.id, PEOPLE.community.id])), at(1));
    const issue = await store(reportedIssue());

    // Act
    await runOfferTask(deps, { issueId: issue.id, ...FIRST_OFFER });

    // Assess
    expect(taskOf(deps.issues.issue(issue.id))).toMatchObject({ level: 'street', assignee: PEOPLE.street });
  });

  it('gives the case to the nearest registered person when nobody on the ladder is on duty', async () => {
    // Prepare
    const everyone = Object.values(PEOPLE).map((person) => person.id);
    deps = fakeDeps(ladderRegistry(ladderPeople(everyone)), at(1));
    const issue = await store(reportedIssue());

    // Act
    await runOfferTask(deps, { issueId: issue.id, ...FIRST_OFFER });

    // Assess
    expect(taskOf(deps.issues.issue(issue.id))).toMatchObject({ level: 'grid', assignee: PEOPLE.grid });
    expect(deps.notifier.to(PEOPLE.grid.id)).toHaveLength(1);
  });

  it('fails with NoAssigneeError, changing nothing, when nobody is registered on the ladder', async () => {
    // Prepare
    deps = fakeDeps(ladderRegistry([]), at(1));
    const issue = await store(reportedIssue());

    // Act
    const offer = runOfferTask(deps, { issueId: issue.id, ...FIRST_OFFER });

    // Assess
    await expect(offer).rejects.toBeInstanceOf(NoAssigneeError);
    expect(deps.issues.issue(issue.id)).toBe(issue);
    expect(deps.notifier.sent).toEqual([]);
  });

  it('run again for the same task, swaps the token and re-sends the same link', async () => {
    // Prepare
    const issue = await store(reportedIssue());
    await runOfferTask(deps, { issueId: issue.id, ...FIRST_OFFER });

    // Act
    await runOfferTask(deps, { issueId: issue.id, ...FIRST_OFFER, taskToken: 'token-2' });

    // Assess
    const [first, again] = deps.notifier.sent;
    expect(again).toEqual(first);
    expect((await deps.issues.get(issue.id))?.workflowToken).toBe('token-2');
    expect(deps.workflow.completed).toEqual([]);
  });

  it('run again on the same token (a retried step, a wait checked after a restart), stores nothing again', async () => {
    // Prepare
    const issue = await store(reportedIssue());
    await runOfferTask(deps, { issueId: issue.id, ...FIRST_OFFER });
    const offered = deps.issues.issue(issue.id);
    const tokenWrites = vi.spyOn(deps.issues, 'setWorkflowToken');
    const saves = vi.spyOn(deps.issues, 'save');

    // Act
    await runOfferTask(deps, { issueId: issue.id, ...FIRST_OFFER });

    // Assess: the link is sent again under the same id (a channel that deduplicates sends it once).
    expect(tokenWrites).not.toHaveBeenCalled();
    expect(saves).not.toHaveBeenCalled();
    expect(deps.issues.issue(issue.id)).toBe(offered);
    const [first, again] = deps.notifier.sent;
    expect(again?.id).toBe(first?.id);
    expect(deps.workflow.completed).toEqual([]);
  });

  it('run again after the task was decided, wakes the workflow at once', async () => {
    // Prepare
    const issue = await store(reportedIssue());
    await runOfferTask(deps, { issueId: issue.id, ...FIRST_OFFER });
    const offered = deps.issues.issue(issue.id);
    await deps.issues.save(decideTask(offered, { seq: 1, action: 'accept', now: at(2) }), offered.version);

    // Act
    await runOfferTask(deps, { issueId: issue.id, ...FIRST_OFFER, taskToken: 'token-2' });

    // Assess
    expect(deps.workflow.completed).toEqual([{ token: 'token-2', output: { decided: true } }]);
    expect(deps.notifier.sent).toHaveLength(1);
  });
});

describe('runSettleTask', () => {
  it('follows an acceptance with the resolve task for the same person', async () => {
    // Prepare
    const offered = assignedIssue();
    await store(decideTask(offered, { seq: 1, action: 'accept', now: at(5) }));

    // Act
    const step = await runSettleTask(deps, { issueId: offered.id, seq: 1 });

    // Assess
    expect(step).toMatchObject({ next: 'offer', seq: 2, task: 'resolve', level: 'grid' });
    expect(step).toHaveProperty('assigneeId', PEOPLE.grid.id);
    expect(deps.notifier.sent).toEqual([]);
  });

  it('escalates a task still open at its deadline one level and tells its holder', async () => {
    // Prepare
    const offered = await store(assignedIssue());
    deps.clock.set(at(121));

    // Act
    const step = await runSettleTask(deps, { issueId: offered.id, seq: 1 });

    // Assess
    expect(step).toMatchObject({ next: 'offer', seq: 2, task: 'accept', level: 'community' });
    expect(deps.issues.issue(offered.id)).toMatchObject({ overdue: true });
    expect(deps.notifier.to(PEOPLE.grid.id).map((message) => message.subject)).toEqual([
      expect.stringContaining('超期上报'),
    ]);
  });

  it('settles by a decision that lands at the deadline, not by the deadline', async () => {
    // Prepare: the worker accepts between the step's read and its write.
    const offered = await store(assignedIssue());
    deps.clock.set(at(121));
    deps.issues.beforeSave = () => {
      deps.issues.beforeSave = undefined;
      const accepted = decideTask(offered, { seq: 1, action: 'accept', now: at(119) });
      deps.issues.records.set(offered.id, { issue: accepted });
    };

    // Act
    const step = await runSettleTask(deps, { issueId: offered.id, seq: 1 });

    // Assess
    expect(step).toMatchObject({ next: 'offer', task: 'resolve', level: 'grid' });
    expect(deps.issues.issue(offered.id).overdue).toBe(false);
    expect(deps.notifier.sent).toEqual([]);
  });

  it('returns the same step when run again, changing nothing twice', async () => {
    // Prepare
    const offered = await store(assignedIssue());
    deps.clock.set(at(121));
    const first = await runSettleTask(deps, { issueId: offered.id, seq: 1 });
    const after = deps.issues.issue(offered.id);

    // Act
    const again = await runSettleTask(deps, { issueId: offered.id, seq: 1 });

    // Assess
    expect(again).toEqual(first);
    expect(deps.issues.issue(offered.id)).toBe(after);
  });
});
