// `npm run bench` (full), `npm run bench -- --quick` (a minute or two), `-- --smoke` (tiny, seconds):
// runs each benchmark in a fresh process, prints the table and writes bench/results/latest.json and the plots.
import './env.ts';
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePageScripts } from '#http/pages/build-scripts.ts';
import { REPO_ROOT } from '#infra/paths.ts';
import { synthesizeTemplate } from '#infra/synth.ts';
import { parseMode } from './modes.ts';
import type { BenchmarkName } from './registry.ts';
import { type BenchResults, plots, resultsTable } from './report.ts';
import { TEMPLATE_ENV } from './runtime.ts';

const ORDER: BenchmarkName[] = ['coldStart', 'intake', 'lifecycle', 'scale', 'engine'];
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
  const mode = parseMode(args);
  const only = args
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
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
        command: `npm run bench${mode === 'full' ? '' : ` -- --${mode}`}`,
        commit: commit(),
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
      },
    };
    for (const name of ORDER.filter((candidate) => !only || only.includes(candidate))) {
      const startedAt = performance.now();
      console.log(`— ${name} (${mode})`);
      const out = join(work, `${name}.json`);
      await runChild(name, mode, out, env);
      (results as unknown as Record<string, unknown>)[name] = JSON.parse(await readFile(out, 'utf8'));
      console.log(`  done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    }
    const table = resultsTable(results);
    console.log(`\n${table}\n`);
    if (mode !== 'smoke') {
      await mkdir(RESULTS_DIR, { recursive: true });
      await writeFile(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
      for (const [name, svg] of Object.entries(plots(results))) {
        await writeFile(join(RESULTS_DIR, name), `${svg}\n`);
      }
      await writeFile(join(RESULTS_DIR, 'latest-table.md'), `${table}\n`);
      console.log('results in bench/results/ (latest.json, latest-table.md, *.svg)');
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
