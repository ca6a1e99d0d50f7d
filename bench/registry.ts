import { coldStart } from './cold-start.ts';
import { engineCapacity } from './engine-capacity.ts';
import { ignoredCases } from './ignored-cases.ts';
import { intakeLatency } from './intake-latency.ts';
import { lifecycleCost } from './lifecycle-cost.ts';
import type { Sizes } from './modes.ts';
import { scale } from './scale.ts';

/** Every benchmark, by name, in the order they run; each runs in a child process of its own. */
export const BENCHMARKS = {
  intake: intakeLatency,
  lifecycle: lifecycleCost,
  coldStart: (sizes: Sizes) => coldStart(sizes),
  scale,
  engine: engineCapacity,
  ignored: ignoredCases,
} satisfies Record<string, (sizes: Sizes, dataDir: string) => Promise<unknown>>;

export type BenchmarkName = keyof typeof BENCHMARKS;
