// A department supervisor's workbench against in-memory fakes of the ports: which cases they see, when a phone is
// whole, and which actions they may take over their own desks.
import { beforeEach, describe, expect, it } from 'vitest';
import { contactKeyOf } from '#domain/contact.ts';
import type { DepartmentSupervisor } from '#domain/department-workbench.ts';
import { FilterNotApplicableError, IssueNotFoundError, IssueStateConflictError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import type { Department, Person } from '#domain/registry.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { decideTask, openTask } from '#domain/task-transitions.ts';
import { LadderActionError, NotASupervisorError, WORKBENCH_ACTIONS } from '#domain/workbench-actions.ts';
import { FAKE_KEYS, type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import { listCases } from '#use-cases/case-list.ts';
import { actOnWorkbench, supervisorOf, type WorkbenchRequest } from '#use-cases/workbench-actions.ts';
import { casePage, searchCases } from '#use-cases/workbench-case.ts';
import { at, ladderPeople, ladderRegistry, offerNext, REPORTER, reportedIssue } from './fixtures.ts';

const water: Department = {
  id: 'dep-water',
  name: '自来水公司',
  kind: 'water',
  districtId: 'd-1',
  handlerIds: ['dep-water-h1'],
  supervisorIds: ['dep-water-sup'],
};
const power: Department = { ...water, id: 'dep-power', name: '供电公司', kind: 'power' };
const person = (id: string, role: Person['role'], unitId: string): Person => ({
  id,
  name: id,
  role,
  unitId,
  onDuty: true,
});
const HANDLER = person('dep-water-h1', 'department_handler', water.id);
const SUPERVISOR = person('dep-water-sup', 'department_supervisor', water.id);
const POWER_SUPERVISOR = person('dep-power-sup', 'department_supervisor', power.id);
const WATER_UNIT = { scope: 'department', id: water.id } as const;
const WATER_SUP: DepartmentSupervisor = {
  assignee: { id: SUPERVISOR.id, name: SUPERVISOR.name, role: SUPERVISOR.role },
  department: { id: water.id, name: water.name },
};
const handler = { id: HANDLER.id, name: HANDLER.name, role: HANDLER.role };

let deps: FakeDeps;

/** A case its grid worker transferred to `department`, whose handler signed for it: on its resolve task (seq 4). */
function atDepartment(id: string, department: Department = water, minute = 0): Issue {
  const caseNumber = `LS-20250301-000${minute}`;
  const reported = reportedIssue({ id, caseNumber, now: at(minute) });
  const accepted = offerNext(reported, 'accept', 'grid', { now: at(1) });
  const held = offerNext(accepted, 'resolve', 'grid', { now: at(2) });
  const transferred = decideTask(held, {
    seq: 2,
    action: 'transfer',
    department,
    note: '供水设施',
    now: at(3),
  });
  const desk = { id: department.id, name: department.name, rung: 'handler' } as const;
  const offer = { level: 'grid', assignee: handler, department: desk, deadline: at(300) } as const;
  const offered = openTask(transferred, { ...offer, seq: 3, kind: 'accept', nonce: 'n3', now: at(4) });
  const signed = decideTask(offered, { seq: 3, action: 'accept', now: at(5) });
  return openTask(signed, { ...offer, seq: 4, kind: 'resolve', nonce: 'n4', now: at(6) });
}

/** The same case returned (退回) by the department to the grid worker who sent it. */
function returned(issue: Issue): Issue {
  return decideTask(issue, { seq: 4, action: 'return', note: '非供水设施', now: at(7) });
}

const act = (request: WorkbenchRequest, id: string) => actOnWorkbench(deps, WATER_SUP, id, request);

beforeEach(async () => {
  const registry = ladderRegistry([...ladderPeople(), HANDLER, SUPERVISOR, POWER_SUPERVISOR]);
  registry.departments.set(water.id, water);
  registry.departments.set(power.id, power);
  deps = fakeDeps(registry, at(10));
  for (const issue of [
    atDepartment('gw-held', water, 0),
    returned(atDepartment('gw-returned', water, 1)),
    atDepartment('gw-power', power, 2),
    offerNext(
      reportedIssue({ id: 'gw-grid', caseNumber: 'LS-20250301-0003', now: at(3) }),
      'accept',
      'grid',
      {
        now: at(4),
      },
    ),
  ]) {
    await deps.issues.create(issue);
    await deps.issues.indexContact(issue, contactKeyOf(FAKE_KEYS.linkKey, REPORTER.phone));
    await deps.issues.setWorkflowToken(issue.id, `token-${issue.id}`);
  }
});

describe('a department supervisor at the workbench', () => {
  it('is the department’s supervisor as the registry lists them; its handler and other departments are refused', async () => {
    // Act
    const signedIn = await supervisorOf(deps, { personId: SUPERVISOR.id, unit: WATER_UNIT });

    // Assess
    expect(signedIn).toEqual(WATER_SUP);
    for (const principal of [
      { personId: HANDLER.id, unit: WATER_UNIT },
      { personId: POWER_SUPERVISOR.id, unit: WATER_UNIT },
      { personId: SUPERVISOR.id, unit: { scope: 'department', id: power.id } },
    ] as const) {
      await expect(supervisorOf(deps, principal)).rejects.toThrow(NotASupervisorError);
    }
  });

  it('lists the cases transferred to the department, held now or returned, never another’s or the ladder’s', async () => {
    // Act
    const all = await listCases(deps, WATER_UNIT, { filter: {}, limit: 10 });
    const open = await listCases(deps, WATER_UNIT, { filter: { status: 'in_progress' }, limit: 10 });
    const byNumber = await searchCases(deps, WATER_UNIT, { caseNumber: 'LS-20250301-0001' });
    const notOurs = await searchCases(deps, WATER_UNIT, { caseNumber: 'LS-20250301-0002' });
    const byPhone = await searchCases(deps, WATER_UNIT, { phone: REPORTER.phone });

    // Assess
    expect(all.cases.map((issue) => issue.id)).toEqual(['gw-returned', 'gw-held']);
    expect(open.cases.map((issue) => issue.id)).toEqual(['gw-returned', 'gw-held']);
    expect(byNumber.map((issue) => issue.id)).toEqual(['gw-returned']);
    expect(notOurs).toEqual([]);
    expect(byPhone.map((issue) => issue.id)).toEqual(['gw-returned', 'gw-held']);
  });

  it('answers a level filter with 422 naming the field: a department stands beside the ladder', async () => {
    // Act
    const listing = listCases(deps, WATER_UNIT, { filter: { level: 'grid' }, limit: 10 });

    // Assess
    await expect(listing).rejects.toThrow(FilterNotApplicableError);
    await expect(listing).rejects.toMatchObject({ field: 'level' });
  });

  it('sees the phone whole, audited, only while the department holds the case; another department’s is unknown', async () => {
    // Act
    const held = await casePage(deps, { unit: WATER_UNIT, personId: SUPERVISOR.id }, 'gw-held');
    const back = await casePage(deps, { unit: WATER_UNIT, personId: SUPERVISOR.id }, 'gw-returned');
    const others = casePage(deps, { unit: WATER_UNIT, personId: SUPERVISOR.id }, 'gw-power').catch((e) => e);
    const ladders = casePage(deps, { unit: WATER_UNIT, personId: SUPERVISOR.id }, 'gw-grid').catch((e) => e);

    // Assess
    expect(held.case.reporter).toMatchObject({ phone: REPORTER.phone, masked: false });
    expect(held.holder).toMatchObject({ yours: true, department: { id: water.id, rung: 'handler' } });
    expect(held.task?.assignee).toEqual(handler);
    expect(held.actions).toEqual(['supervise', 'take_over']);
    expect(back.case.reporter).toMatchObject({ phone: '139****1111', masked: true });
    expect(back.holder.yours).toBe(false);
    expect(await others).toBeInstanceOf(IssueNotFoundError);
    expect(await ladders).toBeInstanceOf(IssueNotFoundError);
    expect(deps.audit.entries).toMatchObject([
      { actor: SUPERVISOR.id, action: 'viewed_contact', caseId: 'gw-held' },
    ]);
  });
});

describe('a department supervisor’s actions', () => {
  it('supervises (督办) the handler, who keeps the case to the deadline, audited and woken', async () => {
    // Act
    const issue = await act(
      {
        action: 'supervise',
        version: deps.issues.issue('gw-held').version,
        note: '今日修复',
        until: at(200),
      },
      'gw-held',
    );

    // Assess
    expect(issue).toMatchObject({ supervisedUntil: at(200), status: 'in_progress' });
    expect(issue.timeline.at(-1)).toMatchObject({ type: 'supervised', reason: 'keep', until: at(200) });
    expect(whatFollowsTask(issue, 4, at(11)).next).toMatchObject({
      task: 'resolve',
      assigneeId: HANDLER.id,
      department: { id: water.id, rung: 'handler' },
    });
    expect(deps.workflow.completed).toEqual([{ token: 'token-gw-held', output: { action: 'keep' } }]);
    expect(deps.audit.entries).toMatchObject([
      { actor: SUPERVISOR.id, action: 'supervised', caseId: 'gw-held' },
    ]);
  });

  it('takes the case over at the supervisor’s own desk', async () => {
    // Act
    const issue = await act(
      { action: 'take_over', version: deps.issues.issue('gw-held').version },
      'gw-held',
    );

    // Assess
    expect(whatFollowsTask(issue, 4, at(11)).next).toMatchObject({
      task: 'resolve',
      assigneeId: SUPERVISOR.id,
      department: { id: water.id, rung: 'supervisor' },
    });
    expect(deps.audit.entries).toMatchObject([{ action: 'took_over', actor: SUPERVISOR.id }]);
  });

  it('refuses the ladder’s actions with 403 naming why, before reading anything, with nothing written', async () => {
    // Prepare
    const before = deps.issues.issue('gw-held');
    const requests: WorkbenchRequest[] = [
      { action: 'reassign', version: before.version, gridId: 'g-002' },
      { action: 'transfer', version: before.version, departmentId: power.id, note: '转供电' },
      { action: 'decide_change', version: before.version, decision: 'approve' },
      { action: 'decide_appeal', version: before.version, decision: 'uphold' },
      { action: 'merge', version: before.version, intoCaseId: 'gw-returned' },
    ];

    // Act, Assess
    expect(requests.map((request) => request.action).sort()).toEqual(
      WORKBENCH_ACTIONS.filter((action) => !['supervise', 'take_over'].includes(action)).sort(),
    );
    for (const request of requests) {
      await expect(act(request, 'gw-held')).rejects.toThrow(LadderActionError);
    }
    expect(deps.issues.issue('gw-held')).toEqual(before);
    expect(deps.audit.entries).toEqual([]);
    expect(deps.workflow.completed).toEqual([]);
  });

  it('reaches no other department’s case, and acts no more on a case it returned', async () => {
    // Act
    const others = act({ action: 'take_over', version: deps.issues.issue('gw-power').version }, 'gw-power');
    const gone = act(
      { action: 'take_over', version: deps.issues.issue('gw-returned').version },
      'gw-returned',
    );

    // Assess
    await expect(others).rejects.toThrow(IssueNotFoundError);
    await expect(gone).rejects.toThrow(IssueStateConflictError);
    expect(deps.audit.entries).toEqual([]);
  });
});
