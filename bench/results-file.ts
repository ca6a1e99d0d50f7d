// bench/results/: the published figures. A run of some benchmarks (`--only`) replaces their results and plots and
// keeps every other benchmark's results, which that run did not measure.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchmarkName } from './registry.ts';
import { type BenchResults, plots, resultsTable } from './report.ts';

async function previousResults(dir: string): Promise<BenchResults | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')) as BenchResults;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The stored results with the fresh results of `ran` in place of theirs, each rerun noted in the meta. */
export function mergeResults(
  previous: BenchResults | undefined,
  fresh: BenchResults,
  ran: readonly BenchmarkName[],
): BenchResults {
  if (!previous) return fresh;
  const { mode, command, commit, date } = fresh.meta;
  const reruns = { ...previous.meta.reruns };
  const merged: Record<string, unknown> = { ...previous };
  for (const name of ran) {
    merged[name] = fresh[name];
    reruns[name] = { mode, command, commit, date };
  }
  return { ...(merged as unknown as BenchResults), meta: { ...previous.meta, reruns } };
}

/**
 * Writes latest.json, latest-table.md and the plots of the benchmarks that ran; with `partial`, the results of the
 * others are read back and kept. Returns what was written, for the table printed at the end.
 */
export async function writeResults(
  dir: string,
  fresh: BenchResults,
  ran: readonly BenchmarkName[],
  partial: boolean,
): Promise<BenchResults> {
  await mkdir(dir, { recursive: true });
  const results = partial ? mergeResults(await previousResults(dir), fresh, ran) : fresh;
  await writeFile(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  // Plots only from the fresh results: a plot of a benchmark that did not run stays as it was.
  for (const [name, svg] of Object.entries(plots(fresh))) await writeFile(join(dir, name), `${svg}\n`);
  await writeFile(join(dir, 'latest-table.md'), `${resultsTable(results)}\n`);
  return results;
}
