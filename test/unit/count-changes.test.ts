import { describe, expect, it } from 'vitest';
import { changeOf } from '#domain/daily-stats.ts';
import type { Issue } from '#domain/issue.ts';
import { recordRating, whatFollowsRating } from '#domain/rating-transitions.ts';
import { chinaDay } from '#domain/working-time.ts';
import { FAKE_CALENDARS, FakeSlowestCases, FakeStatsStore } from '#test/support/fakes.ts';
import { type CaseChange, countChanges } from '#use-cases/count-changes.ts';
import { unitPeriodStats } from '#use-cases/unit-stats.ts';
import { assignedIssue, at, GRID_A, PEOPLE, reportedIssue, resolveAt } from './fixtures.ts';

/** The states one case passes through on the happy path, as the stream delivers them. */
function happyPath(id: string): CaseChange[] {
  const reported = reportedIssue({ id });
  const assigned = { ...assignedIssue(), id };
  const resolved = resolveAt(assigned, 'grid', 2);
  const rated = recordRating(resolved, { score: 4, now: at(20) });
  const closed = whatFollowsRating(rated, at(21)).issue;
  const states: (Issue | undefined)[] = [undefined, reported, assigned, resolved, rated, closed];
  return states.slice(1).map((after, i) => ({
    position: `${id}-${String(i).padStart(3, '0')}`,
    at: at(i),
    before: states[i],
    after,
  }));
}

/** The consumer's ports: the store under test, fresh slowest-cases lists and the working-day calendar. */
function counting(stats: FakeStatsStore, slowestCases = new FakeSlowestCases()) {
  return { stats, slowestCases, calendars: FAKE_CALENDARS };
}

function interleave(...lists: CaseChange[][]): CaseChange[] {
  const changes = lists.flat();
  return changes.sort((a, b) => a.at.localeCompare(b.at) || a.position.localeCompare(b.position));
}

/** Positions in one shard are one increasing sequence: renumber the merged list in its delivery order. */
function inShard(changes: CaseChange[]): CaseChange[] {
  return changes.map((change, i) => ({ ...change, position: String(i + 1).padStart(40, '0') }));
}

describe('countChanges', () => {
  it('sums a batch per counter item and writes each item once', async () => {
    // Prepare
    const stats = new FakeStatsStore();
    const batch = inShard(interleave(happyPath('gw-a'), happyPath('gw-b')));

    // Act
    await countChanges(counting(stats), 'shard-1', batch);

    // Assess
    const grid = (await stats.read([`grid#${GRID_A.id}`])).get(`grid#${GRID_A.id}`);
    expect(grid).toMatchObject({ received: 2, open: 0, closed: 2, closedOnTime: 2, rated: 2, satisfied: 2 });
    // Five scopes' totals, four units' and one worker's days: received and closed fall on the same day here.
    expect(stats.writes).toBe(10);
    expect(await stats.countedUpTo()).toBe(batch.at(-1)?.at);
  });

  it('applies a redelivered batch, whole or bisected, once', async () => {
    // Prepare
    const once = new FakeStatsStore();
    const redelivered = new FakeStatsStore();
    const batch = inShard(interleave(happyPath('gw-a'), happyPath('gw-b')));
    const half = Math.floor(batch.length / 2);

    // Act
    await countChanges(counting(once), 'shard-1', batch);
    await countChanges(counting(redelivered), 'shard-1', batch.slice(0, half + 1));
    await countChanges(counting(redelivered), 'shard-1', batch);
    await countChanges(counting(redelivered), 'shard-1', batch.slice(0, half));
    await countChanges(counting(redelivered), 'shard-1', batch.slice(half));

    // Assess
    expect(Object.fromEntries(redelivered.items)).toEqual(Object.fromEntries(once.items));
  });

  it('ends equal to a recount of the final states, whatever the batching', async () => {
    // Prepare
    const stats = new FakeStatsStore();
    const a = happyPath('gw-a');
    const b = happyPath('gw-b');
    const batch = inShard(interleave(a, b));

    // Act
    for (let start = 0; start < batch.length; start += 3) {
      await countChanges(counting(stats), 'shard-1', batch.slice(start, start + 3));
    }

    // Assess
    const recount = new FakeStatsStore();
    await countChanges(counting(recount), 'recount', [
      { position: '1', at: at(0), after: a.at(-1)?.after },
      { position: '2', at: at(0), after: b.at(-1)?.after },
    ]);
    const nonZero = (items: Map<string, Record<string, number>>) =>
      Object.fromEntries(
        [...items].map(([id, figures]) => [
          id,
          Object.fromEntries(Object.entries(figures).filter(([, v]) => v)),
        ]),
      );
    expect(nonZero(stats.items)).toEqual(nonZero(recount.items));
  });
});

describe('changeOf', () => {
  it('counts a report on its day in China Standard Time, with its category', () => {
    // Prepare
    const issue = { ...reportedIssue(), createdAt: '2026-11-27T16:30:00.000Z' };

    // Act
    const { daily } = changeOf(undefined, issue);

    // Assess
    expect(chinaDay('2026-11-27T15:59:59.000Z')).toBe('2026-11-27');
    expect(daily[`grid#${issue.gridId}`]).toEqual({
      '2026-11-28': { received: 1, 'category:water_supply:received': 1, 'source:web:received': 1 },
    });
  });

  it('moves a closure to the day it closed and the worker gets day figures too', () => {
    // Prepare
    const resolved = resolveAt(assignedIssue(), 'grid', 2);
    const closed = whatFollowsRating(recordRating(resolved, { score: 2, now: at(60 * 24) }), at(60 * 24 + 1));

    // Act
    const change = changeOf(resolved, closed.issue);

    // Assess
    expect(Object.keys(change.daily).some((scope) => scope.startsWith('worker#'))).toBe(true);
    expect(change.daily[`grid#${GRID_A.id}`]).toEqual({
      '2025-03-02': {
        rated: 1,
        'category:water_supply:rated': 1,
        'source:web:rated': 1,
        reworked: 1,
        'category:water_supply:reworked': 1,
      },
    });
  });
});

/** A case received at `receivedAt` and closed on 2025-03-01 (China), rated satisfied. */
function closedCase(id: string, receivedAt: string): Issue {
  const resolved = resolveAt({ ...reportedIssue({ id }), createdAt: receivedAt }, 'grid', 1);
  return whatFollowsRating(recordRating(resolved, { score: 4, now: at(20) }), at(21)).issue;
}

describe('the slowest cases of a month', () => {
  it('keeps each unit’s slowest closed cases, slowest first, once per redelivery, and drops one reopened', async () => {
    // Prepare: Monday and Thursday mornings to a Saturday, on 6.5 office hours a day.
    const slow = closedCase('gw-slow', '2025-02-24T00:00:00.000Z');
    const quick = closedCase('gw-quick', '2025-02-27T00:00:00.000Z');
    const lists = new FakeSlowestCases();
    const batch: CaseChange[] = [
      { position: '1', at: at(0), after: quick },
      { position: '2', at: at(0), after: slow },
    ];
    const street = () => lists.read(`street#${GRID_A.streetId}`, '2025-03');

    // Act
    await countChanges(counting(new FakeStatsStore(), lists), 'shard-1', batch);
    await countChanges(counting(new FakeStatsStore(), lists), 'shard-1', batch);
    const listed = await street();
    await countChanges(counting(new FakeStatsStore(), lists), 'shard-1', [
      { position: '3', at: at(30), before: quick, after: { ...quick, status: 'in_progress' } },
    ]);

    // Assess
    expect(listed.map((entry) => [entry.id, entry.caseNumber, entry.takenMs / 3_600_000])).toEqual([
      ['gw-slow', 'LS-20250301-0001', 32.5],
      ['gw-quick', 'LS-20250301-0001', 13],
    ]);
    // Units' lists only: a worker's figures are not published.
    expect([...lists.lists.keys()].sort()).toEqual([
      `community#${GRID_A.communityId} 2025-03`,
      `district#${GRID_A.districtId} 2025-03`,
      `grid#${GRID_A.id} 2025-03`,
      `street#${GRID_A.streetId} 2025-03`,
    ]);
    expect((await street()).map((entry) => entry.id)).toEqual(['gw-slow']);
  });
});

describe('deferrals, transfers and departments in the figures', () => {
  const WATER = { id: 'dep-water', name: '自来水公司' };
  const transferredAndDeferred = (returned?: true): Issue => {
    const base = reportedIssue();
    return {
      ...base,
      deferrals: 1,
      transfers: 1,
      transfer: {
        department: WATER,
        from: { assignee: PEOPLE.grid, level: 'grid' },
        at: '2025-03-04T02:00:00.000Z',
        returned,
      },
      timeline: [
        ...base.timeline,
        { at: '2025-03-03T02:00:00.000Z', type: 'deferred' },
        { at: '2025-03-04T02:00:00.000Z', type: 'transferred', department: WATER.name },
      ],
    };
  };

  it('counts a deferral and a transfer on their own days, and the case in its department beside its grid', () => {
    // Act
    const { totals, daily } = changeOf(undefined, transferredAndDeferred());

    // Assess
    expect(totals['department#dep-water']).toEqual({ received: 1, open: 1, deferred: 1, transferred: 1 });
    expect(totals[`grid#${GRID_A.id}`]).toEqual({ received: 1, open: 1, deferred: 1, transferred: 1 });
    expect(daily[`street#${GRID_A.streetId}`]?.['2025-03-03']).toEqual({ deferred: 1 });
    expect(daily[`street#${GRID_A.streetId}`]?.['2025-03-04']).toEqual({ transferred: 1 });
    expect(daily['department#dep-water']?.['2025-03-04']).toEqual({ transferred: 1 });
  });

  it('takes a case its department returned out of that department’s figures, not out of the grid’s', () => {
    // Act
    const { totals } = changeOf(transferredAndDeferred(), transferredAndDeferred(true));

    // Assess
    expect(totals).toEqual({
      'department#dep-water': { received: -1, open: -1, deferred: -1, transferred: -1 },
    });
  });

  it('ends equal to a recount through a deferral, a transfer and a return, and answers a custom range from it', async () => {
    // Prepare: each state as the stream delivers it, one batch each.
    const reported = reportedIssue();
    const deferredOnly: Issue = {
      ...reported,
      deferrals: 1,
      timeline: [...reported.timeline, { at: '2025-03-03T02:00:00.000Z', type: 'deferred' }],
    };
    const states = [reported, deferredOnly, transferredAndDeferred(), transferredAndDeferred(true)];
    const stats = new FakeStatsStore();
    const recount = new FakeStatsStore();
    const nonZero = (items: Map<string, Record<string, number>>) =>
      Object.fromEntries(
        [...items]
          .map(([id, figures]) => [id, Object.fromEntries(Object.entries(figures).filter(([, v]) => v))])
          .filter(([, figures]) => Object.keys(figures as object).length > 0),
      );

    // Act
    for (const [i, after] of states.entries()) {
      const position = String(i + 1).padStart(40, '0');
      await countChanges(counting(stats), 'shard-1', [{ position, at: at(i), before: states[i - 1], after }]);
    }
    await countChanges(counting(recount), 'recount', [{ position: '1', at: at(0), after: states.at(-1) }]);
    const range = { from: '2025-03-02', to: '2025-03-04' };
    const grid = await unitPeriodStats({ stats }, { scope: 'grid', id: GRID_A.id, range });
    const department = await unitPeriodStats({ stats }, { scope: 'department', id: WATER.id, range });

    // Assess
    expect(nonZero(stats.items)).toEqual(nonZero(recount.items));
    expect(grid).toMatchObject({ received: 0, deferred: 1, transferred: 1 });
    expect(department).toMatchObject({ received: 0, deferred: 0, transferred: 0 });
  });
});
