import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PERIOD_COUNTER_NAMES } from '#domain/stats.ts';
import { ApiClient } from '#test/support/api-client.ts';
import { type GridworkProcess, spawnGridwork } from '#test/support/gridwork-process.ts';
import { readStoredState } from '#test/support/recount.ts';

// `npm test` runs a small crash storm; `npm run test:stress` the full one.
const STRESS = process.env.STRESS === '1';
const LIFECYCLES = STRESS ? 200 : 12;
const KILLS = STRESS ? 20 : 3;
// 600x: water cases have 12 s to be accepted, urgent ones 3 s; the rating window (2 h) lasts 12 s.
const ENV = { TIME_SCALE: '600', RATING_WINDOW: 'PT2H', LOG_LEVEL: 'WARN' };

const ledger = {
  created: new Set<string>(),
  ok: new Map<string, number>(),
  tried: new Map<string, number>(),
};
const OUTCOMES = ['solved', 'explained', 'unsubstantiated', 'out_of_remit'] as const;
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

let dataDir = '';
let running: GridworkProcess | undefined;

afterAll(async () => {
  await running?.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Some cases go through a department on their way: one is transferred (转派), one co-handled (协办). */
type Route = 'plain' | 'transfer' | 'co_handle';
const routes = new Map<string, Route>();
/** Each case's place in the order of the reports. */
const reportIndex = new Map<string, number>();
const routeOf = (reported: number): Route =>
  reported === 1 ? 'transfer' : reported === 2 ? 'co_handle' : 'plain';
const CO_HANDLER = 'dep-power';

/** Who may hold a link of the case: its holder (a department's handler or supervisor) and its co-handler. */
function recipientsOf(holderId: string, route: Route): string[] {
  const holders = holderId.startsWith('dep-') ? [`${holderId}-h1`, `${holderId}-sup`] : [holderId];
  return route === 'co_handle' ? [...holders, `${CO_HANDLER}-h1`] : holders;
}

/** The action a person takes on a link offering `actions`, for a case on `route` that has been through `done`. */
function actionFor(actions: readonly string[], route: Route, done: readonly string[]): string | undefined {
  if (actions.includes('report')) return 'report';
  if (route === 'transfer' && actions.includes('transfer') && !done.includes('transferred'))
    return 'transfer';
  if (route === 'co_handle' && actions.includes('co_handle') && !done.includes('co_handling'))
    return 'co_handle';
  if (actions.includes('resolve')) return 'resolve';
  // Supervision tasks are left to climb: an accept there is refused and the link put aside.
  return actions.length > 0 ? 'accept' : undefined;
}

/** The timeline entry each action leaves, which the ledger counts. */
const EVENT_OF: Record<string, string> = {
  accept: 'accepted',
  resolve: 'resolved',
  transfer: 'transferred',
  co_handle: 'co_handling',
  report: 'co_reported',
};

function bodyOf(action: string, issueId: string): Record<string, unknown> {
  // Cases end in different outcomes, so the figures by outcome are part of what the recount checks. By the order
  // of the reports (not by the random ids), so every run has cases of each outcome.
  const outcome = OUTCOMES[(reportIndex.get(issueId) ?? 0) % OUTCOMES.length];
  if (action === 'resolve') return { action, outcome, note: '已核实并答复反映人' };
  if (action === 'transfer') return { action, departmentId: 'dep-water', note: '供水设施故障' };
  if (action === 'co_handle') return { action, departmentIds: [CO_HANDLER], note: '请供电部门配合' };
  if (action === 'report') return { action, note: '已配合处理' };
  return { action };
}

/** Drives one issue one step: whatever its state, take the next action a person would take. */
async function step(
  api: ApiClient,
  issueId: string,
  trackingToken: string,
  used: Set<string>,
): Promise<boolean> {
  const issue = await api.issue(issueId);
  if (issue.status === 'closed') return true;
  if (issue.status === 'resolved') {
    if (issue.rating && issue.timeline.at(-1)?.type === 'rated') return false;
    bump(ledger.tried, `${issueId}:rated`);
    const response = await api.rate(issueId, trackingToken, { score: 4 });
    if (response.status === 200) bump(ledger.ok, `${issueId}:rated`);
    return false;
  }
  if (!issue.assignee) return false;
  const route = routes.get(issueId) ?? 'plain';
  const done = issue.timeline.map((event) => event.type);
  for (const recipient of recipientsOf(issue.assignee.id, route)) {
    const items = await api.outbox(recipient);
    const links = items.flatMap((item) =>
      item.link?.includes(`/tasks/${issueId}.`) && !used.has(item.link) ? [item.link] : [],
    );
    for (const link of new Set(links)) {
      const view = await api.request<{ actions?: string[] }>('GET', new URL(link).pathname, {
        headers: { accept: 'application/json' },
      });
      if (view.status !== 200) {
        used.add(link);
        continue;
      }
      // A lead waiting for its co-handler is offered nothing yet; its link stays good for the resolution.
      const action = actionFor(view.body.actions ?? [], route, done);
      if (!action) continue;
      const key = `${issueId}:${EVENT_OF[action]}`;
      bump(ledger.tried, key);
      const response = await api.act(link, bodyOf(action, issueId));
      if (response.status === 200) bump(ledger.ok, key);
      if (response.status !== 503 && action !== 'co_handle') used.add(link);
      return false;
    }
  }
  return false;
}

describe('crash storm', () => {
  it(
    `keeps every accepted report and action through ${KILLS} SIGKILLs during ${LIFECYCLES} lifecycles`,
    async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'gridwork-crash-'));
      running = await spawnGridwork({ ...ENV, DATA_DIR: dataDir });
      let api = new ApiClient(running.url, running.outboxToken);
      const tokens = new Map<string, string>();
      const used = new Map<string, Set<string>>();
      let kills = 0;
      let stop = false;

      let reported = 0;
      // Residents and workers keep working; requests that hit a dead process simply fail and are tried again.
      const traffic = (async () => {
        while (!stop) {
          try {
            if (reported < LIFECYCLES) {
              const urgent = reported % 4 === 0;
              const response = await api.report({
                category: urgent ? 'safety_hazard' : 'water_supply',
                description: `压力测试 ${reported}`,
                location: { gridId: `g-${String((reported % 280) + 1).padStart(3, '0')}` },
                reporter: { phone: '13600000000' },
              });
              if (response.status === 201) {
                ledger.created.add(response.body.id);
                routes.set(response.body.id, routeOf(reported));
                reportIndex.set(response.body.id, reported);
                tokens.set(response.body.id, response.body.trackingToken);
                used.set(response.body.id, new Set());
                reported++;
              }
            }
            // Urgent cases are left alone to escalate; the rest are driven towards closure.
            const driven = [...tokens].filter((_, index) => index % 4 !== 0);
            const pick = driven[Math.floor(Math.random() * driven.length)];
            if (pick) await step(api, pick[0], pick[1], used.get(pick[0]) as Set<string>);
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      })();

      while (kills < KILLS) {
        await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 2500));
        await running.kill('SIGKILL');
        kills++;
        running = await spawnGridwork({ ...ENV, DATA_DIR: dataDir });
        api = new ApiClient(running.url, running.outboxToken);
      }
      // Every lifecycle starts during the storm or, on a slow machine, right after its last kill.
      await vi.waitFor(() => expect(reported).toBe(LIFECYCLES), {
        timeout: STRESS ? 600_000 : 60_000,
        interval: 100,
      });
      stop = true;
      await traffic;

      // Afterwards: drive every case to its end on the last instance.
      const deadline = Date.now() + (STRESS ? 600_000 : 90_000);
      let open = [...tokens.keys()];
      while (open.length > 0 && Date.now() < deadline) {
        const results = await Promise.all(
          open.map(async (id) => ({
            id,
            done: await step(api, id, tokens.get(id) as string, used.get(id) as Set<string>).catch(
              (error: unknown) => {
                // No request may fail once the storm is over; show what the server said about it.
                const errors = (running as GridworkProcess)
                  .output()
                  .split('\n')
                  .filter((line) => /error/i.test(line));
                throw new Error(`${String(error)}\n${errors.slice(-20).join('\n')}`);
              },
            ),
          })),
        );
        open = results.filter((result) => !result.done).map((result) => result.id);
        if (open.length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }

      expect(open).toEqual([]);
      expect(ledger.created.size).toBe(LIFECYCLES);
      expect(ledger.ok.size).toBeGreaterThan(LIFECYCLES);
      // The figures follow the cases through the change stream: wait until they have caught up, then compare.
      let state = await readStoredState(running.dynamodbEndpoint);
      await vi.waitFor(
        async () => {
          state = await readStoredState((running as GridworkProcess).dynamodbEndpoint);
          expect(Object.fromEntries(state.figures)).toEqual(Object.fromEntries(state.recount));
        },
        { timeout: 20_000, interval: 200 },
      );
      const stored = new Map(state.issues.map((issue) => [issue.id, issue]));
      for (const id of ledger.created) expect(stored.get(id)?.status).toBe('closed');
      for (const [key, ok] of ledger.ok) {
        const [id, type] = key.split(':') as [string, string];
        const events = stored.get(id)?.timeline.filter((event) => event.type === type).length ?? 0;
        // Every action answered 200 took effect once; one whose answer was lost to a crash at most once more.
        expect(events).toBeGreaterThanOrEqual(ok);
        expect(events).toBeLessThanOrEqual(ledger.tried.get(key) ?? 0);
      }
      for (const [id, route] of routes) {
        const types = stored.get(id)?.timeline.map((event) => event.type) ?? [];
        const expected = { plain: [], transfer: ['transferred'], co_handle: ['co_handling', 'co_reported'] }[
          route
        ];
        expect(types).toEqual(expect.arrayContaining(expected));
      }
      expect(state.figures.size).toBeGreaterThan(0);
      const outcomes = [...state.figures.values()].flatMap((figures) => Object.keys(figures));
      expect(outcomes).toEqual(expect.arrayContaining(['outcome:explained:closed', 'source:web:closed']));
      // A custom range of days answers the sum of the recounted day items in it.
      const grid = state.issues[0]?.gridId as string;
      const dayKeys = [...state.recount.keys()]
        .filter((key) => key.startsWith(`STATS#grid#${grid} DAY#`))
        .sort();
      const from = dayKeys[0]?.slice(-10) as string;
      const to = dayKeys.at(-1)?.slice(-10) as string;
      const expected: Record<string, number> = {};
      for (const key of dayKeys) {
        for (const name of PERIOD_COUNTER_NAMES) {
          expected[name] = (expected[name] ?? 0) + (state.recount.get(key)?.[name] ?? 0);
        }
      }
      const range = await api.request('GET', `/stats?scope=grid&id=${grid}&from=${from}&to=${to}`);
      expect(range.body).toMatchObject({ from, to, ...expected });
      expect(kills).toBe(KILLS);
    },
    STRESS ? 1_800_000 : 180_000,
  );

  it('loses no deferral or pause request to a SIGKILL between the request and its approval', async () => {
    // Prepare: two water cases accepted at their grids, one holder asking for more time, the other for a pause.
    const dir = await mkdtemp(join(tmpdir(), 'gridwork-crash-defer-'));
    let gridwork = await spawnGridwork({ ...ENV, DATA_DIR: dir });
    try {
      let api = new ApiClient(gridwork.url, gridwork.outboxToken);
      const accepted = async (gridId: string) => {
        const report = await api.report({
          category: 'water_supply',
          description: '延期压力测试',
          location: { gridId },
          reporter: { phone: '13600000000' },
        });
        const id = report.body.id;
        const offered = await api.waitForTaskLink(id);
        expect((await api.act(offered.link, { action: 'accept' })).status).toBe(200);
        const resolve = await api.waitForTaskLink(id, [offered.link]);
        return { id, used: [offered.link, resolve.link], link: resolve.link };
      };
      const deferring = await accepted('g-020');
      const pausing = await accepted('g-021');
      const { resolveDeadline } = await api.issue(deferring.id);
      const until = new Date(Date.parse(resolveDeadline ?? '') + 86_400_000).toISOString();
      const pauseUntil = new Date(Date.parse(resolveDeadline ?? '') + 10 * 86_400_000).toISOString();
      expect((await api.act(deferring.link, { action: 'defer', note: '等待配件', until })).status).toBe(200);
      const pause = { action: 'pause', note: '管网改造', until: pauseUntil };
      expect((await api.act(pausing.link, pause)).status).toBe(200);

      // Act: the process dies before anyone answers; the approvers answer the new one.
      await gridwork.kill('SIGKILL');
      gridwork = await spawnGridwork({ ...ENV, DATA_DIR: dir });
      api = new ApiClient(gridwork.url, gridwork.outboxToken);
      const grids = await api.request<{ items: { id: string; communityId: string; streetId: string }[] }>(
        'GET',
        '/grids?limit=100',
      );
      const unitsOf = (gridId: string) => grids.body.items.find((grid) => grid.id === gridId);
      const approvalFor = async (to: string, id: string) =>
        (await api.outbox(to)).find((item) => item.link?.includes(`/tasks/${id}.`))?.link ?? '';
      const deferApproval = await approvalFor(`sup-${unitsOf('g-020')?.communityId}`, deferring.id);
      const pauseApproval = await approvalFor(`sup-${unitsOf('g-021')?.streetId}`, pausing.id);
      expect((await api.act(deferApproval, { action: 'approve' })).status).toBe(200);
      expect((await api.act(pauseApproval, { action: 'approve' })).status).toBe(200);

      // Assess: the deadline moved once, the pause holds, and each holder got a fresh link from the workflow.
      const deferred = await api.waitForIssue(
        deferring.id,
        (issue) => issue.resolveDeadline === until,
        'deferred',
      );
      expect(deferred.timeline.filter((event) => event.type === 'deferred')).toHaveLength(1);
      const next = await api.waitForTaskLink(deferring.id, deferring.used);
      expect((await api.act(next.link, { action: 'resolve' })).status).toBe(200);
      const paused = await api.waitForTaskLink(pausing.id, pausing.used);
      expect((await api.issue(pausing.id)).timeline.filter((event) => event.type === 'paused')).toHaveLength(
        1,
      );
      expect((await api.act(paused.link, { action: 'resume' })).status).toBe(200);
      await api.waitForIssue(pausing.id, (issue) => issue.timeline.at(-1)?.type === 'resumed', 'resumed');
    } finally {
      await gridwork.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
