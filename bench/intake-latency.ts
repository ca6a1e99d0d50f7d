// Intake latency: POST /issues through the local runtime against the floor measured in the same run, one raw
// PutItem of an issue-sized item to the same dynalite server, at each concurrency level. Floor and intake
// alternate in rounds so that a noisy neighbour on the shared machine hits both alike.
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { stepFunctionsClient } from '#adapters/step-functions/workflow-engine.ts';
import { ApiClient } from '#test/support/api-client.ts';
import { issueSizedItem, rawPutLatencies } from './floor.ts';
import { type HopProbe, hopProbe, type IntakeHops } from './intake-hops.ts';
import type { Sizes } from './modes.ts';
import { benchTemplate, countingCaughtUp, functionNamesOf, startBenchRuntime } from './runtime.ts';
import { type Percentiles, percentiles, round, timedPool } from './stats.ts';

const ROUNDS = 4;

export interface IntakeLevel {
  concurrency: number;
  floor: Percentiles;
  intake: Percentiles;
  ratio: { p50: number; p95: number; p99: number };
}

export interface IntakeResult {
  levels: IntakeLevel[];
  /** Every sample, for the plots (ms). */
  samples: Record<string, { floor: number[]; intake: number[] }>;
  /** Where a request's time goes, one request at a time (medians). */
  hops?: IntakeHops;
}

const report = (index: number) => ({
  category: 'public_facilities',
  description: '小区东门路灯不亮，晚上行人看不清台阶',
  location: { gridId: `g-${String((index % 288) + 1).padStart(3, '0')}` },
  reporter: { phone: '13700001111' },
});

export async function intakeLatency(sizes: Sizes, dataDir: string): Promise<IntakeResult> {
  // Real time: no deadline passes during the run, so only intake and the first offer run in the background.
  const names = functionNamesOf(await benchTemplate());
  let probe: HopProbe | undefined;
  const system = await startBenchRuntime({
    dataDir,
    timeScale: 1,
    instrumentation: {
      onInvoke: (record) => probe?.onInvoke(record, names.get(record.logicalId) ?? record.logicalId),
    },
  });
  try {
    const api = new ApiClient(system.url, system.outboxToken);
    let sent = 0;
    const post = async () => {
      const { status } = await api.report(report(sent++));
      if (status !== 201) throw new Error(`POST /issues answered ${status}`);
    };
    const first = await api.report(report(0));
    await timedPool(20, 4, post);
    const item = await issueSizedItem(system, first.body.id);
    await rawPutLatencies(system, item, 20, 4);

    const levels: IntakeLevel[] = [];
    const samples: IntakeResult['samples'] = {};
    for (const concurrency of sizes.intakeConcurrency) {
      const floor: number[] = [];
      const intake: number[] = [];
      const perRound = Math.max(concurrency, Math.ceil(sizes.intakeSamples / ROUNDS));
      for (let round = 0; round < ROUNDS; round++) {
        floor.push(...(await rawPutLatencies(system, item, perRound, concurrency)));
        intake.push(...(await timedPool(perRound, concurrency, post)));
      }
      const f = percentiles(floor);
      const i = percentiles(intake);
      levels.push({
        concurrency,
        floor: mapValues(f, round),
        intake: mapValues(i, round),
        ratio: { p50: round(i.p50 / f.p50), p95: round(i.p95 / f.p95), p99: round(i.p99 / f.p99) },
      });
      samples[`c${concurrency}`] = { floor: floor.map((v) => round(v)), intake: intake.map((v) => round(v)) };
    }
    await countingCaughtUp(system);
    const intake = [...names].find(([, name]) => name === 'create-issue')?.[0] ?? 'create-issue';
    probe = hopProbe(documentClient(), stepFunctionsClient(), intake);
    const hops = await probe.measure(api, Math.min(100, sizes.intakeSamples), report);
    return { levels, samples, hops };
  } finally {
    await system.close();
  }
}

function mapValues(p: Percentiles, fn: (value: number) => number): Percentiles {
  return { p50: fn(p.p50), p95: fn(p.p95), p99: fn(p.p99), n: p.n };
}
