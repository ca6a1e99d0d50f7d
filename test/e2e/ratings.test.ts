// Ratings as districts do them, over HTTP on the local engine: appeals (申诉复核) upheld and rejected, the one
// re-invitation to rate (邀评), and the CSV export of the figures.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, COUNTED, type IssueView } from '#test/support/api-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { signIn } from '#test/support/sign-in.ts';

// 600x: the rating window (2 h) lasts 12 s and the re-invitation (after 1 h) comes at 6 s; acceptance deadlines
// are hours of working time, longer than any scenario here.
const TIME = { TIME_SCALE: '600', RATING_WINDOW: 'PT2H', RATING_REINVITE_AFTER: 'PT1H' };
const WAIT = { timeout: 15_000, interval: 25 } as const;

let system: TestGridwork;
let api: ApiClient;

beforeAll(async () => {
  system = await startTestGridwork(TIME);
  api = system.api;
});

afterAll(async () => {
  await system?.stop();
});

/** The street a grid belongs to (the demo registry names each unit's supervisor `sup-<unit>`). */
async function streetOf(gridId: string): Promise<string> {
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await api.request<{ items: { id: string; streetId: string }[]; next: string | null }>(
      'GET',
      `/grids?limit=100${query}`,
    );
    const grid = page.body.items.find((candidate) => candidate.id === gridId);
    if (grid) return grid.streetId;
    cursor = page.body.next;
  } while (cursor);
  throw new Error(`No grid ${gridId}`);
}

/** Reports at `gridId`, has the grid accept and resolve it, and returns the case with the links used. */
async function resolvedAt(gridId: string) {
  const receipt = await api.report({
    category: 'sanitation',
    description: `网格 ${gridId} 楼道堆放杂物`,
    location: { gridId },
    reporter: { name: '居民', phone: '13900002222' },
  });
  const { id, trackingToken } = receipt.body;
  const accept = await api.waitForTaskLink(id);
  await api.act(accept.link, { action: 'accept' });
  const resolve = await api.waitForTaskLink(id, [accept.link]);
  await api.act(resolve.link, { action: 'resolve', note: '已清理' });
  await api.waitForIssue(id, (issue) => issue.status === 'resolved', 'resolved');
  return { id, trackingToken, used: [accept.link, resolve.link] };
}

/** A case rated `score` (bad), reopened, with the community's rework link. */
async function reopenedAt(gridId: string, score: number) {
  const { id, trackingToken, used } = await resolvedAt(gridId);
  expect((await api.rate(id, trackingToken, { score })).status).toBe(200);
  const rework = await api.waitForTaskLink(id, used);
  return { id, rework: rework.link };
}

async function approvalLinkFor(to: string, issueId: string): Promise<string> {
  return vi.waitFor(async () => {
    const item = (await api.outbox(to)).findLast((candidate) =>
      candidate.link?.includes(`/tasks/${issueId}.`),
    );
    if (!item?.link) throw new Error(`No approval link for ${issueId} to ${to} yet`);
    return item.link;
  }, WAIT);
}

const types = (issue: IssueView) => issue.timeline.map((event) => event.type);

describe('an appeal against a bad rating (申诉复核)', () => {
  it('upheld before the rework starts: the case closes, the figures leave the rating out, the resident is told', async () => {
    // Prepare
    const gridId = 'g-201';
    const { id, rework } = await reopenedAt(gridId, 1);
    const approver = `sup-${await streetOf(gridId)}`;

    // Act
    const noReason = await api.act(rework, { action: 'appeal' });
    const afterNoReason = await api.issue(id);
    const appealed = await api.act(rework, { action: 'appeal', note: '属物业职责，已转告物业' });
    const upheld = await api.act(await approvalLinkFor(approver, id), {
      action: 'approve',
      note: '申诉成立',
    });

    // Assess
    expect([noReason.status, noReason.contentType]).toEqual([422, 'application/problem+json']);
    expect(noReason.body).toMatchObject({ errors: [{ path: 'note' }] });
    expect(types(afterNoReason)).not.toContain('appealed');
    expect([appealed.status, upheld.status]).toEqual([200, 200]);
    const closed = await api.waitForIssue(id, (issue) => issue.status === 'closed', 'closed');
    expect(types(closed).slice(-3)).toEqual(['appealed', 'appeal_upheld', 'closed']);
    expect(closed.rating).toMatchObject({ score: 1 });
    const told = await vi.waitFor(async () => {
      const item = (await api.outbox(`reporter:${id}`)).find((message) => message.subject === '评价复核结果');
      if (!item) throw new Error('The resident was not told yet');
      return item;
    }, WAIT);
    expect(told.text).toContain('不计入满意率');
    await vi.waitFor(async () => {
      expect(await api.stats('grid', gridId)).toMatchObject({
        received: 1,
        closed: 1,
        rated: 0,
        satisfied: 0,
      });
    }, COUNTED);
  });

  it('rejected: the rework goes on, the worker is told, and a second appeal is refused', async () => {
    // Prepare
    const gridId = 'g-202';
    const { id, rework } = await reopenedAt(gridId, 2);
    const approver = `sup-${await streetOf(gridId)}`;
    await api.act(rework, { action: 'appeal', note: '居民诉求超出职责范围' });

    // Act
    const rejected = await api.act(await approvalLinkFor(approver, id), {
      action: 'refuse',
      note: '应予整改',
    });
    const again = await api.act(rework, { action: 'appeal', note: '再次申诉' });

    // Assess
    expect([rejected.status, again.status]).toEqual([200, 409]);
    const issue = await api.issue(id);
    expect(issue.status).toBe('assigned');
    expect(types(issue).slice(-2)).toEqual(['appealed', 'appeal_rejected']);
    const worker = issue.assignee?.id ?? '';
    expect((await api.outbox(worker)).map((message) => message.subject)).toContain('申诉未获支持');
    await vi.waitFor(async () => {
      expect(await api.stats('grid', gridId)).toMatchObject({ rated: 1, satisfied: 0, reworked: 1 });
    }, COUNTED);
  });
});

describe('the re-invitation to rate (邀评)', () => {
  it('comes once while the case waits unrated, and the case closes unrated at the end of the window', async () => {
    // Prepare
    const { id } = await resolvedAt('g-203');

    // Act
    const closed = await api.waitForIssue(id, (issue) => issue.status === 'closed', 'closed unrated', 30_000);

    // Assess
    expect(closed.outcome).toBe('unrated');
    const subjects = (await api.outbox(`reporter:${id}`)).map((message) => message.subject);
    expect(subjects.filter((subject) => subject === '再次邀请您评价')).toHaveLength(1);
    expect(subjects.filter((subject) => subject === '您反映的问题已办结，请评价')).toHaveLength(1);
    expect(types(closed).filter((type) => type === 'reinvited')).toHaveLength(1);
  });
});

describe('the CSV export of the figures', () => {
  it('needs the supervisor’s token, and gives Excel-ready CSV whose numbers are those of GET /stats', async () => {
    // Prepare
    const streetId = await streetOf('g-201');
    const path = `/dashboard/api/export.csv?scope=street&id=${streetId}`;
    const token = await signIn(api, 'sup-d');

    // Act
    const anonymous = await api.request('GET', path);
    const [exported, stats] = await vi.waitFor(async () => {
      const csv = await fetch(new URL(path, system.gridwork.url), {
        headers: { authorization: `Bearer ${token}` },
      });
      // The bytes, not text(): a decoder drops the byte order mark this test is about.
      const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
      const figures = await api.stats('street', streetId);
      const row = (parse(body.slice(1), { columns: true }) as Record<string, string>[])[0];
      // The figures follow the cases through the change stream: read both until they agree and count our cases.
      const agree =
        row &&
        Number(row.受理) === figures.received &&
        Number(row.办结) === figures.closed &&
        Number(row.评价) === figures.rated &&
        Number(row.满意) === figures.satisfied;
      if (!agree) {
        throw new Error('The export and GET /stats read different moments');
      }
      return [{ status: csv.status, headers: csv.headers, body }, figures] as const;
    }, COUNTED);

    // Assess
    expect(anonymous.status).toBe(401);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toBe(
      `attachment; filename="figures-street-${streetId}-total.csv"`,
    );
    expect(
      exported.body.startsWith(
        '\uFEFF层级,单位编号,单位名称,排名,受理,办结,按期办结,超期,返工,评价,满意,延期,',
      ),
    ).toBe(true);
    const [street, ...communities] = parse(exported.body.slice(1), { columns: true }) as Record<
      string,
      string
    >[];
    expect(street).toMatchObject({
      层级: 'street',
      单位编号: streetId,
      排名: '',
      受理: String(stats.received),
      办结: String(stats.closed),
      评价: String(stats.rated),
      满意: String(stats.satisfied),
      满意率: stats.satisfactionRate === null ? '' : String(stats.satisfactionRate),
    });
    expect(communities.map((row) => row.排名)).toEqual(communities.map((_, index) => String(index + 1)));
  });
});
