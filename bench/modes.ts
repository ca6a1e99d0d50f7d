/** How big each benchmark runs: `full` for published figures, `quick` in a minute or two, `smoke` as a test. */
export type Mode = 'full' | 'quick' | 'smoke';

export interface Sizes {
  /** Requests per concurrency level for intake latency (and as many raw PutItems for the floor). */
  intakeSamples: number;
  intakeConcurrency: readonly number[];
  /** Issues driven through the whole lifecycle, and the share of them left to escalate. */
  lifecycleIssues: number;
  escalateShare: number;
  lifecycleConcurrency: number;
  /** Fresh processes per bundle for module initialisation time. */
  coldStartRuns: number;
  /** Limit the cold-start benchmark to the first few functions (smoke only). */
  coldStartFunctions?: number;
  /** Preloaded issues at each step of the scale curve, and reads measured at each. */
  scaleSteps: readonly number[];
  scaleSamples: number;
  /** Workflows waiting at once for the engine-capacity run. */
  waitingWorkflows: number;
  /** Simulated days the ignored cases run, and the TIME_SCALE they run at. */
  ignoredDays: number;
  ignoredTimeScale: number;
}

export const SIZES: Record<Mode, Sizes> = {
  full: {
    intakeSamples: 1000,
    intakeConcurrency: [1, 32],
    lifecycleIssues: 2000,
    escalateShare: 0.1,
    lifecycleConcurrency: 16,
    coldStartRuns: 10,
    scaleSteps: [1_000, 100_000, 1_000_000],
    scaleSamples: 100,
    waitingWorkflows: 10_000,
    // The pace and span of the measurement that found the unbounded loops: 10 days in under 4 minutes.
    ignoredDays: 10,
    ignoredTimeScale: 3600,
  },
  quick: {
    intakeSamples: 200,
    intakeConcurrency: [1, 32],
    lifecycleIssues: 100,
    escalateShare: 0.1,
    lifecycleConcurrency: 16,
    coldStartRuns: 5,
    scaleSteps: [1_000, 10_000],
    scaleSamples: 40,
    waitingWorkflows: 1_000,
    ignoredDays: 10,
    ignoredTimeScale: 14_400,
  },
  smoke: {
    intakeSamples: 16,
    intakeConcurrency: [1, 4],
    lifecycleIssues: 6,
    escalateShare: 0.34,
    lifecycleConcurrency: 4,
    coldStartRuns: 1,
    coldStartFunctions: 1,
    scaleSteps: [100, 300],
    scaleSamples: 5,
    waitingWorkflows: 10,
    ignoredDays: 2,
    ignoredTimeScale: 43_200,
  },
};
