import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '#infra/paths.ts';
import { waitForOutput } from './process-output.ts';

export interface GridworkProcess {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  /** The outbox's credential the banner prints. */
  readonly outboxToken: string;
  readonly output: () => string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

function spawnMain(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'INFO', INTAKE_RATE_LIMIT: '100000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `npm start`'s entry point expecting it to give up, and returns how it ended (it is killed after `timeoutMs`). */
export async function runGridworkToExit(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnMain(env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) =>
    child.once('close', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** Runs `npm start`'s entry point as its own process, as a newcomer would, and waits for its banner. */
export async function spawnGridwork(env: Record<string, string>): Promise<GridworkProcess> {
  let output = '';
  const child = spawnMain(env);
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const banner = await waitForOutput(
    child,
    /Gridwork is running at (\S+)[\s\S]*Outbox token[^:]*: (\S+)[\s\S]*DynamoDB endpoint[^:]*: (\S+)/,
    // A start after a change to the sources synthesizes the app in a child process: ~10 s on an idle 2-core
    // machine, far more under load.
    { timeoutMs: 90_000, what: 'the start-up banner' },
  );
  return {
    url: banner[1] as string,
    outboxToken: banner[2] as string,
    dynamodbEndpoint: banner[3] as string,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}
