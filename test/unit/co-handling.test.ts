// Co-handling (协办): the transitions on plain issues, and the use-cases and workflow steps on in-memory fakes.
import { describe, expect, it } from 'vitest';
import {
  askCoHandling,
  CO_HANDLER_SEQ_BASE,
  coHandlerStatus,
  finishCoHandling,
  reportCoHandling,
} from '#domain/co-handling.ts';
import {
  ActionNotAllowedError,
  DepartmentNotFoundError,
  IssueStateConflictError,
  LinkGoneError,
  LinkUsedError,
} from '#domain/errors.ts';
import type { Assignee, Issue } from '#domain/issue.ts';
import { linkToken } from '#domain/links.ts';
import type { Department, Person } from '#domain/registry.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { allowedActions } from '#domain/task-transitions.ts';
import { FAKE_KEYS, fakeDeps } from '#test/support/fakes.ts';
import { actOnTask } from '#use-cases/act-on-task.ts';
import { runAwaitCoHandler } from '#use-cases/co-handling.ts';
import { runSettleTask } from '#use-cases/lifecycle-states.ts';
import { viewTask } from '#use-cases/view-task.ts';
import { at, GRID_A, ladderRegistry, PEOPLE, resolvingIssue } from './fixtures.ts';

const POWER = { id: 'dep-power', name: '供电公司' };
const URBAN = { id: 'dep-urban', name: '城管局' };
const POWER_HANDLER: Assignee = { id: 'dp-1', name: '赵电工', role: 'department_handler' };
const URBAN_HANDLER: Assignee = { id: 'du-1', name: '钱队员', role: 'department_handler' };
const NOTE = '请供电部门修复配电箱，城管清理占道杂物';

/** Power and urban management asked to co-handle at minute 10, each until minute 300. */
function coHandled(): Issue {
  const issue = resolvingIssue();
  return askCoHandling(issue, issue.task as NonNullable<Issue['task']>, {
    offers: [
      { department: POWER, assignee: POWER_HANDLER, nonce: 'nonce-power' },
      { department: URBAN, assignee: URBAN_HANDLER, nonce: 'nonce-urban' },
    ],
    note: NOTE,
    deadline: at(300),
    now: at(10),
  });
}

const POWER_SEQ = CO_HANDLER_SEQ_BASE + 1;
const URBAN_SEQ = CO_HANDLER_SEQ_BASE + 2;

describe('askCoHandling', () => {
  it('gives each department its own link number and deadline, and keeps the lead and its open link', () => {
    // Act
    const issue = coHandled();

    // Assess
    expect(issue.task).toMatchObject({ seq: 2, status: 'open', assignee: PEOPLE.grid });
    expect(issue.coHandling).toMatchObject({ leadSeq: 2, status: 'asked', note: NOTE });
    expect(issue.coHandling?.coHandlers.map((each) => [each.seq, each.department.id, each.deadline])).toEqual(
      [
        [POWER_SEQ, POWER.id, at(300)],
        [URBAN_SEQ, URBAN.id, at(300)],
      ],
    );
    expect(issue.timeline.at(-1)).toMatchObject({ type: 'co_handling', department: '供电公司、城管局' });
    expect(allowedActions(issue.task as NonNullable<Issue['task']>, issue)).toEqual([]);
  });

  it('refuses a second request on the same task', () => {
    // Prepare
    const issue = coHandled();

    // Act
    const again = () =>
      askCoHandling(issue, issue.task as NonNullable<Issue['task']>, {
        offers: [{ department: POWER, assignee: POWER_HANDLER, nonce: 'n' }],
        note: NOTE,
        deadline: at(300),
        now: at(11),
      });

    // Assess
    expect(again).toThrow(IssueStateConflictError);
  });
});

describe('reportCoHandling', () => {
  it('records one report; the same link again is spent, a late one expired', () => {
    // Prepare
    const issue = reportCoHandling(coHandled(), POWER_SEQ, '已更换配电箱外壳', at(20));

    // Act
    const again = () => reportCoHandling(issue, POWER_SEQ, '再次反馈', at(21));
    const late = () => reportCoHandling(issue, URBAN_SEQ, '迟到', at(300));

    // Assess
    expect(issue.coHandling?.coHandlers.map((each) => coHandlerStatus(each, at(20)))).toEqual([
      'reported',
      'pending',
    ]);
    expect(issue.timeline.at(-1)).toMatchObject({ type: 'co_reported', department: POWER.name });
    expect(again).toThrow(LinkUsedError);
    expect(late).toThrow(LinkGoneError);
  });

  it('is spent once the co-handling is over', () => {
    // Prepare
    const done = finishCoHandling(reportCoHandling(coHandled(), POWER_SEQ, '已修复', at(20)), at(300));

    // Act
    const afterwards = () => reportCoHandling(done, URBAN_SEQ, '迟到', at(299));

    // Assess
    expect(afterwards).toThrow(LinkUsedError);
  });
});

describe('finishCoHandling', () => {
  it('leaves the co-handling running while a co-handler works, and ends it once each reported or ran out', () => {
    // Prepare
    const reported = reportCoHandling(coHandled(), POWER_SEQ, '已修复', at(20));

    // Act
    const early = finishCoHandling(reported, at(100));
    const late = finishCoHandling(reported, at(300));

    // Assess
    expect(early).toBe(reported);
    expect(late.coHandling?.status).toBe('done');
    expect(late.coHandling?.coHandlers.map((each) => coHandlerStatus(each, at(300)))).toEqual([
      'reported',
      'overdue',
    ]);
    expect(allowedActions(late.task as NonNullable<Issue['task']>, late)).toContain('resolve');
  });
});

describe('whatFollowsTask with co-handlers', () => {
  it('waits for the co-handlers, then resumes the lead’s own wait at the same round', () => {
    // Prepare
    const issue = coHandled();

    // Act
    const woken = whatFollowsTask(issue, 2, at(11), { round: 1, planned: 2 });
    const back = whatFollowsTask(issue, 2, at(300), { round: 1, planned: 2, ended: 'cohandle' });

    // Assess
    expect(woken).toEqual({ issue, next: { kind: 'cohandle', after: 'cohandle:2', seq: 2 } });
    expect(back.issue).toBe(issue);
    expect(back.next).toMatchObject({ kind: 'offer', seq: 2, task: 'resolve', round: 1 });
  });
});

function coHandlingRegistry() {
  const registry = ladderRegistry();
  const staff = (who: Assignee, unitId: string): Person => ({ ...who, unitId, onDuty: true });
  registry.people.set(POWER_HANDLER.id, staff(POWER_HANDLER, POWER.id));
  registry.people.set(URBAN_HANDLER.id, staff(URBAN_HANDLER, URBAN.id));
  const department = (named: typeof POWER, kind: Department['kind'], handler: Assignee): Department => ({
    ...named,
    kind,
    districtId: GRID_A.districtId,
    handlerIds: [handler.id],
    supervisorIds: [],
  });
  registry.departments.set(POWER.id, department(POWER, 'power', POWER_HANDLER));
  registry.departments.set(URBAN.id, department(URBAN, 'urban_management', URBAN_HANDLER));
  return registry;
}

async function seeded(issue: Issue = resolvingIssue()) {
  const deps = fakeDeps(coHandlingRegistry(), at(10));
  await deps.issues.create(issue);
  await deps.issues.setWorkflowToken(issue.id, 'lead-token');
  const link = (seq: number, nonce: string) => linkToken(FAKE_KEYS.linkKey, issue.id, seq, nonce);
  return { deps, issue, link };
}

describe('actOnTask co_handle and report', () => {
  it.each([
    ['an unknown department', ['dep-power', 'dep-nowhere'], 'departmentIds.1'],
    ['a grid', [GRID_A.id], 'departmentIds.0'],
    ['the same department twice', ['dep-power', 'dep-power'], 'departmentIds.1'],
  ])('refuses %s by its field path and writes nothing', async (_what, departmentIds, field) => {
    // Prepare
    const { deps, issue, link } = await seeded();

    // Act
    const attempt = actOnTask(deps, link(2, 'nonce-2'), { action: 'co_handle', departmentIds, note: NOTE });

    // Assess
    await expect(attempt).rejects.toMatchObject({ constructor: DepartmentNotFoundError, field });
    expect(deps.issues.issue(issue.id)).toEqual(issue);
    expect(deps.workflow.completed).toEqual([]);
  });

  it('opens every co-handler in one write and wakes the lead’s wait; the lead may do nothing else meanwhile', async () => {
    // Prepare
    const { deps, issue, link } = await seeded();

    // Act
    const saved = await actOnTask(deps, link(2, 'nonce-2'), {
      action: 'co_handle',
      departmentIds: [POWER.id, URBAN.id],
      note: NOTE,
    });
    const resolve = actOnTask(deps, link(2, 'nonce-2'), { action: 'resolve' });
    const defer = actOnTask(deps, link(2, 'nonce-2'), { action: 'defer', note: '等配件', until: at(700) });

    // Assess
    expect(saved.version).toBe(issue.version + 1);
    expect(saved.coHandling?.coHandlers.map((each) => each.assignee)).toEqual([POWER_HANDLER, URBAN_HANDLER]);
    // Half the time the lead had left (minute 10 to 603) goes to the co-handlers.
    expect(saved.coHandling?.coHandlers[0]?.deadline).toBe(
      new Date(Date.parse(at(10)) + 296.5 * 60_000).toISOString(),
    );
    expect(deps.workflow.completed).toEqual([{ token: 'lead-token', output: { action: 'co_handle' } }]);
    await expect(resolve).rejects.toThrow(ActionNotAllowedError);
    await expect(defer).rejects.toThrow(ActionNotAllowedError);
  });

  it('keeps both of two reports landing at once, and wakes each co-handler’s own wait', async () => {
    // Prepare
    const { deps, issue, link } = await seeded(coHandled());
    await deps.issues.setWorkflowToken(issue.id, 'power-token', POWER_SEQ);
    await deps.issues.setWorkflowToken(issue.id, 'urban-token', URBAN_SEQ);

    // Act: both read the same version; one write wins, the other re-reads and writes over it.
    const [power, urban] = await Promise.all([
      actOnTask(deps, link(POWER_SEQ, 'nonce-power'), { action: 'report', note: '已修复' }),
      actOnTask(deps, link(URBAN_SEQ, 'nonce-urban'), { action: 'report', note: '已清理' }),
    ]);
    const stored = deps.issues.issue(issue.id);

    // Assess
    expect(Math.max(power.version, urban.version)).toBe(issue.version + 2);
    expect(stored.coHandling?.coHandlers.map((each) => each.report?.note)).toEqual(['已修复', '已清理']);
    expect(deps.workflow.completed.map((each) => each.token).sort()).toEqual(['power-token', 'urban-token']);
  });

  it('offers a co-handler only its report, without the resident’s contact', async () => {
    // Prepare
    const { deps, issue, link } = await seeded(coHandled());

    // Act
    const view = await viewTask(deps, link(POWER_SEQ, 'nonce-power'));
    const resolve = actOnTask(deps, link(POWER_SEQ, 'nonce-power'), { action: 'resolve' });

    // Assess
    expect(view.actions).toEqual(['report']);
    expect(view.task).toMatchObject({ assignee: POWER_HANDLER, deadline: at(300) });
    expect(view.issue.reporter).toBeUndefined();
    await expect(resolve).rejects.toThrow(ActionNotAllowedError);
    expect(deps.issues.issue(issue.id)).toEqual(issue);
  });
});

describe('the co-handling workflow steps', () => {
  it('plans one wait per co-handler still working, carrying the lead’s wait to resume', async () => {
    // Prepare
    const { deps, issue } = await seeded(reportCoHandling(coHandled(), POWER_SEQ, '已修复', at(10)));

    // Act
    const step = await runSettleTask(deps, {
      issueId: issue.id,
      seq: 2,
      round: 0,
      deadline: at(603),
      remindAt: [at(303)],
      ended: 'offer',
    });

    // Assess: only urban management still works, until minute 300 (290 minutes from now).
    expect(step).toEqual({
      next: 'cohandle',
      seq: 2,
      round: 0,
      deadline: at(603),
      remindAt: [at(303)],
      coHandlers: [{ seq: URBAN_SEQ, timeoutSeconds: 290 * 60 }],
    });
  });

  it('sends a co-handler its link, or ends its wait at once when it already reported', async () => {
    // Prepare
    const { deps, issue } = await seeded(reportCoHandling(coHandled(), POWER_SEQ, '已修复', at(10)));

    // Act
    await runAwaitCoHandler(deps, { issueId: issue.id, seq: POWER_SEQ, taskToken: 'power-token' });
    await runAwaitCoHandler(deps, { issueId: issue.id, seq: URBAN_SEQ, taskToken: 'urban-token' });

    // Assess
    expect(deps.workflow.completed).toEqual([{ token: 'power-token', output: { settled: true } }]);
    expect(deps.notifier.sent.map((message) => [message.to, message.subject])).toEqual([
      [URBAN_HANDLER.id, expect.stringContaining('【协办】')],
    ]);
    expect((await deps.issues.get(issue.id))?.coHandlerTokens).toEqual({
      [POWER_SEQ]: 'power-token',
      [URBAN_SEQ]: 'urban-token',
    });
  });
});
