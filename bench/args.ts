// The benchmark's command line, parsed strictly: a mistyped flag must stop with the usage, not start a
// 20-minute full run.
import { parseArgs } from 'node:util';
import type { Mode } from './modes.ts';
import type { BenchmarkName } from './registry.ts';

/** Every benchmark, in the order a run takes them. */
export const BENCHMARK_ORDER: readonly BenchmarkName[] = [
  'coldStart',
  'intake',
  'lifecycle',
  'scale',
  'engine',
  'ignored',
];

export const BENCH_USAGE = `usage: npm run bench -- [--quick | --smoke] [--only=NAME[,NAME…]]
  (no flag)     full run, the published figures (10–20 minutes)
  --quick       smaller sizes, a few minutes
  --smoke       tiny sizes, seconds; writes no results
  --only=NAMES  run only these (${BENCHMARK_ORDER.join(', ')}); the results of the others in
                bench/results/ are kept as they are
  --help        this text`;

/** A command line the benchmark cannot run: the message says what, the usage follows it. */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

export interface BenchArgs {
  readonly help: boolean;
  readonly mode: Mode;
  /** The benchmarks to run, in run order. */
  readonly benchmarks: readonly BenchmarkName[];
  /** Whether only some benchmarks run, so the stored results of the others must be kept. */
  readonly partial: boolean;
}

/** Parses `npm run bench` arguments; throws BenchUsageError for anything it does not know. */
export function parseBenchArgs(args: readonly string[]): BenchArgs {
  let values: { quick?: boolean; smoke?: boolean; only?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean' },
        smoke: { type: 'boolean' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
  if (values.quick && values.smoke) throw new BenchUsageError('--quick and --smoke exclude each other');
  const mode: Mode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  if (values.only === undefined) {
    return { help: values.help ?? false, mode, benchmarks: BENCHMARK_ORDER, partial: false };
  }
  const named = values.only
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = named.filter((name) => !(BENCHMARK_ORDER as readonly string[]).includes(name));
  if (named.length === 0 || unknown.length > 0) {
    throw new BenchUsageError(`--only: unknown benchmark ${unknown.join(', ') || '(none named)'}`);
  }
  return {
    help: values.help ?? false,
    mode,
    benchmarks: BENCHMARK_ORDER.filter((name) => named.includes(name)),
    partial: true,
  };
}
