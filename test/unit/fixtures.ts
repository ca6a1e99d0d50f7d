import { LEVELS, type Level } from '#domain/hierarchy.ts';
import { createIssue, type NewIssue } from '#domain/intake.ts';
import type { Assignee, Issue, Task, TaskKind } from '#domain/issue.ts';
import type { Grid, Person, Unit } from '#domain/registry.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { decideTask, openTask } from '#domain/task-transitions.ts';
import { FakeRegistry } from '#test/support/fakes.ts';

/** Two grids of the same street in different communities, so a reassignment moves counts between them. */
export const GRID_A: Pick<Grid, 'id' | 'communityId' | 'streetId' | 'districtId'> = {
  id: 'g-001',
  communityId: 'c-01',
  streetId: 's-1',
  districtId: 'd-1',
};
export const GRID_B: Pick<Grid, 'id' | 'communityId' | 'streetId' | 'districtId'> = {
  id: 'g-002',
  communityId: 'c-02',
  streetId: 's-1',
  districtId: 'd-1',
};

/** One person per level of the ladder. */
export const PEOPLE: Record<Level, Assignee> = {
  grid: { id: 'w-001', name: '李网格', role: 'grid_worker' },
  community: { id: 'p-community', name: '王社区', role: 'community_supervisor' },
  street: { id: 'p-street', name: '赵街道', role: 'street_supervisor' },
  district: { id: 'p-district', name: '钱区', role: 'district_supervisor' },
};

export const REPORTER = { name: '张三丰', phone: '+86 139-0000-1111', email: 'zhang@example.org' };

const T0 = Date.parse('2025-03-01T08:00:00.000Z');

/** The ISO time `minutes` after the start of every scenario. */
export function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString();
}

export function reportedIssue(overrides: Partial<NewIssue> = {}): Issue {
  return createIssue({
    id: 'gw-abcdefghijklmnop',
    caseNumber: 'LS-20250301-0001',
    category: 'water_supply',
    description: '楼道水管漏水，已持续两天',
    location: { gridId: GRID_A.id },
    reporter: REPORTER,
    anonymous: false,
    grid: GRID_A,
    now: at(0),
    ...overrides,
  });
}

/** The issue's current task; a scenario that asks for it without one is a broken test. */
export function taskOf(issue: Issue): Task {
  if (!issue.task) throw new Error(`Issue ${issue.id} has no task`);
  return issue.task;
}

export interface OfferOptions {
  readonly now: string;
  /** Minutes from `now` to the deadline. */
  readonly minutes?: number;
  readonly assignee?: Assignee;
}

/** Offers the next task (seq one above the current one) to the person of `level`. */
export function offerNext(issue: Issue, kind: TaskKind, level: Level, options: OfferOptions): Issue {
  const seq = (issue.task?.seq ?? 0) + 1;
  return openTask(issue, {
    seq,
    kind,
    level,
    assignee: options.assignee ?? PEOPLE[level],
    nonce: `nonce-${seq}`,
    now: options.now,
    deadline: new Date(Date.parse(options.now) + (options.minutes ?? 120) * 60_000).toISOString(),
  });
}

/**
 * Walks an issue through accept and resolve at `level`, both settled, starting at minute `from` and taking
 * six minutes: it ends resolved and waiting for the rating.
 */
export function resolveAt(issue: Issue, level: Level, from: number): Issue {
  let current = offerNext(issue, 'accept', level, { now: at(from) });
  current = decideTask(current, { seq: taskOf(current).seq, action: 'accept', now: at(from + 1) });
  current = whatFollowsTask(current, taskOf(current).seq, at(from + 2)).issue;
  current = offerNext(current, 'resolve', level, { now: at(from + 3) });
  current = decideTask(current, {
    seq: taskOf(current).seq,
    action: 'resolve',
    note: '已修复',
    now: at(from + 4),
  });
  return whatFollowsTask(current, taskOf(current).seq, at(from + 5)).issue;
}

/** A fresh report with its first task (accept, grid level, seq 1) open until minute 120. */
export function assignedIssue(): Issue {
  return offerNext(reportedIssue(), 'accept', 'grid', { now: at(1), minutes: 119 });
}

/**
 * The grid worker signed for the report and holds the resolve task (seq 2), open from minute 3 until minute 603;
 * the case's resolve deadline is minute 900.
 */
export function resolvingIssue(): Issue {
  const accepted = decideTask(offerNext(reportedIssue(), 'accept', 'grid', { now: at(1) }), {
    seq: 1,
    action: 'accept',
    now: at(2),
  });
  return openTask(whatFollowsTask(accepted, 1, at(3)).issue, {
    seq: 2,
    kind: 'resolve',
    level: 'grid',
    assignee: PEOPLE.grid,
    nonce: 'nonce-2',
    now: at(3),
    deadline: at(603),
    resolveDeadline: at(900),
  });
}

/** The people of the ladder of GRID_A in the registry's shape; each on duty unless a test says otherwise. */
export function ladderPeople(offDuty: readonly string[] = []): Person[] {
  const units: Record<Level, string> = {
    grid: GRID_A.id,
    community: GRID_A.communityId,
    street: GRID_A.streetId,
    district: GRID_A.districtId,
  };
  return LEVELS.map((level) => ({
    ...PEOPLE[level],
    unitId: units[level],
    onDuty: !offDuty.includes(PEOPLE[level].id),
  }));
}

/** A registry holding GRID_A and GRID_B, the units above them, and `people` (by default the whole ladder). */
export function ladderRegistry(people: readonly Person[] = ladderPeople()): FakeRegistry {
  const staffOf = (unitId: string) => people.filter((person) => person.unitId === unitId);
  const grid = (ref: typeof GRID_A, name: string, address: string): Grid => ({
    ...ref,
    name,
    workers: staffOf(ref.id).map(({ id, name: workerName }) => ({ id, name: workerName })),
    addresses: [address],
    boundary: { type: 'Polygon', coordinates: [] },
  });
  const unit = (id: string, level: Unit['level'], parentId: string | null): Unit => ({
    id,
    level,
    name: id,
    parentId,
    supervisorIds: staffOf(id).map((person) => person.id),
  });
  return new FakeRegistry({
    grids: [grid(GRID_A, '荷花一网格', '荷花路12号'), grid(GRID_B, '荷花二网格', '荷花路40号')],
    people: [...people],
    units: [
      unit(GRID_A.communityId, 'community', GRID_A.streetId),
      unit(GRID_B.communityId, 'community', GRID_B.streetId),
      unit(GRID_A.streetId, 'street', GRID_A.districtId),
      unit(GRID_A.districtId, 'district', null),
    ],
  });
}
