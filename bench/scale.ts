// Scale: preloads issues spread over the 288 grids (and their counters), then measures the p50 of GET /stats
// for each scope, of a street's figures for a month, and of listing a grid's open issues. Reads that stay flat as the table grows use keys, not
// scans; the figure is the ratio of the largest preload to the smallest.
//
// As in a real district, the history grows and the open work does not: a few measured grids hold the same
// open cases at every size (so each listing returns as many cases), every other preloaded case is closed.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseIndex } from '#adapters/dynamodb/case-index.ts';
import { caseKeys } from '#adapters/dynamodb/keys.ts';
import { DynamoOpenCaseIndex } from '#adapters/dynamodb/open-case-index.ts';
import { changeOf } from '#domain/daily-stats.ts';
import { LEVELS_TOP_DOWN, type Level, UNIT_LEVELS, type UnitLevel } from '#domain/hierarchy.ts';
import { type Counters, contributionOf, type StatScope, scopesOf, zeroCounters } from '#domain/stats.ts';
import { demoDistrict } from '#local/seed/demo-district.ts';
import type { Registry } from '#ports';
import { listCases } from '#use-cases/case-list.ts';
import type { Sizes } from './modes.ts';
import { type BenchRuntime, casesTable, startBenchRuntime } from './runtime.ts';
import { median, pool, round } from './stats.ts';
import { issueItem, syntheticIssue } from './synthetic-issues.ts';

const BATCH = 25;
/** Grids whose open cases are listed; each holds the same open cases at every preload size. */
const MEASURED_GRIDS = 4;
const OPEN_PER_MEASURED_GRID = 50;

export interface ScaleStep {
  issues: number;
  preloadSeconds: number;
  /** Per published scope: a person's own figures answer 403 (they are for supervisors, not publication). */
  statsP50Ms: Record<Level, number>;
  /** GET /stats for a street and a month (its day items summed). */
  monthP50Ms: number;
  openListP50Ms: number;
  /** The workbench's first page of the district's cases (a merge of its streets' casesByStreet partitions); absent in older results. */
  caseListP50Ms?: number;
}

export interface ScaleResult {
  steps: ScaleStep[];
  /** Largest preload's p50 over the smallest's, per read. */
  ratios: Record<string, number>;
}

async function writeAll(system: BenchRuntime, items: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  await pool(batches, 8, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const { UnprocessedItems } = await system.observer.send(
        new BatchWriteCommand({ RequestItems: { [casesTable()]: pending } }),
      );
      pending = (UnprocessedItems?.[casesTable()] ?? []) as typeof pending;
    }
  });
}

async function timed(samples: number, read: (index: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const startedAt = performance.now();
    await read(i);
    times.push(performance.now() - startedAt);
  }
  return round(median(times));
}

export async function scale(sizes: Sizes, dataDir: string): Promise<ScaleResult> {
  // The preload writes the counters itself: the stream would count every preloaded case a second time.
  const system = await startBenchRuntime({ dataDir, timeScale: 1, streams: false });
  try {
    const { grids, units } = demoDistrict();
    const idsByScope: Record<StatScope, string[]> = {
      ...(Object.fromEntries(
        UNIT_LEVELS.map((level) => [
          level,
          units.filter((unit) => unit.level === level).map((unit) => unit.id),
        ]),
      ) as Record<UnitLevel, string[]>),
      grid: grids.map((grid) => grid.id),
      worker: grids.flatMap((grid) => grid.workers.map((worker) => worker.id)),
      department: [],
    };
    const measured = grids.slice(0, MEASURED_GRIDS);
    // Half the smallest preload at most, so that tiny (smoke) sizes still have history.
    const openPerGrid = Math.min(
      OPEN_PER_MEASURED_GRID,
      Math.floor((sizes.scaleSteps[0] ?? 0) / (2 * MEASURED_GRIDS)),
    );
    const openIndex = new DynamoOpenCaseIndex(casesTable());
    const listDeps = {
      caseIndex: new DynamoCaseIndex(casesTable()),
      registry: { allGrids: async () => grids } as unknown as Registry,
    };
    const counters = new Map<string, Counters>();
    // Day items of the streets only: a month's read touches one street's partition, whatever the others hold.
    const streetDays = new Map<string, Record<string, number>>();
    const steps: ScaleStep[] = [];
    let written = 0;
    for (const target of sizes.scaleSteps) {
      const startedAt = performance.now();
      const chunk = 5_000;
      while (written < target) {
        const items: Record<string, unknown>[] = [];
        for (let i = written; i < Math.min(target, written + chunk); i++) {
          const open = i < openPerGrid * MEASURED_GRIDS;
          const grid = (
            open ? measured[i % MEASURED_GRIDS] : grids[i % grids.length]
          ) as (typeof grids)[number];
          const issue = syntheticIssue(i, grid, open);
          items.push(issueItem(issue));
          const contribution = contributionOf(issue);
          for (const scope of scopesOf(issue)) {
            const total = counters.get(scope) ?? zeroCounters();
            for (const [name, value] of Object.entries(contribution)) total[name as keyof Counters] += value;
            counters.set(scope, total);
          }
          for (const [scope, days] of Object.entries(changeOf(undefined, issue).daily)) {
            if (!scope.startsWith('street#')) continue;
            for (const [day, figures] of Object.entries(days)) {
              const key = `${scope}\n${day}`;
              const sums = streetDays.get(key) ?? {};
              for (const [name, value] of Object.entries(figures)) sums[name] = (sums[name] ?? 0) + value;
              streetDays.set(key, sums);
            }
          }
        }
        await writeAll(system, items);
        written += items.length;
      }
      await writeAll(
        system,
        [...counters].map(([scope, values]) => ({ ...caseKeys.stats(scope), ...values })),
      );
      await writeAll(
        system,
        [...streetDays].map(([key, figures]) => {
          const [scope, day] = key.split('\n') as [string, string];
          return { ...caseKeys.day(scope, day), ...figures };
        }),
      );
      const preloadSeconds = round((performance.now() - startedAt) / 1000);

      const statsP50Ms = {} as Record<Level, number>;
      for (const scope of LEVELS_TOP_DOWN) {
        const ids = idsByScope[scope];
        statsP50Ms[scope] = await timed(sizes.scaleSamples, async (i) => {
          const response = await fetch(`${system.url}/stats?scope=${scope}&id=${ids[(i * 7) % ids.length]}`);
          if (response.status !== 200) throw new Error(`GET /stats answered ${response.status}`);
          await response.arrayBuffer();
        });
      }
      // The synthetic history starts on 2026-01-01: January is full at every size past a month of cases.
      const streets = idsByScope.street;
      const monthP50Ms = await timed(sizes.scaleSamples, async (i) => {
        const street = streets[(i * 7) % streets.length];
        const response = await fetch(
          `${system.url}/stats?scope=street&id=${street}&period=month&date=2026-01-15`,
        );
        if (response.status !== 200) throw new Error(`GET /stats for a month answered ${response.status}`);
        await response.arrayBuffer();
      });
      // The dashboard's read: the grid's open cases from the index, then the cases in one batch read.
      const openListP50Ms = await timed(sizes.scaleSamples, async (i) => {
        const gridId = (measured[i % MEASURED_GRIDS] as (typeof grids)[number]).id;
        const cases = await openIndex.openCases(gridId);
        if (cases.length !== openPerGrid) throw new Error(`${gridId} listed ${cases.length} open cases`);
      });
      // The workbench's list: the whole district, newest first, one page.
      const district = {
        scope: 'district',
        id: (units.find((u) => u.level === 'district') ?? units[0])?.id ?? '',
      } as const;
      const caseListP50Ms = await timed(sizes.scaleSamples, async () => {
        const page = await listCases(listDeps, district, { filter: {}, limit: 25 });
        if (page.cases.length !== Math.min(25, target))
          throw new Error(`the list gave ${page.cases.length} cases`);
      });
      steps.push({ issues: target, preloadSeconds, statsP50Ms, monthP50Ms, openListP50Ms, caseListP50Ms });
    }
    const first = steps[0] as ScaleStep;
    const last = steps.at(-1) as ScaleStep;
    const ratios: Record<string, number> = {
      openList: round(last.openListP50Ms / first.openListP50Ms),
      monthOfStreet: round(last.monthP50Ms / first.monthP50Ms),
      caseList: round((last.caseListP50Ms ?? 0) / (first.caseListP50Ms ?? 1)),
    };
    for (const scope of LEVELS_TOP_DOWN) {
      ratios[`stats:${scope}`] = round(last.statsP50Ms[scope] / first.statsP50Ms[scope]);
    }
    return { steps, ratios };
  } finally {
    await system.close();
  }
}
