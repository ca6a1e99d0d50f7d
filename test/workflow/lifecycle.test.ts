import { describe, expect, it, vi } from 'vitest';
import { type ApiClient, COUNTED, type IssueView } from '#test/support/api-client.ts';
import { useTestGridwork } from '#test/support/gridwork-in-process.ts';

/** Waits until the figures, which follow the cases through the change stream, pass `check`. */
const counted = (check: () => Promise<void>) => vi.waitFor(check, COUNTED);

// 600x: a water case's 2-hour acceptance deadline lasts 12 s, room to act on a loaded machine while the other
// tests of the file and of a parallel run go on; a safety hazard's 30 minutes 3 s (its climb to the district
// about 12 s), and the rating window (shortened to 2 hours) 12 s.
const TIME = { TIME_SCALE: '600', RATING_WINDOW: 'PT2H' };

let api: ApiClient;
useTestGridwork(TIME, (system) => {
  api = system.api;
});

// Whether a reminder (催办) went out depends on how fast the test acts on a loaded machine: left out here.
const types = (issue: IssueView) =>
  issue.timeline.map((event) => event.type).filter((type) => type !== 'reminded');

async function reportAt(gridId: string, category = 'water_supply') {
  const response = await api.report({
    category,
    description: `网格 ${gridId} 的测试问题：楼道积水`,
    location: { gridId },
    reporter: { name: '居民', phone: '13900001111' },
  });
  expect(response.status).toBe(201);
  return response.body;
}

/** Takes the issue's current task and acts on it, returning the link used. */
async function actOnNextTask(issueId: string, action: Record<string, unknown>, used: string[]) {
  const { link, assigneeId } = await api.waitForTaskLink(issueId, used);
  const response = await api.act(link, action);
  expect(response.body).toEqual({ issueId, status: expect.any(String) });
  expect(response.status).toBe(200);
  used.push(link);
  return { link, assigneeId };
}

describe('the issue lifecycle on the local engine', () => {
  it.concurrent('assigns, accepts, resolves, rates and closes a report, and the figures follow', async () => {
    const { id, trackingToken } = await reportAt('g-010');
    const used: string[] = [];

    const { assigneeId } = await actOnNextTask(id, { action: 'accept' }, used);
    await actOnNextTask(id, { action: 'resolve', note: '已疏通' }, used);
    await api.waitForIssue(id, (issue) => issue.status === 'resolved', 'resolved');
    expect((await api.rate(id, trackingToken, { score: 5, comment: '很快' })).status).toBe(200);
    const closed = await api.waitForIssue(id, (issue) => issue.status === 'closed', 'closed');

    expect(types(closed)).toEqual(['submitted', 'assigned', 'accepted', 'resolved', 'rated', 'closed']);
    expect(closed).toMatchObject({
      level: 'grid',
      overdue: false,
      reworkCount: 0,
      rating: { score: 5 },
      outcome: 'satisfied',
    });
    expect(assigneeId).toMatch(/^w-/);
    const expected = {
      received: 1,
      open: 0,
      resolved: 1,
      closed: 1,
      closedOnTime: 1,
      overdue: 0,
      reworked: 0,
      rated: 1,
      satisfied: 1,
      deferred: 0,
      paused: 0,
      // Whether the worker was reminded depends on how fast the test acts on a loaded machine.
      reminded: expect.any(Number),
      solvedOrAnswered: 1,
      onTheSpot: 0,
      transferred: 0,
      satisfactionRate: 1,
    };
    await counted(async () =>
      expect(await api.stats('grid', 'g-010')).toEqual({
        scope: 'grid',
        id: 'g-010',
        ...expected,
        asOf: expect.any(String),
      }),
    );
    const worker = await api.request('GET', `/stats?scope=worker&id=${assigneeId}`);
    expect(worker.status).toBe(403);
  });

  it.concurrent('escalates an ignored urgent case through every level and supervises it at the district', async () => {
    const { id } = await reportAt('g-020', 'safety_hazard');
    const first = await api.waitForTaskLink(id);

    const supervised = await api.waitForIssue(
      id,
      (issue) => issue.timeline.some((event) => event.type === 'escalated' && event.reason === 'supervision'),
      'supervision at the district',
      60_000,
    );

    const climbs = supervised.timeline
      .filter((event) => event.type === 'escalated')
      .map((event) => `${event.from}->${event.to}`);
    expect(climbs.slice(0, 4)).toEqual([
      'grid->community',
      'community->street',
      'street->district',
      'district->district',
    ]);
    expect(supervised).toMatchObject({ level: 'district', overdue: true, status: 'assigned' });
    expect((await api.act(first.link, { action: 'accept' })).status).toBe(410);
    const told = await api.outbox(first.assigneeId);
    expect(told.some((item) => item.subject.startsWith('超期上报') && item.link === null)).toBe(true);
    await counted(async () => expect((await api.stats('grid', 'g-020')).overdue).toBe(1));
  }, 90_000);

  it.concurrent('sends a declined case to the community supervisor, who reassigns it to another grid of the community, never outside it', async () => {
    const { id } = await reportAt('g-030');
    const used: string[] = [];
    await actOnNextTask(id, { action: 'decline', note: '不属于本网格' }, used);

    const supervisorTask = await api.waitForTaskLink(id, used);
    const view = await api.request('GET', new URL(supervisorTask.link).pathname, {
      headers: { accept: 'application/json' },
    });
    expect(view.body).toMatchObject({ level: 'community', actions: ['accept', 'decline', 'reassign'] });
    const outside = await api.act(supervisorTask.link, { action: 'reassign', gridId: 'g-031' });
    expect(outside.status).toBe(422);
    expect(
      (await api.act(supervisorTask.link, { action: 'reassign', gridId: 'g-072', note: '转本社区网格' }))
        .status,
    ).toBe(200);
    used.push(supervisorTask.link);
    const { assigneeId } = await actOnNextTask(id, { action: 'accept' }, used);

    const issue = await api.waitForIssue(
      id,
      (current) => current.status === 'in_progress',
      'accepted in g-072',
    );
    expect(issue.gridId).toBe('g-072');
    expect(types(issue)).toEqual([
      'submitted',
      'assigned',
      'declined',
      'assigned',
      'reassigned',
      'assigned',
      'accepted',
    ]);
    expect(assigneeId).toMatch(/^w-/);
    await counted(async () =>
      expect(await api.stats('grid', 'g-030')).toMatchObject({ received: 0, open: 0 }),
    );
    await counted(async () =>
      expect(await api.stats('grid', 'g-072')).toMatchObject({ received: 1, open: 1 }),
    );
  });

  it.concurrent('reopens a badly rated case one level up, and closes it unsatisfied at the third bad rating', async () => {
    const { id, trackingToken } = await reportAt('g-040');
    const used: string[] = [];
    const levels: string[] = [];
    for (const score of [1, 2, 1]) {
      await actOnNextTask(id, { action: 'accept' }, used);
      await actOnNextTask(id, { action: 'resolve', note: '已处理' }, used);
      const resolved = await api.waitForIssue(id, (issue) => issue.status === 'resolved', 'resolved');
      levels.push(resolved.level);
      expect((await api.rate(id, trackingToken, { score })).status).toBe(200);
      await api.waitForIssue(id, (issue) => issue.status !== 'resolved', 'reopened or closed');
    }

    const closed = await api.waitForIssue(id, (issue) => issue.status === 'closed', 'closed');
    expect(levels).toEqual(['grid', 'community', 'street']);
    expect(closed).toMatchObject({ outcome: 'unsatisfied', reworkCount: 2, rating: { score: 1 } });
    expect(types(closed).filter((type) => type === 'reopened')).toHaveLength(2);
    await counted(async () =>
      expect(await api.stats('grid', 'g-040')).toMatchObject({
        closed: 1,
        reworked: 1,
        rated: 1,
        satisfied: 0,
      }),
    );
  });

  it.concurrent('closes a resolved case as unrated when the rating window passes', async () => {
    const { id, trackingToken } = await reportAt('g-050');
    const used: string[] = [];
    await actOnNextTask(id, { action: 'accept' }, used);
    await actOnNextTask(id, { action: 'resolve' }, used);

    const closed = await api.waitForIssue(id, (issue) => issue.status === 'closed', 'closed unrated', 60_000);

    expect(closed).toMatchObject({ outcome: 'unrated', rating: null });
    expect((await api.rate(id, trackingToken, { score: 5 })).status).toBe(409);
    await counted(async () =>
      expect(await api.stats('grid', 'g-050')).toMatchObject({ closed: 1, rated: 0, satisfactionRate: null }),
    );
  }, 90_000);
});
