import { describe, expect, it } from 'vitest';
import { changeOf } from '#domain/daily-stats.ts';
import type { Issue } from '#domain/issue.ts';
import type { CaseOutcome } from '#domain/outcomes.ts';
import { publicViewOf } from '#domain/public-view.ts';
import { recordRating, whatFollowsRating } from '#domain/rating-transitions.ts';
import { contributionOf } from '#domain/stats.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { decideTask } from '#domain/task-transitions.ts';
import { FAKE_CALENDARS, FakeSlowestCases, FakeStatsStore } from '#test/support/fakes.ts';
import { countChanges } from '#use-cases/count-changes.ts';
import { ratingMessage } from '#use-cases/messages.ts';
import { unitPeriodStats } from '#use-cases/unit-stats.ts';
import { at, offerNext, reportedIssue, resolveAt, taskOf } from './fixtures.ts';

/** A case accepted and resolved at its grid with `outcome`, then closed after a rating of `score` (or none). */
function closedWith(outcome: CaseOutcome | undefined, options: { score?: number; base?: Issue } = {}) {
  let issue = offerNext(options.base ?? reportedIssue(), 'accept', 'grid', { now: at(1) });
  issue = decideTask(issue, { seq: taskOf(issue).seq, action: 'accept', now: at(2) });
  issue = whatFollowsTask(issue, taskOf(issue).seq, at(3)).issue;
  issue = offerNext(issue, 'resolve', 'grid', { now: at(4) });
  issue = decideTask(issue, {
    seq: taskOf(issue).seq,
    action: 'resolve',
    note: '已向居民说明',
    outcome,
    now: at(5),
  });
  const resolved = whatFollowsTask(issue, taskOf(issue).seq, at(6)).issue;
  const rated = options.score ? recordRating(resolved, { score: options.score, now: at(7) }) : resolved;
  return { resolved: rated, closed: whatFollowsRating(rated, at(60 * 24 * 5)).issue };
}

describe('contributionOf, by outcome and source', () => {
  it('counts a closed case as solved or answered when it was solved or explained, and not otherwise', () => {
    // Act
    const counted = (['solved', 'explained', 'unsubstantiated', 'out_of_remit'] as const).map(
      (outcome) => contributionOf(closedWith(outcome).closed).solvedOrAnswered,
    );

    // Assess
    expect(counted).toEqual([1, 1, 0, 0]);
  });

  it('counts a resolution older than outcomes as solved, and a resolved case not yet closed as neither', () => {
    // Prepare
    const { resolved, closed } = closedWith('explained');
    const older = { ...closed, resolution: { ...closed.resolution, outcome: undefined } } as Issue;

    // Act
    const open = contributionOf(resolved);
    const legacy = contributionOf(older);

    // Assess
    expect(resolved.resolution?.outcome).toBe('explained');
    expect(closedWith(undefined).closed.resolution?.outcome).toBe('solved');
    expect(open.solvedOrAnswered).toBe(0);
    expect(legacy.solvedOrAnswered).toBe(1);
  });

  it('keeps a worker-found case out of the satisfaction figures and counts it on the spot when it was', () => {
    // Prepare
    const base: Issue = { ...reportedIssue({ source: 'patrol' }), onTheSpot: true };
    const resident = closedWith('solved', { score: 5 }).closed;

    // Act
    const worker = contributionOf(closedWith('solved', { score: 5, base }).closed);
    const theirs = contributionOf(resident);

    // Assess
    expect(worker).toMatchObject({ rated: 0, satisfied: 0, onTheSpot: 1, closed: 1, solvedOrAnswered: 1 });
    expect(theirs).toMatchObject({ rated: 1, satisfied: 1, onTheSpot: 0 });
  });
});

describe('changeOf, by outcome and source', () => {
  it('splits a closure by outcome and source in the units’ day items and not in the worker’s', () => {
    // Prepare
    const { resolved, closed } = closedWith('explained');
    const hotline = (issue: Issue): Issue => ({ ...issue, source: 'hotline' });

    // Act
    const { daily } = changeOf(hotline(resolved), hotline(closed));

    // Assess
    expect(daily['grid#g-001']).toEqual({
      '2025-03-06': {
        closed: 1,
        closedOnTime: 1,
        solvedOrAnswered: 1,
        'category:water_supply:closed': 1,
        'category:water_supply:closedOnTime': 1,
        'source:hotline:closed': 1,
        'source:hotline:closedOnTime': 1,
        'source:hotline:solvedOrAnswered': 1,
        'outcome:explained:closed': 1,
      },
    });
    expect(daily['district#d-1']).toEqual(daily['grid#g-001']);
    expect(Object.keys(daily['worker#w-001']?.['2025-03-06'] ?? {}).sort()).toEqual([
      'category:water_supply:closed',
      'category:water_supply:closedOnTime',
      'closed',
      'closedOnTime',
      'solvedOrAnswered',
    ]);
  });
});

describe('unitPeriodStats, by outcome and source', () => {
  it('answers each breakdown with the figures it splits, summed over the days asked', async () => {
    // Prepare
    const stats = new FakeStatsStore();
    const cases = [
      closedWith('solved', { score: 4 }).closed,
      closedWith('explained').closed,
      closedWith('unsubstantiated').closed,
      closedWith('solved', { base: { ...reportedIssue({ source: 'patrol' }), onTheSpot: true } }).closed,
    ].map((issue, i) => ({ ...issue, id: `gw-${i}` }));
    await countChanges(
      { stats, slowestCases: new FakeSlowestCases(), calendars: FAKE_CALENDARS },
      'recount',
      cases.map((after, i) => ({ position: String(i + 1), at: at(0), after })),
    );
    const request = { scope: 'street', id: 's-1', range: { from: '2025-03-01', to: '2025-03-31' } } as const;

    // Act
    const bySource = await unitPeriodStats({ stats }, { ...request, breakdown: 'source' });
    const byOutcome = await unitPeriodStats({ stats }, { ...request, breakdown: 'outcome' });

    // Assess
    expect(bySource).toMatchObject({
      received: 4,
      closed: 4,
      solvedOrAnswered: 3,
      onTheSpot: 1,
      rated: 1,
      satisfied: 1,
      satisfactionRate: 1,
    });
    const share = { closedOnTime: 0, overdue: 0, rated: 0, satisfied: 0 };
    expect(bySource.breakdown).toEqual({
      source: {
        web: {
          ...share,
          received: 3,
          closed: 3,
          closedOnTime: 3,
          solvedOrAnswered: 2,
          rated: 1,
          satisfied: 1,
        },
        patrol: { ...share, received: 1, closed: 1, closedOnTime: 1, solvedOrAnswered: 1 },
      },
    });
    expect(byOutcome.breakdown).toEqual({
      outcome: { solved: { closed: 2 }, explained: { closed: 1 }, unsubstantiated: { closed: 1 } },
    });
  });
});

describe('the resident’s view of the outcome', () => {
  const deps = { keys: { linkKey: new Uint8Array(32).fill(7) }, publicUrl: 'https://grid.example.gov.cn' };

  it('says the outcome in the rating message and points to the explanation', () => {
    // Prepare
    const { resolved } = closedWith('unsubstantiated');

    // Act
    const message = ratingMessage(deps, resolved);
    const solved = ratingMessage(deps, closedWith('solved').resolved);

    // Assess
    expect(message?.text).toContain('办理结果：经核查不属实（说明见链接）。请在3天内评价');
    expect(solved?.text).toContain('办理结果：已解决。');
  });

  it('shows the outcome once resolved, with the explanation for the resident only, never the caller', () => {
    // Prepare
    const { resolved } = closedWith('explained');
    const running = offerNext(reportedIssue(), 'accept', 'grid', { now: at(1) });

    // Act
    const view = publicViewOf(resolved, at(8));
    const resident = publicViewOf(resolved, at(8), 'resident');

    // Assess
    expect(view.resolution).toEqual({ outcome: 'explained', at: at(5) });
    expect(view.source).toBe('web');
    expect(JSON.stringify(view)).not.toMatch(/已向居民说明|139|张三丰/u);
    expect(resident.timeline.at(-1)).toMatchObject({ type: 'resolved', note: '已向居民说明' });
    expect(publicViewOf(running, at(2)).resolution).toBeNull();
  });
});

describe('resolveAt fixture', () => {
  it('resolves as solved when no outcome is given', () => {
    // Act
    const resolved = resolveAt(reportedIssue(), 'grid', 1);

    // Assess
    expect(resolved.resolution?.outcome).toBe('solved');
  });
});
