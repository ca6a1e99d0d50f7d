import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coldStart } from '../../bench/cold-start.ts';
import { lifecycleCost } from '../../bench/lifecycle-cost.ts';
import { SIZES } from '../../bench/modes.ts';
import { plots, resultsTable } from '../../bench/report.ts';

// The benchmarks' cheapest parts at tiny sizes: they still run and still count. No timing is asserted;
// `npm run bench` is where figures come from.
describe('benchmarks (smoke)', () => {
  it('counts a happy-path lifecycle exactly and prices it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gridwork-bench-smoke-'));
    try {
      const lifecycle = await lifecycleCost(
        { ...SIZES.smoke, lifecycleIssues: 3, escalateShare: 0 },
        dataDir,
      );
      expect(lifecycle.happy.perIssue.apiRequests).toBe(4);
      expect(lifecycle.happy.perIssue.transitions).toBeGreaterThan(0);
      expect(lifecycle.happy.perIssue.writeUnits).toBeGreaterThan(0);
      expect(lifecycle.costPer1000.map((cost) => cost.region)).toEqual(['us-east-1', 'cn-northwest-1']);
      const table = resultsTable({
        meta: { mode: 'smoke', command: 'test', commit: 'test', date: '', node: '', cpus: 1 },
        lifecycle,
      });
      expect(table).toContain('State transitions per issue');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    // A synthesis, a start and five lifecycles: 108 s measured on two cores shared with other work (load 22).
  }, 180_000);

  it('builds a production bundle and times its initialisation', async () => {
    const result = await coldStart(SIZES.smoke);
    expect(result.functions).toHaveLength(1);
    expect(result.functions[0]?.kb).toBeGreaterThan(result.minimal.kb);
    // The first function is a workflow step, which reads the categories at init: it must start, not be skipped.
    expect(result.functions[0]?.initMs).toBeGreaterThan(0);
    expect(result.functions[0]?.runtimeSdk.kb).toBeLessThan(result.functions[0]?.kb ?? 0);
    const svg = plots({
      meta: { mode: 'smoke', command: 'test', commit: 'test', date: '', node: '', cpus: 1 },
      scale: {
        steps: [
          {
            issues: 10,
            preloadSeconds: 0,
            statsP50Ms: { district: 1, street: 1, community: 1, grid: 1 },
            monthP50Ms: 1,
            openListP50Ms: 1,
          },
          {
            issues: 100,
            preloadSeconds: 0,
            statsP50Ms: { district: 1, street: 1, community: 1, grid: 1 },
            monthP50Ms: 1,
            openListP50Ms: 1,
          },
        ],
        ratios: {},
      },
    });
    expect(svg['scale.svg']).toMatch(/^<svg/);
  }, 60_000);
});
