import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '#infra/paths.ts';
import type { CfnTemplate } from './runtime/cfn-template.ts';

/** The entry the child runs; spawned by path, never imported, so the CDK library stays out of this process. */
export const SYNTH_ENTRY = join(REPO_ROOT, 'infra', 'synth-cli.ts');

/** How much of the child's stderr an error quotes (its end, where the cause is). */
const STDERR_LIMIT = 16_000;

/**
 * Synthesizes the CDK app in a short-lived child process and returns the stack's template. The child writes the
 * template to a file of its own in `dir` (removed afterwards); a failing synth rejects with the child's stderr.
 */
export async function synthesizeInChild(
  options: { dir?: string; stage?: string } = {},
): Promise<CfnTemplate> {
  const out = join(options.dir ?? tmpdir(), `.template-${process.pid}-${randomUUID().slice(0, 8)}.json`);
  try {
    const { code, signal, stderr } = await new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', SYNTH_ENTRY, out, options.stage ?? 'local'], {
        cwd: REPO_ROOT,
        // Node keeps the compiled code of aws-cdk-lib here, so a synth after a change to the sources skips
        // compiling it again (Node 22; older versions ignore the variable).
        env: {
          ...process.env,
          NODE_COMPILE_CACHE: join(REPO_ROOT, 'node_modules', '.cache', 'gridwork-synth'),
        },
        stdio: ['ignore', 'inherit', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_LIMIT);
      });
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal, stderr }));
    });
    if (code !== 0) {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      throw new Error(
        `Synthesizing the CDK app failed: the synth process (${SYNTH_ENTRY}) ${how}.` +
          (stderr.trim() ? `\nIts stderr:\n${stderr.trimEnd()}` : ' It wrote nothing to stderr.'),
      );
    }
    // Warnings of a synth that succeeded still belong on this console, as they did when it ran in-process.
    if (stderr) process.stderr.write(stderr);
    return JSON.parse(await readFile(out, 'utf8')) as CfnTemplate;
  } finally {
    await rm(out, { force: true });
  }
}
