// `npm run bench` (full), `npm run bench -- --quick` (a minute or two), `-- --smoke` (tiny, seconds), `--help`:
// runs each benchmark in a fresh process, prints the table and writes bench/results/latest.json and the plots.
import './env.ts';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePageScripts } from '#http/pages/build-scripts.ts';
import { REPO_ROOT } from '#infra/paths.ts';
import { synthesizeTemplate } from '#infra/synth.ts';
import { BENCH_USAGE, BenchUsageError, parseBenchArgs } from './args.ts';
import type { BenchmarkName } from './registry.ts';
import { type BenchResults, resultsTable } from './report.ts';
import { writeResults } from './results-file.ts';
import { TEMPLATE_ENV } from './runtime.ts';

const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');

function runChild(name: BenchmarkName, mode: string, out: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(REPO_ROOT, 'bench', 'child.ts'), name, mode, out],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`))));
  });
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT })
      .toString()
      .trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

async function main() {
  const args = process.argv.slice(2);
  const { help, mode, benchmarks, partial } = parseBenchArgs(args);
  if (help) {
    console.log(BENCH_USAGE);
    return;
  }
  const work = await mkdtemp(join(tmpdir(), 'gridwork-bench-'));
  try {
    // Synthesized once here; every benchmark process reads it instead of loading the CDK library.
    const templateFile = join(work, 'template.json');
    await writeFile(templateFile, JSON.stringify(synthesizeTemplate()));
    writePageScripts(); // the benchmarks run and bundle the handlers from source, as `npm start` does
    const env = { ...process.env, [TEMPLATE_ENV]: templateFile };
    const results: BenchResults = {
      meta: {
        mode,
        command: ['npm run bench', ...(args.length > 0 ? ['--', ...args] : [])].join(' '),
        commit: commit(),
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
      },
    };
    for (const name of benchmarks) {
      const startedAt = performance.now();
      console.log(`— ${name} (${mode})`);
      const out = join(work, `${name}.json`);
      await runChild(name, mode, out, env);
      (results as unknown as Record<string, unknown>)[name] = JSON.parse(await readFile(out, 'utf8'));
      console.log(`  done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    }
    console.log(`\n${resultsTable(results)}\n`);
    if (mode !== 'smoke') {
      await writeResults(RESULTS_DIR, results, benchmarks, partial);
      const kept = partial ? '; the results of benchmarks not run are kept' : '';
      console.log(`results in bench/results/ (latest.json, latest-table.md, *.svg)${kept}`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  if (error instanceof BenchUsageError) {
    console.error(`${error.message}\n${BENCH_USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
