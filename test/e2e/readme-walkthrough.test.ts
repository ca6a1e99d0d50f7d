// The README's walk-through is a script people paste: it is run here exactly as written, against a fresh runtime
// on a random port, so a changed reply or route breaks this test before it breaks a newcomer's first hour.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

const run = promisify(execFile);
let system: TestGridwork;

beforeAll(async () => {
  system = await startTestGridwork();
});

afterAll(async () => {
  await system?.stop();
});

/** The fenced block right after the README's walk-through marker. */
async function walkthrough(): Promise<string> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /<!-- walkthrough:[^>]*-->\s*```sh\n([\s\S]*?)\n```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no walk-through block after its marker');
  return block;
}

/** The replies the README promises: each `# → …` line, in order. */
function promised(script: string): string[] {
  return [...script.matchAll(/^# → (.*)$/gm)].map((match) => match[1] ?? '');
}

/** A promised reply with its variable parts (`gw-…`, today's case number) as patterns. */
function patternOf(reply: string): RegExp {
  const escaped = reply.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${escaped.replaceAll('gw-…', 'gw-[a-z2-7]{16}').replace(/LS-\d{8}-\d{4}/, 'LS-\\d{8}-\\d{4}')}$`,
  );
}

describe('the README walk-through', () => {
  it('runs as written and prints each reply it shows', async () => {
    // Prepare
    const script = await walkthrough();

    // Act
    const { stdout } = await run('bash', ['-eo', 'pipefail', '-c', script], {
      env: { ...process.env, BASE: system.gridwork.url, DATA_DIR: system.dataDir },
      timeout: 90_000,
    });

    // Assess: every promised reply, in order, among the lines printed (the tracking URL is extra)
    const lines = stdout.trim().split('\n');
    const replies = promised(script);
    expect(replies.length).toBeGreaterThanOrEqual(7);
    const printed = lines.filter((line) => !line.startsWith(system.gridwork.url));
    expect(printed).toHaveLength(replies.length);
    replies.forEach((reply, index) => {
      expect(printed[index], reply).toMatch(patternOf(reply));
    });
  }, 120_000);
});
