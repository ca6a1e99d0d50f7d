import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '#infra/paths.ts';
import { pollUntil } from './poll.ts';

export interface GridworkProcess {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  /** The local supervisor credential the banner prints (dashboard and outbox). */
  readonly dashboardToken: string;
  readonly output: () => string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Runs `npm start`'s entry point as its own process, as a newcomer would, and waits for its banner. */
export async function spawnGridwork(env: Record<string, string>): Promise<GridworkProcess> {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'INFO', INTAKE_RATE_LIMIT: '100000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const banner = await pollUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`Gridwork exited early:\n${output}`);
      return /Gridwork is running at (\S+)[\s\S]*Dashboard token[^:]*: (\S+)[\s\S]*DynamoDB endpoint[^:]*: (\S+)/.exec(
        output,
      );
    },
    (match) => match !== null,
    { timeoutMs: 30_000, intervalMs: 50, what: 'the start-up banner' },
  );
  return {
    url: banner?.[1] as string,
    dashboardToken: banner?.[2] as string,
    dynamodbEndpoint: banner?.[3] as string,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}
