import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COUNTED, type IssueView } from '#test/support/api-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

let system: TestGridwork;

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '60' });
});

afterAll(async () => {
  await system?.stop();
});

const GRID = 'g-150';
const EXPLANATION = '停水系自来水公司计划检修管网，12月2日18时前恢复供水';

type Resolution = { outcome: string; at: string } | null;
type TrackedView = IssueView & { source: string; resolution: Resolution };

/** A resident's report in GRID, accepted by its grid worker; answers the case, its token and the resolve link. */
async function acceptedCase(description: string) {
  const receipt = await system.api.report({
    category: 'water_supply',
    description,
    location: { gridId: GRID },
    reporter: { name: '刘奶奶', phone: '13912345678' },
  });
  const { id, trackingToken } = receipt.body;
  const offer = await system.api.waitForTaskLink(id);
  expect((await system.api.act(offer.link, { action: 'accept' })).status).toBe(200);
  const resolve = await system.api.waitForTaskLink(id, [offer.link]);
  return { id, trackingToken, link: resolve.link };
}

/** Resolves with `outcome` and a note, has the resident rate it, and waits for the case to close. */
async function closeWith(outcome: string, description: string) {
  const { id, trackingToken, link } = await acceptedCase(description);
  expect((await system.api.act(link, { action: 'resolve', outcome, note: EXPLANATION })).status).toBe(200);
  await system.api.waitForIssue(id, (issue) => issue.status === 'resolved', 'resolved');
  expect((await system.api.rate(id, trackingToken, { score: 4 })).status).toBe(200);
  await system.api.waitForIssue(id, (issue) => issue.status === 'closed', 'closed');
}

describe('outcomes (办理结果)', () => {
  it('records an explanation as the outcome, refusing it without one, and the resident reads it', async () => {
    // Prepare
    const { id, trackingToken, link } = await acceptedCase('楼里又停水了，什么时候来水？');
    const form = await system.api.request<string>('GET', new URL(link).pathname);

    // Act
    const bare = await system.api.act(link, { action: 'resolve', outcome: 'explained' });
    const unchanged = await system.api.issue(id);
    const explained = await system.api.act(link, {
      action: 'resolve',
      outcome: 'explained',
      note: EXPLANATION,
    });

    // Assess
    expect(form.body).toContain(
      '<select id="resolve-outcome" name="outcome"><option value="solved">已解决</option>',
    );
    expect(bare.status).toBe(422);
    expect(bare.body).toMatchObject({ errors: [{ path: 'note' }] });
    expect(unchanged.status).toBe('in_progress');
    expect(explained.status).toBe(200);
    const tracked = await system.api.request<TrackedView>('GET', `/issues/${id}`, {
      headers: { authorization: `Bearer ${trackingToken}` },
    });
    const anyone = (await system.api.request<TrackedView>('GET', `/issues/${id}`)).body;
    expect(tracked.body.resolution).toEqual({ outcome: 'explained', at: expect.any(String) });
    expect(tracked.body.timeline.at(-1)).toMatchObject({ type: 'resolved', note: EXPLANATION });
    expect(anyone).toMatchObject({ source: 'web', resolution: { outcome: 'explained' } });
    expect(JSON.stringify(anyone)).not.toMatch(/刘奶奶|13912345678|自来水公司/u);
    const message = await vi.waitFor(
      async () => {
        const found = (await system.api.outbox(`reporter:${id}`)).find((item) =>
          item.text.includes('办理结果'),
        );
        if (!found) throw new Error(`No rating message for ${id} yet`);
        return found;
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(message.text).toContain('办理结果：已解释说明（说明见链接）');
    expect((await system.api.rate(id, trackingToken, { score: 5 })).status).toBe(200);
    await system.api.waitForIssue(id, (issue) => issue.status === 'closed', 'closed');
  });

  it('answers figures by outcome and by source, and the solved-or-answered headline, through GET /stats', async () => {
    // Prepare: the first test's case closed as explained; one more not substantiated, one solved.
    await closeWith('unsubstantiated', '楼下有人占道经营');
    await closeWith('solved', '路灯不亮');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const range = `/stats?scope=grid&id=${GRID}&from=2026-01-01&to=${today}`;
    const get = async (path: string) => (await system.api.request<Record<string, unknown>>('GET', path)).body;

    // Act
    const byOutcome = () => get(`${range}&breakdown=outcome`);

    // Assess
    await expect.poll(byOutcome, COUNTED).toMatchObject({
      received: 3,
      closed: 3,
      solvedOrAnswered: 2,
      breakdown: {
        outcome: { explained: { closed: 1 }, unsubstantiated: { closed: 1 }, solved: { closed: 1 } },
      },
    });
    expect(await get(`${range}&breakdown=source`)).toMatchObject({
      breakdown: { source: { web: { received: 3, closed: 3, solvedOrAnswered: 2, rated: 3, satisfied: 3 } } },
    });
    expect(await system.api.stats('grid', GRID)).toMatchObject({ received: 3, solvedOrAnswered: 2 });
    const unknown = await system.api.request('GET', `${range}&breakdown=colour`);
    expect(unknown.status).toBe(422);
  });
});
