// Runs one benchmark in this (fresh) process and writes its result as JSON: every benchmark gets a process
// of its own, so memory, imported modules and the handlers' shared clients never carry over between them.
import './env.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Mode, SIZES } from './modes.ts';
import { BENCHMARKS, type BenchmarkName } from './registry.ts';

const [name, mode, out] = process.argv.slice(2) as [BenchmarkName, Mode, string];
const benchmark = BENCHMARKS[name];
if (!benchmark || !SIZES[mode] || !out) {
  console.error('usage: child.ts <benchmark> <full|quick|smoke> <output.json>');
  process.exit(2);
}
const dataDir = await mkdtemp(join(tmpdir(), `gridwork-bench-${name}-`));
try {
  const result = await benchmark(SIZES[mode], dataDir);
  await writeFile(out, JSON.stringify(result, null, 2));
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
// Timers of abandoned workflows would keep the process alive; the result is written.
process.exit(0);
