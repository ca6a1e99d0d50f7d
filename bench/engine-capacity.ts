// Local engine capacity: many workflows waiting at once (each at its first callback task), the runtime's
// memory with them, and the time a restart takes until every one of them waits again (parked on its stored
// token, its link working): after a clean stop, and after a crash, when each wait's OfferTask is also called once
// more in the background (the check for a decision a kill kept from the engine). Last, `npm start` itself is started on the same data, to
// measure the process a newcomer runs rather than the benchmark's own.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '#infra/paths.ts';
import { ApiClient } from '#test/support/api-client.ts';
import { waitForOutput } from '#test/support/process-output.ts';
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
  /** After a clean stop, until every resumed workflow waits again for its task's token. */
  restartToAllWaitingSeconds: number;
  /**
   * After a crash: until every wait is parked and its OfferTask was called once more (the background check, which
   * holds each wait in a run of its task while it checks, so the two end together); both from the start.
   */
  crashRestartToAllWaitingSeconds: number;
  crashRestartToCheckedSeconds: number;
  /** The benchmark's process once those checks ran (after a forced collection). */
  rssMbAfterChecks: number;
  resumed: number;
  /**
   * `npm start` (its entry point in a process of its own, which has a short-lived child synthesize the CDK app)
   * restarted on the same data: its RSS once the resumed workflows have settled, without a forced collection.
   */
  rssMbNpmStart: number;
  /** Its peak RSS from start to then (Linux only: read from /proc). */
  rssMbNpmStartPeak?: number;
  /** From spawning it until its banner, synthesis included. */
  npmStartReadySeconds: number;
  npmStartResumed: number;
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

/** VmRSS and VmHWM of another process in MB from /proc, or its RSS from `ps` where there is no /proc. */
async function memoryOf(pid: number): Promise<{ rss: number; peak?: number }> {
  const mb = (kb: number) => round(kb / 1024, 1);
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: mb(field('VmRSS')), peak: mb(field('VmHWM')) };
  } catch {
    return {
      rss: mb(
        Number(
          execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
            .toString()
            .trim(),
        ),
      ),
    };
  }
}

/** CPU time another process has used so far, in clock ticks (Linux), or undefined where there is no /proc. */
async function cpuTicksOf(pid: number): Promise<number | undefined> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * Starts `npm start`'s entry point on `dataDir` as `npm start` runs it, waits for its banner and then until it
 * has been idle for a second (its resumed workflows waiting again; without /proc, `fallbackSettleSeconds`), and
 * stops it.
 */
async function npmStartOn(
  dataDir: string,
  fallbackSettleSeconds: number,
): Promise<{ rss: number; peak?: number; readySeconds: number; resumed: number }> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', TIME_SCALE: '1', LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const banner = (
      await waitForOutput(child, /Gridwork is running at \S+ \(([^)]*)\)/, {
        timeoutMs: 600_000,
        what: "npm start's banner",
      })
    )[1];
    const readySeconds = round((performance.now() - startedAt) / 1000);
    const resumed = Number(/(\d+) workflows resumed/.exec(banner ?? '')?.[1] ?? 0);
    const pid = child.pid as number;
    const firstTicks = await cpuTicksOf(pid);
    if (firstTicks === undefined) {
      await new Promise((resolve) => setTimeout(resolve, fallbackSettleSeconds * 1000));
    } else {
      // Settled: at most 10% of one core over two half-second intervals in a row.
      let last: number = firstTicks;
      for (let idle = 0, deadline = Date.now() + 600_000; idle < 2 && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const ticks: number = (await cpuTicksOf(pid)) ?? last;
        idle = ticks - last <= 5 ? idle + 1 : 0;
        last = ticks;
      }
    }
    return { ...(await memoryOf(pid)), readySeconds, resumed };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
}

/** Resolves once `n` executions wait parked. */
async function allParked(runtime: { parkedExecutions(): number }, n: number): Promise<void> {
  while (runtime.parkedExecutions() < n) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Reports in flight while the waiting cases are created. */
const PRELOAD_CONCURRENCY = 16;

export async function engineCapacity(sizes: Sizes, dataDir: string): Promise<EngineResult> {
  const runId = randomUUID();
  const names = functionNamesOf(await benchTemplate());
  const n = sizes.waitingWorkflows;

  const first = new Meter(names);
  const firstOffers = offersCounter(first);
  let system = await startBenchRuntime({ dataDir, timeScale: 1, instrumentation: first.instrumentation });
  const api = new ApiClient(system.url, system.outboxToken);
  // Loading, not timing: on a machine shared with other work a request can outlast the function's timeout,
  // so each is sent with an Idempotency-Key and sent again until it is answered 201, as a client would.
  const report = async (i: number) => {
    const key = `engine-capacity-${runId}-${String(i).padStart(8, '0')}`;
    for (let attempt = 1; ; attempt++) {
      const { status } = await api.report(
        {
          category: 'other',
          description: '小区东门路灯不亮，晚上行人看不清台阶',
          location: { gridId: `g-${String((i % 288) + 1).padStart(3, '0')}` },
        },
        { 'idempotency-key': key },
      );
      if (status === 201) return;
      if (status < 500 || attempt >= 5) throw new Error(`POST /issues answered ${status}`);
    }
  };
  await report(0);
  await firstOffers.reached(1);
  const rssMbIdle = rssMb();
  await timedPool(n - 1, PRELOAD_CONCURRENCY, (i) => report(i + 1));
  await firstOffers.reached(n);
  const rssMbWaiting = rssMb();
  await system.close();

  // After a clean stop: every wait parks again on its stored token.
  const restartedAt = performance.now();
  system = await startBenchRuntime({ dataDir, timeScale: 1 });
  const restartToReadySeconds = round((performance.now() - restartedAt) / 1000);
  const resumed = system.runtime.resumed;
  await allParked(system.runtime, resumed);
  const restartToAllWaitingSeconds = round((performance.now() - restartedAt) / 1000);
  const rssMbAfterResume = rssMb();
  await system.close();

  // After a crash (the pid file of a process no longer running is left): the same, then each wait's OfferTask is
  // called once more in the background.
  await writeFile(join(dataDir, 'local-runtime.pid'), String(2 ** 22 + 1));
  const crashMeter = new Meter(names);
  const checkedOffers = offersCounter(crashMeter);
  const crashedAt = performance.now();
  system = await startBenchRuntime({ dataDir, timeScale: 1, instrumentation: crashMeter.instrumentation });
  await allParked(system.runtime, system.runtime.resumed);
  const crashRestartToAllWaitingSeconds = round((performance.now() - crashedAt) / 1000);
  await checkedOffers.reached(system.runtime.resumed);
  const crashRestartToCheckedSeconds = round((performance.now() - crashedAt) / 1000);
  const rssMbAfterChecks = rssMb();
  await system.close();
  const npmStart = await npmStartOn(dataDir, restartToAllWaitingSeconds - restartToReadySeconds + 1);
  return {
    workflows: n,
    rssMbIdle,
    rssMbWaiting,
    rssMbAfterResume,
    kbPerWaitingWorkflow: round(((rssMbWaiting - rssMbIdle) * 1024) / n, 1),
    restartToReadySeconds,
    restartToAllWaitingSeconds,
    crashRestartToAllWaitingSeconds,
    crashRestartToCheckedSeconds,
    rssMbAfterChecks,
    resumed,
    rssMbNpmStart: npmStart.rss,
    ...(npmStart.peak !== undefined ? { rssMbNpmStartPeak: npmStart.peak } : {}),
    npmStartReadySeconds: npmStart.readySeconds,
    npmStartResumed: npmStart.resumed,
  };
}
