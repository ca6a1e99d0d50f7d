// Local engine capacity: many workflows waiting at once (each at its first callback task), the runtime's
// memory with them, and the time a restart takes until every one of them has resumed and is waiting again
// (the resumed OfferTask has run: new token stored, link re-sent).
import { ApiClient } from '#test/support/api-client.ts';
import { Meter } from './metering.ts';
import type { Sizes } from './modes.ts';
import { benchTemplate, functionNamesOf, startBenchRuntime } from './runtime.ts';
import { round, timedPool } from './stats.ts';

export interface EngineResult {
  workflows: number;
  rssMbIdle: number;
  rssMbWaiting: number;
  rssMbAfterResume: number;
  kbPerWaitingWorkflow: number;
  /** Until the runtime's start returned (executions resumed, routes open). */
  restartToReadySeconds: number;
  /** Until every resumed workflow's OfferTask ran again. */
  restartToAllWaitingSeconds: number;
  resumed: number;
  /**
   * The same process after synthesizing the CDK app in-process, as `npm start` does at every start: the
   * figures above use a template synthesized once by the parent, so aws-cdk-lib is not in them.
   */
  rssMbWithInProcessSynth: number;
  synthSeconds: number;
}

function rssMb(): number {
  // A full collection first, so the figure is what the workflows hold, not garbage not yet collected.
  (globalThis as { gc?: () => void }).gc?.();
  return round(process.memoryUsage().rss / 1024 / 1024, 1);
}

function offersCounter(meter: Meter): { count: () => number; reached: (n: number) => Promise<void> } {
  let count = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  meter.invokeListeners.push((name, record) => {
    if (name !== 'offer-task' || record.failed) return;
    count += 1;
    for (const waiter of waiters.filter((w) => count >= w.n)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  return {
    count: () => count,
    reached: (n) => (count >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
  };
}

export async function engineCapacity(sizes: Sizes, dataDir: string): Promise<EngineResult> {
  const names = functionNamesOf(await benchTemplate());
  const n = sizes.waitingWorkflows;

  const first = new Meter(names);
  const firstOffers = offersCounter(first);
  let system = await startBenchRuntime({ dataDir, timeScale: 1, instrumentation: first.instrumentation });
  const api = new ApiClient(system.url);
  const report = (i: number) =>
    api.report({
      category: 'other',
      description: '小区东门路灯不亮，晚上行人看不清台阶',
      location: { gridId: `g-${String((i % 288) + 1).padStart(3, '0')}` },
    });
  await report(0);
  await firstOffers.reached(1);
  const rssMbIdle = rssMb();
  await timedPool(n - 1, 32, async (i) => {
    const { status } = await report(i + 1);
    if (status !== 201) throw new Error(`POST /issues answered ${status}`);
  });
  await firstOffers.reached(n);
  const rssMbWaiting = rssMb();
  await system.close();

  const second = new Meter(names);
  const resumedOffers = offersCounter(second);
  const restartedAt = performance.now();
  system = await startBenchRuntime({ dataDir, timeScale: 1, instrumentation: second.instrumentation });
  const restartToReadySeconds = round((performance.now() - restartedAt) / 1000);
  const resumed = system.runtime.resumed;
  await resumedOffers.reached(resumed);
  const restartToAllWaitingSeconds = round((performance.now() - restartedAt) / 1000);
  const rssMbAfterResume = rssMb();
  await system.close();
  const synthStarted = performance.now();
  const { synthesizeTemplate } = await import('#infra/synth.ts');
  synthesizeTemplate();
  const synthSeconds = round((performance.now() - synthStarted) / 1000);
  const rssMbWithInProcessSynth = rssMb();
  return {
    workflows: n,
    rssMbIdle,
    rssMbWaiting,
    rssMbAfterResume,
    kbPerWaitingWorkflow: round(((rssMbWaiting - rssMbIdle) * 1024) / n, 1),
    restartToReadySeconds,
    restartToAllWaitingSeconds,
    resumed,
    rssMbWithInProcessSynth,
    synthSeconds,
  };
}
