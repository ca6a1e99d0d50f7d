// Transfers to functional departments over real HTTP, against the local runtime: the water-cut case of the seed
// article handed from the grid to the water utility, a department returning a case, and bad input.
import { describe, expect, it } from 'vitest';
import { acceptedCase } from '#test/support/cases.ts';
import { type TestGridwork, useTestGridwork } from '#test/support/gridwork-in-process.ts';
import { signIn } from '#test/support/sign-in.ts';

let system: TestGridwork;
useTestGridwork({ TIME_SCALE: '60' }, (started) => {
  system = started;
});

const WATER = 'dep-water';
const WATER_HANDLER = 'dep-water-h1';

/** A water-cut report, accepted by its grid worker. */
function acceptedWaterCut(gridId: string) {
  return acceptedCase(system.api, {
    category: 'water_supply',
    description: '老旧小区19户四个月内第二次停水，6户为残疾人家庭',
    location: { gridId },
    reporter: { name: '刘奶奶', phone: '13900001111' },
  });
}

describe('departments', () => {
  it('lists the departments by public name for the transfer form', async () => {
    const response = await system.api.request<{ items: { id: string; name: string; kind: string }[] }>(
      'GET',
      '/departments',
    );

    expect(response.status).toBe(200);
    expect(response.body.items.map((item) => item.kind).sort()).toEqual(
      ['housing', 'market_supervision', 'power', 'urban_management', 'water'].sort(),
    );
    expect(JSON.stringify(response.body)).not.toMatch(/handler|supervisor|138\d{8}/);
  });

  it('transfers a water cut from the grid to the water utility, which resolves it, and the resident rates it', async () => {
    const water = await acceptedWaterCut('g-101');
    const page = await system.api.request<string>('GET', new URL(water.resolveLink).pathname, {
      headers: { accept: 'text/html' },
    });

    const before = await system.api.issue(water.id);
    const transfer = await system.api.act(water.resolveLink, {
      action: 'transfer',
      departmentId: WATER,
      note: '二次供水泵房故障，属供水企业维修范围',
    });
    const signLink = await system.api.linkSentTo(WATER_HANDLER, water.id);
    const transferred = await system.api.issue(water.id);
    expect((await system.api.act(signLink, { action: 'accept' })).status).toBe(200);
    const departmentResolve = await system.api.linkSentTo(WATER_HANDLER, water.id, [signLink]);
    const resolved = await system.api.act(departmentResolve, {
      action: 'resolve',
      note: '已更换水泵，恢复供水',
    });
    await system.api.waitForIssue(water.id, (issue) => issue.status === 'resolved', 'resolved');
    const rating = await system.api.rate(water.id, water.trackingToken, { score: 5 });
    const closed = await system.api.waitForIssue(water.id, (issue) => issue.status === 'closed', 'closed');

    expect(page.body).toContain('name="departmentId"');
    expect([transfer.status, resolved.status, rating.status]).toEqual([200, 200, 200]);
    expect(transferred.assignee).toMatchObject({ id: WATER, name: '株洲市自来水公司芦淞营业所' });
    expect(transferred.resolveDeadline).toBe(before.resolveDeadline);
    expect(closed.resolveDeadline).toBe(before.resolveDeadline);
    expect(closed.timeline.map((event) => event.type)).toEqual([
      'submitted',
      'assigned',
      'accepted',
      'transferred',
      'assigned',
      'accepted',
      'resolved',
      'rated',
      'closed',
    ]);
    expect(closed.timeline[3]).toMatchObject({ to: WATER, department: '株洲市自来水公司芦淞营业所' });
    expect(closed.timeline[3]).not.toHaveProperty('note');
    expect(
      closed.timeline.slice(4, 7).every((event) => event.by === undefined && event.assignee === undefined),
    ).toBe(true);
    const handlerMessages = await system.api.outbox(WATER_HANDLER);
    expect(handlerMessages[0]?.subject).toContain('自来水公司');
  });

  it('counts the transferred case in the water utility’s figures, which its supervisor alone reads', async () => {
    const read = async (person: string) =>
      system.api.request<Record<string, unknown>>(
        'GET',
        `/dashboard/api/stats?scope=department&id=${WATER}`,
        {
          headers: { authorization: `Bearer ${await signIn(system.api, person)}` },
        },
      );
    const supervisor = await signIn(system.api, `${WATER}-sup`);
    const figures = () =>
      system.api.request<Record<string, unknown>>(
        'GET',
        `/dashboard/api/stats?scope=department&id=${WATER}`,
        {
          headers: { authorization: `Bearer ${supervisor}` },
        },
      );

    await expect
      .poll(async () => (await figures()).body, { timeout: 15_000, interval: 50 })
      .toMatchObject({
        scope: 'department',
        id: WATER,
        received: 1,
        closed: 1,
        transferred: 1,
        satisfied: 1,
      });
    const published = await system.api.request('GET', `/stats?scope=department&id=${WATER}`);
    const handler = await read(WATER_HANDLER);
    const otherDepartment = await read('dep-power-sup');

    expect([published.status, handler.status, otherDepartment.status]).toEqual([403, 403, 403]);
  });

  it('lets the department return a case to the grid worker who sent it, with a new resolve link', async () => {
    const sent = await acceptedWaterCut('g-102');
    await system.api.act(sent.resolveLink, {
      action: 'transfer',
      departmentId: WATER,
      note: '疑似供水管网问题',
    });
    const signLink = await system.api.linkSentTo(WATER_HANDLER, sent.id);

    const withoutReason = await system.api.act(signLink, { action: 'return' });
    const returned = await system.api.act(signLink, {
      action: 'return',
      note: '经查为楼内私接管道，非管网问题',
    });
    const backLink = await system.api.linkSentTo(sent.workerId, sent.id, [sent.acceptLink, sent.resolveLink]);
    const view = await system.api.request<{ actions: string[] }>('GET', new URL(backLink).pathname, {
      headers: { accept: 'application/json' },
    });
    const issue = await system.api.issue(sent.id);

    expect(withoutReason.status).toBe(422);
    expect(withoutReason.body).toMatchObject({ errors: [{ path: 'note' }] });
    expect(returned.status).toBe(200);
    expect(view.body.actions).toContain('transfer');
    expect(issue.assignee?.id).toBe(sent.workerId);
    expect(issue.timeline.at(-1)).toMatchObject({ type: 'returned', from: WATER, to: sent.workerId });
  });

  it('answers bad transfers with problem+json and writes nothing', async () => {
    const sent = await acceptedWaterCut('g-103');
    const before = await system.api.issue(sent.id);

    const notADepartment = await system.api.act(sent.resolveLink, {
      action: 'transfer',
      departmentId: 'g-001',
      note: '转给别的网格',
    });
    const unknown = await system.api.act(sent.resolveLink, {
      action: 'transfer',
      departmentId: 'dep-nowhere',
      note: '不存在的部门',
    });
    const noReason = await system.api.act(sent.resolveLink, { action: 'transfer', departmentId: WATER });
    const fromAcceptLink = await system.api.act(sent.acceptLink, {
      action: 'transfer',
      departmentId: WATER,
      note: '已用过的链接',
    });
    const after = await system.api.issue(sent.id);

    expect([notADepartment.status, unknown.status, noReason.status, fromAcceptLink.status]).toEqual([
      422, 422, 422, 409,
    ]);
    for (const response of [notADepartment, unknown, noReason, fromAcceptLink]) {
      expect(response.contentType).toBe('application/problem+json');
    }
    expect(notADepartment.body).toMatchObject({
      type: 'urn:problem:gridwork:department-not-found',
      errors: [{ path: 'departmentId' }],
    });
    expect(after.timeline).toEqual(before.timeline);
  });
});
