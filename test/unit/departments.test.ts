// Transfers to functional departments (转派) and their returns (退回): the transitions on plain issues, and the
// use-cases on in-memory fakes of the ports.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '#domain/china-calendar.ts';
import { whatFollowsDeadline } from '#domain/deadline-transitions.ts';
import { ActionNotAllowedError, DepartmentNotFoundError, LinkUsedError } from '#domain/errors.ts';
import { type DepartmentDesk, nextDeskUp } from '#domain/escalation.ts';
import type { Assignee, Issue } from '#domain/issue.ts';
import { linkToken } from '#domain/links.ts';
import { publicViewOf } from '#domain/public-view.ts';
import type { Department, Person } from '#domain/registry.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { allowedActions, decideTask, openTask } from '#domain/task-transitions.ts';
import { FAKE_KEYS, FakeRegistry, fakeDeps } from '#test/support/fakes.ts';
import { actOnTask } from '#use-cases/act-on-task.ts';
import { pickAssignee } from '#use-cases/pick-assignee.ts';
import {
  at,
  GRID_A,
  ladderPeople,
  ladderRegistry,
  offerNext,
  PEOPLE,
  reportedIssue,
  resolvingIssue,
  taskOf,
} from './fixtures.ts';

const WATER = { id: 'dep-water', name: '自来水公司' };
const HANDLER: Assignee = { id: 'dh-1', name: '周受理', role: 'department_handler' };
const HEAD: Assignee = { id: 'ds-1', name: '吴经理', role: 'department_supervisor' };
const desk = (rung: DepartmentDesk['rung']): DepartmentDesk => ({ ...WATER, rung });

/** Offers the next step's task to `assignee`, as the offer step does. */
function offered(issue: Issue, assignee: Assignee, now: string, minutes = 60): Issue {
  const next = issue.next;
  if (next?.kind !== 'offer') throw new Error(`No offer follows on ${issue.id}`);
  return openTask(issue, {
    seq: next.seq,
    kind: next.task,
    level: next.level,
    assignee,
    nonce: `nonce-${next.seq}`,
    now,
    deadline: new Date(Date.parse(now) + minutes * 60_000).toISOString(),
    holder: next.holder,
    department: next.department,
  });
}

/** The case transferred to the water utility at minute 10, its handler's accept task open until minute 70. */
function transferredToWater(): Issue {
  const decided = decideTask(resolvingIssue(), {
    seq: 2,
    action: 'transfer',
    department: WATER,
    note: '二次供水泵房故障，属供水企业',
    now: at(10),
  });
  return offered(whatFollowsTask(decided, 2, at(11)).issue, HANDLER, at(12));
}

describe('transfer (转派)', () => {
  it('spends the resolve task, remembers the sender and names the department in the timeline', () => {
    // Act
    const decided = decideTask(resolvingIssue(), {
      seq: 2,
      action: 'transfer',
      department: WATER,
      note: '二次供水泵房故障',
      now: at(10),
    });

    // Assess
    expect(taskOf(decided)).toMatchObject({
      status: 'used',
      decision: { action: 'transfer', departmentId: WATER.id },
    });
    expect(decided.transfer).toEqual({
      department: WATER,
      from: { assignee: PEOPLE.grid, level: 'grid' },
      at: at(10),
    });
    expect(decided.transfers).toBe(1);
    expect(decided.timeline.at(-1)).toEqual({
      at: at(10),
      type: 'transferred',
      level: 'grid',
      by: PEOPLE.grid,
      to: WATER.id,
      department: WATER.name,
      note: '二次供水泵房故障',
    });
  });

  it('offers the department an accept task at its handler desk while the case keeps its resolve deadline', () => {
    // Act
    const issue = transferredToWater();

    // Assess
    expect(taskOf(issue)).toMatchObject({
      seq: 3,
      kind: 'accept',
      level: 'grid',
      department: desk('handler'),
    });
    expect(issue.resolveDeadline).toBe(at(900));
    expect(issue.timeline.at(-1)).toMatchObject({ type: 'assigned', department: WATER.name });
    expect(allowedActions(taskOf(issue))).toEqual(['accept', 'return']);
  });

  it('refuses a transfer without a department or a reason, and one from an accept task', () => {
    // Prepare
    const issue = resolvingIssue();
    const transfer = { seq: 2, action: 'transfer' as const, now: at(10) };

    // Act
    const attempts = [
      () => decideTask(issue, { ...transfer, note: '不归网格' }),
      () => decideTask(issue, { ...transfer, department: WATER }),
      () =>
        decideTask(offerNext(reportedIssue(), 'accept', 'grid', { now: at(1) }), {
          ...transfer,
          seq: 1,
          department: WATER,
          note: '理由',
        }),
    ];

    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(ActionNotAllowedError);
  });

  it('lets the department accept and then resolve at its own desk', () => {
    // Prepare
    const accepted = decideTask(transferredToWater(), { seq: 3, action: 'accept', now: at(20) });

    // Act
    const resolveTask = offered(whatFollowsTask(accepted, 3, at(21)).issue, HANDLER, at(22));
    const resolved = decideTask(resolveTask, { seq: 4, action: 'resolve', note: '已更换水泵', now: at(30) });

    // Assess
    expect(taskOf(resolveTask)).toMatchObject({
      kind: 'resolve',
      assignee: HANDLER,
      department: desk('handler'),
    });
    expect(allowedActions(taskOf(resolveTask))).toEqual(['resolve', 'return', 'co_handle']);
    expect(resolved.status).toBe('resolved');
    expect(resolved.timeline.at(-1)).toMatchObject({ type: 'resolved', department: WATER.name });
    expect(whatFollowsTask(resolved, 4, at(31)).next).toEqual({ kind: 'rating', after: 'task:4' });
  });
});

describe('return (退回)', () => {
  it('gives the case back to whoever transferred it with a resolve task and the reason in the timeline', () => {
    // Act
    const returned = decideTask(transferredToWater(), {
      seq: 3,
      action: 'return',
      note: '非供水管网问题',
      now: at(20),
    });
    const { next } = whatFollowsTask(returned, 3, at(21));

    // Assess
    expect(returned.transfer?.returned).toBe(true);
    expect(returned.timeline.at(-1)).toEqual({
      at: at(20),
      type: 'returned',
      level: 'grid',
      by: HANDLER,
      from: WATER.id,
      to: PEOPLE.grid.id,
      department: WATER.name,
      note: '非供水管网问题',
    });
    expect(next).toEqual({
      kind: 'offer',
      after: 'task:3',
      seq: 4,
      task: 'resolve',
      level: 'grid',
      assigneeId: PEOPLE.grid.id,
    });
  });

  it('refuses a return without a reason', () => {
    // Act
    const attempt = () => decideTask(transferredToWater(), { seq: 3, action: 'return', now: at(20) });

    // Assess
    expect(attempt).toThrow(ActionNotAllowedError);
  });
});

describe('deadlines inside a department', () => {
  it('climbs from the handler desk to the supervisor desk, then to the district', () => {
    // Prepare
    const issue = transferredToWater();

    // Act
    const atSupervisor = whatFollowsDeadline(
      issue,
      taskOf(issue),
      { round: 0, planned: 0 },
      at(80),
      DEFAULT_CALENDAR,
    );
    const supervisorTask = offered(atSupervisor.issue, HEAD, at(81));
    const atDistrict = whatFollowsDeadline(
      supervisorTask,
      taskOf(supervisorTask),
      { round: 0, planned: 0 },
      at(150),
      DEFAULT_CALENDAR,
    );

    // Assess
    expect(atSupervisor.next).toMatchObject({
      task: 'accept',
      level: 'grid',
      department: desk('supervisor'),
    });
    expect(atSupervisor.previousHolder).toEqual(HANDLER);
    expect(atSupervisor.issue.timeline.at(-1)).toMatchObject({
      type: 'escalated',
      from: 'department_handler',
      to: 'department_supervisor',
      department: WATER.name,
      reason: 'deadline',
    });
    expect(atDistrict.next).toEqual({
      kind: 'offer',
      after: 'task:4',
      seq: 5,
      task: 'accept',
      level: 'district',
    });
  });

  it('gives the department supervisor a supervision task when the case resolve deadline passes, and keep sends it back', () => {
    // Prepare
    const accepted = decideTask(transferredToWater(), { seq: 3, action: 'accept', now: at(20) });
    const resolveTask = offered(whatFollowsTask(accepted, 3, at(21)).issue, HANDLER, at(22), 878);

    // Act
    const supervised = whatFollowsDeadline(
      resolveTask,
      taskOf(resolveTask),
      { round: 0, planned: 0 },
      at(901),
      DEFAULT_CALENDAR,
    );
    const supervisorTask = offered(supervised.issue, HEAD, at(902));
    const kept = decideTask(supervisorTask, { seq: 5, action: 'keep', now: at(903) });

    // Assess
    expect(supervised.next).toMatchObject({
      task: 'supervise',
      department: desk('supervisor'),
      holder: { assignee: HANDLER, level: 'grid', department: desk('handler') },
    });
    expect(allowedActions(taskOf(supervisorTask))).toEqual(['keep', 'takeover']);
    expect(whatFollowsTask(kept, 5, at(904)).next).toMatchObject({
      task: 'resolve',
      assigneeId: HANDLER.id,
      department: desk('handler'),
    });
  });

  it('moves a desk up: handler, supervisor, then the top of the ladder', () => {
    expect(nextDeskUp({ level: 'community', department: desk('handler') })).toEqual({
      level: 'community',
      department: desk('supervisor'),
    });
    expect(nextDeskUp({ level: 'community', department: desk('supervisor') })).toEqual({ level: 'district' });
    expect(nextDeskUp({ level: 'community' })).toEqual({ level: 'street' });
  });
});

describe('the public view of a transferred case', () => {
  it('names the department, never its people', () => {
    // Act
    const view = publicViewOf(transferredToWater(), at(13));

    // Assess
    expect(view.assignee).toEqual({ id: WATER.id, name: WATER.name, role: 'department_handler' });
    expect(JSON.stringify(view)).not.toContain(HANDLER.name);
    expect(view.timeline.at(-2)).toMatchObject({ type: 'transferred', department: WATER.name });
  });
});

function waterRegistry(onDuty: { handler: boolean; head: boolean } = { handler: true, head: true }) {
  const registry = ladderRegistry();
  const person = (who: Assignee, duty: boolean): Person => ({ ...who, unitId: WATER.id, onDuty: duty });
  registry.people.set(HANDLER.id, person(HANDLER, onDuty.handler));
  registry.people.set(HEAD.id, person(HEAD, onDuty.head));
  const department: Department = {
    ...WATER,
    kind: 'water',
    districtId: GRID_A.districtId,
    handlerIds: [HANDLER.id],
    supervisorIds: [HEAD.id],
  };
  registry.departments.set(WATER.id, department);
  return registry;
}

describe('pickAssignee at a department desk', () => {
  it.each([
    [{ handler: true, head: true }, HANDLER, desk('handler')],
    [{ handler: false, head: true }, HEAD, desk('supervisor')],
  ] as const)('with %j on duty picks %j', async (onDuty, expected, expectedDesk) => {
    // Prepare
    const deps = fakeDeps(waterRegistry(onDuty), at(10));

    // Act
    const picked = await pickAssignee(deps, reportedIssue(), 'grid', undefined, desk('handler'));

    // Assess
    expect(picked).toEqual({ assignee: expected, level: 'grid', department: expectedDesk });
  });

  it('sends the case to the district when the department is gone from the registry', async () => {
    // Prepare
    const deps = fakeDeps(
      new FakeRegistry({ people: ladderPeople(), units: [...ladderRegistry().units.values()] }),
      at(10),
    );

    // Act
    const picked = await pickAssignee(deps, reportedIssue(), 'grid', undefined, desk('handler'));

    // Assess
    expect(picked).toEqual({ assignee: PEOPLE.district, level: 'district' });
  });
});

describe('actOnTask transfer', () => {
  async function seeded(registry: FakeRegistry) {
    const deps = fakeDeps(registry, at(10));
    const issue = resolvingIssue();
    await deps.issues.create(issue);
    await deps.issues.setWorkflowToken(issue.id, 'token-1');
    return { deps, issue, link: linkToken(FAKE_KEYS.linkKey, issue.id, 2, 'nonce-2') };
  }

  it.each([
    ['an unknown department', 'dep-nowhere'],
    ['a grid', GRID_A.id],
    ['a community', GRID_A.communityId],
  ])('refuses %s with a 422 error and writes nothing', async (_what, departmentId) => {
    // Prepare
    const { deps, issue, link } = await seeded(waterRegistry());

    // Act
    const attempt = actOnTask(deps, link, { action: 'transfer', departmentId, note: '不归网格' });

    // Assess
    await expect(attempt).rejects.toThrow(DepartmentNotFoundError);
    expect(deps.issues.issue(issue.id)).toEqual(issue);
    expect(deps.workflow.completed).toEqual([]);
  });

  it('transfers in one write, wakes the workflow, and the link is spent after', async () => {
    // Prepare
    const { deps, issue, link } = await seeded(waterRegistry());

    // Act
    const saved = await actOnTask(deps, link, {
      action: 'transfer',
      departmentId: WATER.id,
      note: '供水设施',
    });
    const again = actOnTask(deps, link, { action: 'transfer', departmentId: WATER.id, note: '供水设施' });

    // Assess
    expect(saved.version).toBe(issue.version + 1);
    expect(saved.transfer?.department).toEqual(WATER);
    expect(deps.workflow.completed).toEqual([{ token: 'token-1', output: { action: 'transfer' } }]);
    await expect(again).rejects.toThrow(LinkUsedError);
  });
});
