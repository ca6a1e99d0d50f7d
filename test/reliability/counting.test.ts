import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rebuildStats } from '#adapters/dynamodb/stats-rebuild.ts';
import { DynamoStatsStore } from '#adapters/dynamodb/stats-store.ts';
import type { PositionedChange } from '#ports';
import { COUNTED } from '#test/support/api-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { readStoredState } from '#test/support/recount.ts';

let system: TestGridwork;

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '60' });
});

afterAll(async () => {
  await system?.stop();
});

/** `n` changes of one shard, each receiving one case into `scope` on one day. */
function changes(scope: string, from: number, to: number): PositionedChange[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    position: String(from + i).padStart(40, '0'),
    at: new Date(Date.UTC(2026, 10, 30, 0, 0, from + i)).toISOString(),
    change: {
      totals: { [scope]: { received: 1, open: 1 } },
      daily: { [scope]: { '2026-11-30': { received: 1, 'category:water_supply:received': 1 } } },
    },
  }));
}

describe('counting on dynalite', () => {
  it('adds a redelivered batch once, whole, bisected or overlapping the next', async () => {
    // Prepare
    const stats = new DynamoStatsStore(String(process.env.CASES_TABLE));
    const scope = 'grid#redelivered';
    const batch = changes(scope, 1, 10);

    // Act
    await stats.applyChanges('shard-a', batch);
    await stats.applyChanges('shard-a', batch);
    await stats.applyChanges('shard-a', batch.slice(0, 5));
    await stats.applyChanges('shard-a', batch.slice(5));
    await stats.applyChanges('shard-a', changes(scope, 6, 15));
    // Another shard's changes are its own: they add up beside the first shard's.
    await stats.applyChanges('shard-b', changes(scope, 1, 2));

    // Assess
    expect((await stats.read([scope])).get(scope)).toMatchObject({ received: 17, open: 17 });
    expect(await stats.readDaily(scope, '2026-11-01', '2026-11-30')).toEqual(
      new Map([['2026-11-30', { received: 17, 'category:water_supply:received': 17 }]]),
    );
  });

  it('answers a custom range and a month equal to a recount of the cases reported in it', async () => {
    // Prepare
    await Promise.all(
      ['water_supply', 'water_supply', 'public_facilities'].map((category) =>
        system.api.report({
          category,
          description: '楼道水管漏水，已持续两天',
          location: { gridId: 'g-120' },
          reporter: { phone: '13700001111' },
        }),
      ),
    );
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

    // Act
    const range = async () =>
      (
        await system.api.request<Record<string, unknown>>(
          'GET',
          `/stats?scope=grid&id=g-120&from=2026-01-01&to=${today}&breakdown=category`,
        )
      ).body;

    // Assess
    await expect.poll(range, COUNTED).toMatchObject({
      scope: 'grid',
      id: 'g-120',
      from: '2026-01-01',
      to: today,
      received: 3,
      closed: 0,
      breakdown: { category: { water_supply: { received: 2 }, public_facilities: { received: 1 } } },
      asOf: expect.any(String),
    });
    const month = await system.api.request('GET', `/stats?scope=grid&id=g-120&period=month&date=${today}`);
    expect(month.body).toMatchObject({ from: `${today.slice(0, 8)}01`, received: 3 });
    const bad = await system.api.request('GET', '/stats?scope=grid&id=g-120&from=2026-01-01');
    expect(bad.status).toBe(422);
  });

  it('leaves figures that equal the recount unchanged when rebuilt from the stored cases', async () => {
    // Prepare
    const endpoint = system.gridwork.runtime.dynamodbEndpoint;
    await system.api.report({
      category: 'public_facilities',
      description: '小区路灯坏了一个月',
      location: { gridId: 'g-121' },
      reporter: { phone: '13700001111' },
    });
    // The first test's own scope was written by hand, not by cases: only scopes of stored cases are compared.
    const ofCases = (figures: Map<string, Record<string, number>>) =>
      Object.fromEntries([...figures].filter(([key]) => !key.includes('redelivered')));
    await vi.waitFor(async () => {
      const state = await readStoredState(endpoint);
      expect(ofCases(state.figures)).toEqual(ofCases(state.recount));
    }, COUNTED);
    const before = await readStoredState(endpoint);

    // Act
    await rebuildStats(String(process.env.CASES_TABLE));

    // Assess
    const after = await readStoredState(endpoint);
    expect(ofCases(after.figures)).toEqual(ofCases(before.figures));
    expect(after.figures.has('STATS#grid#redelivered STATS')).toBe(false);
  });
});
