// The supervisors' actions from the workbench: who may take which, and what each writes, audits and wakes,
// against in-memory fakes of the ports.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ConcurrentUpdateError,
  IssueNotFoundError,
  IssueStateConflictError,
  OutsideUnitError,
} from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { linkToken } from '#domain/links.ts';
import type { Person } from '#domain/registry.ts';
import { contributionOf } from '#domain/stats.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { NotASupervisorError, type Supervisor, WrongLevelError } from '#domain/workbench-actions.ts';
import { FAKE_KEYS, type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import { actOnTask } from '#use-cases/act-on-task.ts';
import { actOnWorkbench, supervisorOf, type WorkbenchRequest } from '#use-cases/workbench-actions.ts';
import {
  at,
  GRID_A,
  GRID_B,
  ladderPeople,
  ladderRegistry,
  offerNext,
  PEOPLE,
  REPORTER,
  reportedIssue,
  taskOf,
} from './fixtures.ts';

const OTHER_STREET: Person = {
  id: 'p-street-2',
  name: '孙街道',
  role: 'street_supervisor',
  unitId: 's-2',
  onDuty: true,
};
const DEPARTMENT = {
  id: 'dept-water',
  name: '自来水公司',
  kind: 'water',
  districtId: 'd-1',
  handlerIds: [],
  supervisorIds: [],
} as const;

let deps: FakeDeps;
let caseId: string;

const as = (level: 'community' | 'street' | 'district'): Supervisor => ({
  assignee: PEOPLE[level],
  level,
  unitId: { community: GRID_A.communityId, street: GRID_A.streetId, district: GRID_A.districtId }[level],
});

/** A case its grid worker accepted, now on its resolve task (seq 2) until minute 125. */
function heldAtGrid(id = 'gw-abcdefghijklmnop'): Issue {
  const accepted = offerNext(reportedIssue({ id }), 'accept', 'grid', { now: at(1) });
  return offerNext(accepted, 'resolve', 'grid', { now: at(5) });
}

async function seed(issue: Issue): Promise<void> {
  await deps.issues.create(issue);
  await deps.issues.setWorkflowToken(issue.id, `token-${issue.id}`);
}

const act = (supervisor: Supervisor, request: WorkbenchRequest, id = caseId) =>
  actOnWorkbench(deps, supervisor, id, request);
const version = () => deps.issues.issue(caseId).version;

beforeEach(async () => {
  const registry = ladderRegistry([...ladderPeople(), OTHER_STREET]);
  registry.departments.set(DEPARTMENT.id, { ...DEPARTMENT, handlerIds: [], supervisorIds: [] });
  deps = fakeDeps(registry, at(10));
  const issue = heldAtGrid();
  caseId = issue.id;
  await seed(issue);
});

describe('who acts from the workbench', () => {
  it('is a supervisor of the unit the token names, as the registry lists them now', async () => {
    // Act
    const street = await supervisorOf(deps, { personId: 'p-street', unit: { scope: 'street', id: 's-1' } });

    // Assess
    expect(street).toEqual(as('street'));
    for (const principal of [
      { personId: 'w-001', unit: { scope: 'grid', id: GRID_A.id } },
      { personId: 'p-street', unit: { scope: 'street', id: 's-2' } },
      { personId: 'p-street', unit: { scope: 'community', id: 'c-01' } },
      { personId: undefined, unit: { scope: 'district', id: 'd-1' } },
    ] as const) {
      await expect(supervisorOf(deps, principal)).rejects.toThrow(NotASupervisorError);
    }
  });

  it('never reaches another street’s case, nor learns it exists, and writes nothing', async () => {
    // Prepare
    const other = {
      assignee: { ...OTHER_STREET, role: OTHER_STREET.role },
      level: 'street',
      unitId: 's-2',
    } as const;
    const before = deps.issues.issue(caseId);

    // Act
    const acting = act(other, { action: 'take_over', version: before.version });

    // Assess
    await expect(acting).rejects.toThrow(IssueNotFoundError);
    expect(deps.issues.issue(caseId)).toEqual(before);
    expect(deps.audit.entries).toEqual([]);
  });

  it('refuses a stale version with nothing written, audited or woken', async () => {
    // Prepare
    const before = deps.issues.issue(caseId);

    // Act
    const acting = act(as('street'), { action: 'take_over', version: before.version - 1 });

    // Assess
    await expect(acting).rejects.toThrow(ConcurrentUpdateError);
    expect(deps.issues.issue(caseId)).toEqual(before);
    expect(deps.audit.entries).toEqual([]);
    expect(deps.workflow.completed).toEqual([]);
  });
});

describe('supervision (督办) from the workbench', () => {
  it('leaves the case with its holder under the note and deadline, audited, and wakes the workflow', async () => {
    // Act
    const issue = await act(as('community'), {
      action: 'supervise',
      version: version(),
      note: '尽快修复',
      until: at(600),
    });

    // Assess
    expect(issue).toMatchObject({ supervisedUntil: at(600), status: 'in_progress', level: 'grid' });
    expect(issue.timeline.at(-1)).toMatchObject({
      type: 'supervised',
      by: PEOPLE.community,
      reason: 'keep',
      note: '尽快修复',
      until: at(600),
    });
    expect(whatFollowsTask(issue, 2, at(11)).next).toMatchObject({
      kind: 'offer',
      task: 'resolve',
      level: 'grid',
      assigneeId: PEOPLE.grid.id,
    });
    expect(deps.workflow.completed).toEqual([{ token: `token-${caseId}`, output: { action: 'keep' } }]);
    expect(deps.audit.entries).toMatchObject([
      {
        actor: 'p-community',
        action: 'supervised',
        caseId,
        detail: `keep with holder until ${at(600)}: 尽快修复`,
      },
    ]);
  });

  it('is the level above the holder’s: the holder’s own level is refused with nothing written', async () => {
    // Prepare
    const atCommunity = offerNext(heldAtGrid('gw-community'), 'resolve', 'community', { now: at(6) });
    await seed(atCommunity);

    // Act
    const acting = act(
      as('community'),
      { action: 'supervise', version: atCommunity.version, note: '督办', until: at(600) },
      atCommunity.id,
    );

    // Assess
    await expect(acting).rejects.toThrow(WrongLevelError);
    expect(deps.issues.issue(atCommunity.id)).toEqual(atCommunity);
  });
});

describe('taking over, reassigning and transferring', () => {
  it('gives the case to the supervisor’s level on a take-over', async () => {
    // Act
    const issue = await act(as('street'), { action: 'take_over', version: version() });

    // Assess
    expect(whatFollowsTask(issue, 2, at(11)).next).toMatchObject({
      task: 'resolve',
      level: 'street',
      assigneeId: 'p-street',
    });
    expect(deps.audit.entries).toMatchObject([{ action: 'took_over', actor: 'p-street' }]);
  });

  it('lets the supervisor offered the case’s supervision task (督办) take it over', async () => {
    // Prepare
    const held = heldAtGrid('gw-supervised');
    const supervised = offerNext({ ...held, overdue: true }, 'supervise', 'community', { now: at(6) });
    const withHolder: Issue = {
      ...supervised,
      task: { ...taskOf(supervised), holder: { assignee: PEOPLE.grid, level: 'grid' } },
    };
    await seed(withHolder);

    // Act
    const issue = await act(
      as('community'),
      { action: 'take_over', version: withHolder.version },
      withHolder.id,
    );

    // Assess
    expect(whatFollowsTask(issue, 3, at(11)).next).toMatchObject({
      task: 'resolve',
      level: 'community',
      assigneeId: 'p-community',
    });
  });

  it('reassigns only within the supervisor’s unit', async () => {
    // Act
    const outside = act(as('community'), { action: 'reassign', version: version(), gridId: GRID_B.id });

    // Assess
    await expect(outside).rejects.toThrow(OutsideUnitError);
    const issue = await act(as('street'), { action: 'reassign', version: version(), gridId: GRID_B.id });
    expect(issue).toMatchObject({ gridId: GRID_B.id, communityId: GRID_B.communityId });
    expect(whatFollowsTask(issue, 2, at(11)).next).toMatchObject({ task: 'accept', level: 'grid' });
    expect(deps.audit.entries).toMatchObject([
      { action: 'reassigned', detail: `from grid ${GRID_A.id} to grid ${GRID_B.id}` },
    ]);
  });

  it('transfers to a department, which returns it to the supervisor who sent it', async () => {
    // Act
    const issue = await act(as('community'), {
      action: 'transfer',
      version: version(),
      departmentId: DEPARTMENT.id,
      note: '供水管网问题',
    });

    // Assess
    expect(issue.transfer).toMatchObject({
      department: { id: DEPARTMENT.id },
      from: { assignee: PEOPLE.community, level: 'community' },
    });
    expect(whatFollowsTask(issue, 2, at(11)).next).toMatchObject({
      task: 'accept',
      department: { id: DEPARTMENT.id, rung: 'handler' },
    });
    expect(deps.audit.entries).toMatchObject([
      { action: 'transferred', detail: `to department ${DEPARTMENT.id}: 供水管网问题` },
    ]);
  });
});

describe('deciding requests and appeals', () => {
  it('approves a deferral at the approver’s level, as the approval link would', async () => {
    // Prepare
    const link = linkToken(FAKE_KEYS.linkKey, caseId, 2, taskOf(deps.issues.issue(caseId)).nonce);
    await actOnTask(deps, link, { action: 'defer', note: '等待配件', until: at(3 * 24 * 60) });

    // Act
    const issue = await act(as('community'), {
      action: 'decide_change',
      version: version(),
      decision: 'approve',
    });

    // Assess
    expect(issue).toMatchObject({
      deferrals: 1,
      request: { status: 'approved', approver: PEOPLE.community },
    });
    expect(deps.workflow.completed).toEqual([{ token: `token-${caseId}`, output: { action: 'approve' } }]);
    expect(deps.audit.entries).toMatchObject([{ action: 'decided_change', detail: 'approve defer' }]);
  });

  it('refuses an appeal decided anywhere but one level up, and says so when none waits', async () => {
    // Act
    const none = act(as('community'), { action: 'decide_appeal', version: version(), decision: 'uphold' });

    // Assess
    await expect(none).rejects.toThrow(IssueStateConflictError);
    const issue = deps.issues.issue(caseId);
    const appealing: Issue = {
      ...issue,
      request: {
        kind: 'appeal',
        seq: 2,
        nonce: 'n',
        by: PEOPLE.grid,
        approver: PEOPLE.community,
        approverLevel: 'community',
        reason: '评价有误',
        at: at(9),
        status: 'pending',
      },
    };
    deps.issues.records.set(caseId, { issue: appealing, workflowToken: 'token' });
    await expect(
      act(as('street'), { action: 'decide_appeal', version: version(), decision: 'uphold' }),
    ).rejects.toThrow(WrongLevelError);
    expect(deps.issues.issue(caseId)).toEqual(appealing);
  });
});

describe('merging a duplicate', () => {
  it('closes the duplicate pointing at the kept case, tells its resident, and counts it in no figure', async () => {
    // Prepare
    const kept = heldAtGrid('gw-kept');
    await seed(kept);

    // Act
    const issue = await act(as('community'), { action: 'merge', version: version(), intoCaseId: kept.id });

    // Assess
    expect(issue).toMatchObject({ status: 'closed', mergedInto: kept.id, next: { kind: 'closed' } });
    expect(whatFollowsTask(issue, 2, at(11)).next).toEqual({ kind: 'closed', after: 'task:2' });
    expect(Object.values(contributionOf(issue)).every((value) => value === 0)).toBe(true);
    const [message] = deps.notifier.to(`reporter:${caseId}`);
    expect(message?.link).toMatch(new RegExp(`/track/${kept.id}#token=`));
    expect(message?.contact).toEqual({ phone: REPORTER.phone, email: REPORTER.email });
    expect(deps.audit.entries).toMatchObject([{ action: 'merged', detail: `into ${kept.id}` }]);
    expect(JSON.stringify(deps.audit.entries)).not.toContain(REPORTER.phone);
  });

  it('refuses a merge into itself or into a case outside the unit', async () => {
    // Act
    const self = act(as('community'), { action: 'merge', version: version(), intoCaseId: caseId });

    // Assess
    await expect(self).rejects.toThrow(IssueStateConflictError);
    const elsewhere = { ...heldAtGrid('gw-elsewhere'), gridId: 'g-9', communityId: 'c-9' };
    await seed(elsewhere);
    await expect(
      act(as('community'), { action: 'merge', version: version(), intoCaseId: elsewhere.id }),
    ).rejects.toThrow(IssueNotFoundError);
    expect(deps.issues.issue(caseId).status).toBe('in_progress');
  });
});
