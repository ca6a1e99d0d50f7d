// Deadlines, reminders (催办), supervision (督办), deferral (延期) and pause (挂起) over HTTP, on the local engine.
import { describe, expect, it, vi } from 'vitest';
import { type ApiClient, COUNTED, type IssueView } from '#test/support/api-client.ts';
import { useTestGridwork } from '#test/support/gridwork-in-process.ts';

// 300x: a safety hazard's 30-minute acceptance deadline lasts 6 s, room to accept it while the other files of a
// parallel run load the machine, and its 8-hour resolve deadline 96 s (reminders at 48 s and 72 s); a water case's
// 2-hour acceptance deadline 24 s and its 3-day resolve deadline 864 s, longer than any test here.
const TIME = { TIME_SCALE: '300' };

let api: ApiClient;
useTestGridwork(TIME, (system) => {
  api = system.api;
});

async function reportAt(gridId: string, category: string) {
  const response = await api.report({
    category,
    description: `网格 ${gridId} 的测试问题：井盖缺失`,
    location: { gridId },
    reporter: { name: '居民', phone: '13900001111' },
  });
  expect(response.status).toBe(201);
  return response.body;
}

/** The community and street supervisors above a grid (the demo registry names them after their units). */
async function supervisorsOf(gridId: string) {
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await api.request<{
      items: { id: string; communityId: string; streetId: string }[];
      next: string | null;
    }>('GET', `/grids?limit=100${query}`);
    const grid = page.body.items.find((candidate) => candidate.id === gridId);
    if (grid) return { community: `sup-${grid.communityId}`, street: `sup-${grid.streetId}` };
    cursor = page.body.next;
  } while (cursor);
  throw new Error(`No grid ${gridId}`);
}

/** Accepts the case at its grid, and returns the holder and their resolve link. */
async function acceptedAt(gridId: string, category: string) {
  const { id } = await reportAt(gridId, category);
  const offered = await api.waitForTaskLink(id);
  expect((await api.act(offered.link, { action: 'accept' })).status).toBe(200);
  const resolve = await api.waitForTaskLink(id, [offered.link]);
  return { id, holder: resolve.assigneeId, link: resolve.link, used: [offered.link] };
}

/** The newest approval link sent to `to` about the case. */
async function approvalLinkFor(to: string, issueId: string): Promise<string> {
  return vi.waitFor(
    async () => {
      const items = await api.outbox(to);
      const item = items.filter((candidate) => candidate.link?.includes(`/tasks/${issueId}.`)).at(-1);
      if (!item?.link) throw new Error(`No approval link for ${issueId} to ${to} yet`);
      return item.link;
    },
    { timeout: 15_000, interval: 25 },
  );
}

const types = (issue: IssueView) => issue.timeline.map((event) => event.type);

describe('case deadlines on the local engine', () => {
  it.concurrent('keeps the resolve deadline when the case moves, and on breach gives the community a supervision task; “keep” returns it to the holder', async () => {
    const { id, holder, link } = await acceptedAt('g-120', 'safety_hazard');
    const before = await api.issue(id);

    const supervised = await api.waitForIssue(
      id,
      (issue) => types(issue).includes('supervised'),
      'under supervision',
      150_000,
    );
    expect(supervised).toMatchObject({
      overdue: true,
      level: 'community',
      resolveDeadline: before.resolveDeadline,
    });
    expect((await api.act(link, { action: 'resolve' })).status).toBe(410);
    const supervisor = await api.waitForTaskLink(id, [link]);
    const view = await api.request('GET', new URL(supervisor.link).pathname, {
      headers: { accept: 'application/json' },
    });
    expect(view.body).toMatchObject({
      task: { kind: 'supervise' },
      actions: ['keep', 'takeover', 'reassign'],
    });

    expect((await api.act(supervisor.link, { action: 'keep', note: '限期整改' })).status).toBe(200);
    const kept = await api.waitForTaskLink(id, [link, supervisor.link]);

    expect(kept.assigneeId).toBe(holder);
    const told = (await api.outbox(holder)).find((item) => item.link === kept.link);
    expect(told?.subject).toContain('【督办】');
    expect((await api.act(kept.link, { action: 'resolve', note: '已整改' })).status).toBe(200);
    await api.waitForIssue(id, (issue) => issue.status === 'resolved', 'resolved');
  }, 210_000);

  it.concurrent('defers a case on approval one level up; the resident sees the new date and why', async ({
    expect,
  }) => {
    const { id, link } = await acceptedAt('g-130', 'water_supply');
    const { resolveDeadline } = await api.issue(id);
    const until = new Date(Date.parse(resolveDeadline ?? '') + 2 * 86_400_000).toISOString();
    const { community } = await supervisorsOf('g-130');

    expect((await api.act(link, { action: 'defer', note: '等待配件到货', until })).status).toBe(200);
    const second = await api.act(link, { action: 'defer', note: '再次申请', until });
    expect(second.status).toBe(409);
    const approval = await approvalLinkFor(community, id);
    expect((await api.act(approval, { action: 'approve', note: '同意' })).status).toBe(200);

    const deferred = await api.waitForIssue(id, (issue) => issue.resolveDeadline === until, 'deferred');
    expect(deferred.timeline.at(-1)).toMatchObject({ type: 'deferred', until });
    expect(deferred.overdue).toBe(false);
    const next = await api.waitForTaskLink(id, [link]);
    expect(next.link).not.toBe(link);
    expect((await api.act(approval, { action: 'approve' })).status).toBe(409);
    await expect.poll(async () => (await api.stats('grid', 'g-130')).deferred, COUNTED).toBe(1);
  });

  it.concurrent('refuses a deferral, and bad requests change nothing', async () => {
    const { id, holder, link } = await acceptedAt('g-140', 'water_supply');
    const before = await api.issue(id);
    const { community } = await supervisorsOf('g-140');

    const past = await api.act(link, { action: 'defer', note: '理由', until: '2020-01-01' });
    expect(past.status).toBe(422);
    expect(past.body).toMatchObject({ errors: [{ path: 'until' }] });
    const noReason = await api.act(link, { action: 'defer', until: '2099-01-01' });
    expect(noReason.status).toBe(422);
    expect(await api.issue(id)).toEqual(before);

    const until = new Date(Date.parse(before.resolveDeadline ?? '') + 86_400_000).toISOString();
    expect((await api.act(link, { action: 'defer', note: '等待配件', until })).status).toBe(200);
    const approval = await approvalLinkFor(community, id);
    expect((await api.act(approval, { action: 'refuse', note: '请按期办结' })).status).toBe(200);

    const refused = await api.waitForIssue(id, (issue) => types(issue).includes('refused'), 'refused');
    expect(refused.resolveDeadline).toBe(before.resolveDeadline);
    expect((await api.outbox(holder)).some((item) => item.subject === '延期申请未获批准')).toBe(true);
    expect((await api.act(link, { action: 'resolve' })).status).toBe(200);
  });

  it.concurrent('pauses a case with the street’s approval and resumes it when the holder says so', async ({
    expect,
  }) => {
    const { id, link } = await acceptedAt('g-150', 'water_supply');
    const { street } = await supervisorsOf('g-150');
    const until = new Date(Date.now() + 20 * 86_400_000).toISOString();

    expect((await api.act(link, { action: 'pause', note: '供水公司管网改造', until })).status).toBe(200);
    const approval = await approvalLinkFor(street, id);
    expect((await api.act(approval, { action: 'approve' })).status).toBe(200);
    const paused = await api.waitForTaskLink(id, [link]);
    const view = await api.request('GET', new URL(paused.link).pathname, {
      headers: { accept: 'application/json' },
    });
    expect(view.body).toMatchObject({ actions: ['resolve', 'resume'] });

    expect((await api.act(paused.link, { action: 'resume' })).status).toBe(200);
    const resumed = await api.waitForTaskLink(id, [link, paused.link]);

    const issue = await api.issue(id);
    expect(types(issue).slice(-3)).toEqual(['requested', 'paused', 'resumed']);
    expect((await api.act(resumed.link, { action: 'resolve' })).status).toBe(200);
    await expect.poll(async () => (await api.stats('grid', 'g-150')).paused, COUNTED).toBe(1);
  });
});
