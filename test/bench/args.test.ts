import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/paths.ts';
import { BENCHMARK_ORDER, BenchUsageError, parseBenchArgs } from '../../bench/args.ts';
import type { BenchResults } from '../../bench/report.ts';
import { writeResults } from '../../bench/results-file.ts';

describe('parseBenchArgs', () => {
  it.each([
    [[], { mode: 'full', benchmarks: BENCHMARK_ORDER, partial: false, help: false }],
    [['--quick'], { mode: 'quick', benchmarks: BENCHMARK_ORDER, partial: false, help: false }],
    [
      ['--smoke', '--only=scale,coldStart'],
      { mode: 'smoke', benchmarks: ['coldStart', 'scale'], partial: true },
    ],
    [['--only', 'engine'], { mode: 'full', benchmarks: ['engine'], partial: true }],
    [['--help'], { help: true }],
  ])('reads %j', (args, expected) => {
    // Act
    const parsed = parseBenchArgs(args);

    // Assess
    expect(parsed).toMatchObject(expected);
  });

  it.each([
    [['--quik'], /Unknown option '--quik'/],
    [['quick'], /positional argument/],
    [['--only=intake,lifecycel'], /unknown benchmark lifecycel/],
    [['--only='], /unknown benchmark \(none named\)/],
    [['--quick', '--smoke'], /exclude each other/],
    [['--smoke=yes'], /does not take an argument/],
  ])('refuses %j instead of starting a full run', (args, message) => {
    // Act
    const parsing = () => parseBenchArgs(args);

    // Assess
    expect(parsing).toThrow(BenchUsageError);
    expect(parsing).toThrow(message);
  });
});

describe('writeResults', () => {
  let dir: string;
  const meta = (command: string, date: string) => ({
    mode: 'full',
    command,
    commit: 'abc1234',
    date,
    node: 'v22',
    cpus: 2,
  });
  const scale = (issues: number) => ({
    steps: [
      {
        issues,
        preloadSeconds: 1,
        statsP50Ms: { district: 1, street: 1, community: 1, grid: 1 },
        monthP50Ms: 1,
        openListP50Ms: 1,
      },
    ],
    ratios: {},
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gridwork-bench-results-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('with --only, replaces the results of the benchmarks that ran and keeps the others and their plots', async () => {
    // Prepare
    const full: BenchResults = JSON.parse(
      await readFile(join(REPO_ROOT, 'bench/results/latest.json'), 'utf8'),
    );
    await writeFile(join(dir, 'latest.json'), JSON.stringify(full));
    await writeFile(join(dir, 'intake-latency.svg'), '<svg>earlier intake plot</svg>');
    const fresh = { meta: meta('npm run bench -- --only=scale', '2026-11-30'), scale: scale(2000) };

    // Act
    await writeResults(dir, fresh as BenchResults, ['scale'], true);

    // Assess
    const written = JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8'));
    expect(written).toEqual({
      ...full,
      meta: {
        ...full.meta,
        reruns: {
          ...full.meta.reruns,
          scale: {
            mode: 'full',
            command: 'npm run bench -- --only=scale',
            commit: 'abc1234',
            date: '2026-11-30',
          },
        },
      },
      scale: scale(2000),
    });
    expect(written.engine).toEqual(full.engine);
    expect(written.engine).toBeDefined();
    expect(await readFile(join(dir, 'intake-latency.svg'), 'utf8')).toBe('<svg>earlier intake plot</svg>');
    expect((await readdir(dir)).sort()).toEqual([
      'intake-latency.svg',
      'latest-table.md',
      'latest.json',
      'scale.svg',
    ]);
  });

  it('without --only, writes the run as the whole results', async () => {
    // Prepare
    await writeFile(
      join(dir, 'latest.json'),
      JSON.stringify({ meta: meta('old', '2026-11-01'), engine: {} }),
    );
    const fresh = { meta: meta('npm run bench', '2026-11-30'), scale: scale(5) };

    // Act
    await writeResults(dir, fresh as BenchResults, BENCHMARK_ORDER, false);

    // Assess
    expect(JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8'))).toEqual(fresh);
  });
});
