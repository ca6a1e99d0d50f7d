// One matter, one visit (一件事一次办) over real HTTP against the local runtime: a grid worker leads a safety case
// and asks the power supplier and urban management to co-handle it; one reports, the other lets its deadline
// pass; the lead sees both on its page, resolves, and the resident rates one case once. Bad requests write nothing.
import { describe, expect, it, vi } from 'vitest';
import { acceptedCase } from '#test/support/cases.ts';
import { type TestGridwork, useTestGridwork } from '#test/support/gridwork-in-process.ts';

// 600x: a safety hazard's 30-minute acceptance lasts 3 s, its 8-hour resolve deadline 48 s; a co-handler gets
// half of what the lead has left, about 24 s.
let system: TestGridwork;
useTestGridwork({ TIME_SCALE: '600' }, (started) => {
  system = started;
});

const POWER = 'dep-power';
const URBAN = 'dep-urban';

/** A safety case accepted by its grid worker. Its acceptance lasts 3 s, so a late link gets a fresh report. */
function leadCase(gridId: string) {
  return acceptedCase(
    system.api,
    {
      category: 'safety_hazard',
      description: '小区配电箱外壳破损，电线裸露，旁边占道堆放杂物',
      location: { gridId },
      reporter: { name: '王大爷', phone: '13900002222' },
    },
    3,
  );
}

type LeadView = {
  actions: string[];
  coHandlers?: { department: { id: string }; status: string; report?: { note: string } }[];
};

const view = (link: string) =>
  system.api.request<LeadView>('GET', new URL(link).pathname, { headers: { accept: 'application/json' } });

describe('co-handling', () => {
  it('answers bad co-handling requests with problem+json and field paths, and writes nothing', async () => {
    const lead = await leadCase('g-112');
    const before = await system.api.issue(lead.id);
    const ask = (body: Record<string, unknown>) =>
      system.api.act(lead.resolveLink, { action: 'co_handle', note: '请协办', ...body });

    const unknown = await ask({ departmentIds: [POWER, 'dep-nowhere'] });
    const notADepartment = await ask({ departmentIds: ['g-001'] });
    const twice = await ask({ departmentIds: [POWER, POWER] });
    const tooMany = await ask({
      departmentIds: [POWER, URBAN, 'dep-water', 'dep-housing', 'dep-market', 'dep-x'],
    });
    const none = await ask({ departmentIds: [] });
    const noNote = await system.api.act(lead.resolveLink, { action: 'co_handle', departmentIds: [POWER] });
    const after = await system.api.issue(lead.id);

    const responses = [unknown, notADepartment, twice, tooMany, none, noNote];
    expect(responses.map((response) => response.status)).toEqual([422, 422, 422, 422, 422, 422]);
    for (const response of responses) expect(response.contentType).toBe('application/problem+json');
    const paths = responses.map((response) =>
      (response.body as unknown as { errors: { path: string }[] }).errors.map((error) => error.path),
    );
    expect(paths).toEqual([
      ['departmentIds.1'],
      ['departmentIds.0'],
      ['departmentIds.1'],
      ['departmentIds'],
      ['departmentIds'],
      ['note'],
    ]);
    expect(after.timeline).toEqual(before.timeline);
  });

  it('runs a lead and two co-handlers side by side, and the resident rates the one case once', async () => {
    const lead = await leadCase('g-111');
    const form = await system.api.request<string>('GET', new URL(lead.resolveLink).pathname, {
      headers: { accept: 'text/html' },
    });

    const asked = await system.api.act(lead.resolveLink, {
      action: 'co_handle',
      departmentIds: [POWER, URBAN],
      note: '请供电部门修复配电箱，城管清理占道杂物',
    });
    const powerLink = await system.api.linkSentTo(`${POWER}-h1`, lead.id);
    const urbanLink = await system.api.linkSentTo(`${URBAN}-h1`, lead.id);
    const waiting = await view(lead.resolveLink);
    const resolveTooEarly = await system.api.act(lead.resolveLink, { action: 'resolve', note: '已处理' });
    const reported = await system.api.act(powerLink, { action: 'report', note: '已更换配电箱外壳' });
    const reportAgain = await system.api.act(powerLink, { action: 'report', note: '再次反馈' });
    // Urban management never answers: its deadline passes, which the lead sees, and the lead may resolve.
    const settled = await vi.waitFor(
      async () => {
        const current = await view(lead.resolveLink);
        if (!current.body.actions.includes('resolve')) throw new Error('The lead still waits');
        return current;
      },
      { timeout: 40_000, interval: 200 },
    );
    const leadPage = await system.api.request<string>('GET', new URL(lead.resolveLink).pathname, {
      headers: { accept: 'text/html' },
    });
    const lateReport = await system.api.act(urbanLink, { action: 'report', note: '迟到的反馈' });
    const resolved = await system.api.act(lead.resolveLink, {
      action: 'resolve',
      note: '配电箱已修复，杂物已清理',
    });
    await system.api.waitForIssue(lead.id, (issue) => issue.status === 'resolved', 'resolved');
    const rating = await system.api.rate(lead.id, lead.trackingToken, { score: 5 });
    const ratedTwice = await system.api.rate(lead.id, lead.trackingToken, { score: 4 });
    const closed = await system.api.waitForIssue(lead.id, (issue) => issue.status === 'closed', 'closed');
    const afterResolve = await system.api.act(powerLink, { action: 'report', note: '结案后反馈' });

    expect(form.body).toContain('name="departmentIds"');
    expect([asked.status, reported.status, resolved.status, rating.status]).toEqual([200, 200, 200, 200]);
    expect(waiting.body.actions).toEqual([]);
    expect(waiting.body.coHandlers?.map((each) => [each.department.id, each.status])).toEqual([
      [POWER, 'pending'],
      [URBAN, 'pending'],
    ]);
    expect(resolveTooEarly.status).toBe(422);
    expect(reportAgain.status).toBe(409);
    expect(settled.body.coHandlers?.map((each) => [each.department.id, each.status])).toEqual([
      [POWER, 'reported'],
      [URBAN, 'overdue'],
    ]);
    expect(settled.body.coHandlers?.[0]?.report?.note).toBe('已更换配电箱外壳');
    expect(leadPage.body).toContain('id="co-handlers"');
    expect(lateReport.status).toBe(410);
    expect(ratedTwice.status).toBe(409);
    expect(afterResolve.status).toBe(409);
    expect(closed.timeline.map((event) => event.type)).toEqual([
      'submitted',
      'assigned',
      'accepted',
      'co_handling',
      'co_reported',
      'resolved',
      'rated',
      'closed',
    ]);
    expect(closed.timeline[4]).toMatchObject({ department: '国网株洲供电公司芦淞供电部' });
    expect(closed.timeline[4]).not.toHaveProperty('by');
  }, 90_000);
});
