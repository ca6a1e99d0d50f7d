// Follow-up calls (回访) on badly rated cases: who may record them, on which cases, and that a refusal writes
// nothing.
import { describe, expect, it } from 'vitest';
import { IssueNotFoundError, IssueStateConflictError, OutsideUnitError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { FakeClock, FakeIssueStore } from '#test/support/fakes.ts';
import { listFollowUpCalls, recordFollowUpCall } from '#use-cases/record-follow-up.ts';
import { at, GRID_A, reportedIssue } from './fixtures.ts';

const CALL = {
  caller: '王社区',
  calledAt: at(90),
  residentSaid: '水管已修好，但维修拖得太久。',
  satisfied: true,
};

function ratedCase(score: number, satisfied: boolean): Issue {
  const issue = reportedIssue();
  return {
    ...issue,
    status: satisfied ? 'closed' : 'assigned',
    rating: { score, at: at(60), round: 0, satisfied, reopens: !satisfied },
    version: 7,
  };
}

function world(issue: Issue) {
  const store = new FakeIssueStore();
  store.records.set(issue.id, { issue });
  return { store, deps: { issues: store, clock: new FakeClock(at(120)) } };
}

const community = { unit: { scope: 'community' as const, id: GRID_A.communityId }, personId: 'p-community' };

describe('recordFollowUpCall', () => {
  it('records the call on a badly rated case, and a timeline entry without the resident’s words', async () => {
    const bad = ratedCase(1, false);
    const { store, deps } = world(bad);

    const followUps = await recordFollowUpCall(deps, bad.id, community, CALL);

    const recorded = {
      ...CALL,
      recordedBy: { scope: 'community', unitId: GRID_A.communityId, personId: 'p-community' },
      recordedAt: at(120),
    };
    expect(followUps).toEqual([recorded]);
    const stored = store.issue(bad.id);
    expect(stored.followUps).toEqual([recorded]);
    expect(stored.version).toBe(bad.version + 1);
    expect(stored.timeline.at(-1)).toEqual({ at: at(120), type: 'followed_up', level: 'community' });
    expect(JSON.stringify(stored.timeline)).not.toContain('维修');
    expect(await listFollowUpCalls(deps, bad.id, community)).toEqual([recorded]);
  });

  it.each([
    ['its street', { unit: { scope: 'street' as const, id: GRID_A.streetId } }],
    ['the district', { unit: { scope: 'district' as const, id: GRID_A.districtId } }],
  ])('lets %s record one too, without a person named', async (_name, by) => {
    const bad = ratedCase(2, false);
    const { deps } = world(bad);

    const followUps = await recordFollowUpCall(deps, bad.id, by, CALL);

    expect(followUps[0]?.recordedBy).toEqual({ scope: by.unit.scope, unitId: by.unit.id });
  });

  it.each([
    ['the case’s own grid', { unit: { scope: 'grid' as const, id: GRID_A.id } }],
    ['another community', { unit: { scope: 'community' as const, id: 'c-99' } }],
    ['another street', { unit: { scope: 'street' as const, id: 's-9' } }],
  ])('refuses %s, and writes nothing', async (_name, by) => {
    const bad = ratedCase(1, false);
    const { store, deps } = world(bad);

    await expect(recordFollowUpCall(deps, bad.id, by, CALL)).rejects.toBeInstanceOf(OutsideUnitError);
    await expect(listFollowUpCalls(deps, bad.id, by)).rejects.toBeInstanceOf(OutsideUnitError);
    expect(store.issue(bad.id)).toBe(bad);
  });

  it.each([
    ['an unrated case', reportedIssue()],
    ['a case rated well', ratedCase(5, true)],
  ])('refuses %s as a conflict, and writes nothing', async (_name, issue) => {
    const { store, deps } = world(issue);

    await expect(recordFollowUpCall(deps, issue.id, community, CALL)).rejects.toBeInstanceOf(
      IssueStateConflictError,
    );
    expect(store.issue(issue.id)).toBe(issue);
  });

  it('refuses a call dated after now, and a twenty-first call', async () => {
    const bad = ratedCase(1, false);
    const { deps } = world(bad);

    await expect(
      recordFollowUpCall(deps, bad.id, community, { ...CALL, calledAt: at(121) }),
    ).rejects.toBeInstanceOf(IssueStateConflictError);
    for (let n = 0; n < 20; n++) await recordFollowUpCall(deps, bad.id, community, CALL);
    await expect(recordFollowUpCall(deps, bad.id, community, CALL)).rejects.toThrow(/at most 20/);
  });

  it('answers an unknown case with not found', async () => {
    const { deps } = world(ratedCase(1, false));

    await expect(recordFollowUpCall(deps, 'gw-nosuchcase', community, CALL)).rejects.toBeInstanceOf(
      IssueNotFoundError,
    );
  });
});
