import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { readLocalSettings } from '#local/config.ts';
import { type Gridwork, startGridwork } from '#local/gridwork-runtime.ts';
import type { CfnTemplate } from '#local/runtime/cfn-template.ts';
import { localTemplate } from '#local/template-cache.ts';
import { ApiClient } from './api-client.ts';

export interface TestGridwork {
  readonly gridwork: Gridwork;
  readonly api: ApiClient;
  readonly dataDir: string;
  stop(): Promise<void>;
}

// The template `npm start` uses: synthesized once for the whole run (the first process to need it does it while
// the others wait, see template-cache.ts), read once per test process.
let template: Promise<CfnTemplate> | undefined;

/** The whole system in this test process: the same template, handlers and engine as `npm start`, on a temp dir. */
export async function startTestGridwork(env: Record<string, string> = {}): Promise<TestGridwork> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gridwork-test-'));
  const settings = readLocalSettings({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'WARN',
    // Tests report from one address far faster than a resident would.
    INTAKE_RATE_LIMIT: '100000',
    SIGN_IN_RATE_LIMIT: '100000',
    ...env,
  });
  process.env.LOG_LEVEL = 'WARN';
  template ??= localTemplate();
  const gridwork = await startGridwork(settings, { template: await template });
  return {
    gridwork,
    api: new ApiClient(gridwork.url, gridwork.outboxToken),
    dataDir,
    stop: async () => {
      await gridwork.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The system for the calling test file: started before its first test and stopped after its last, each file on
 * its own data folder and ports (files run in parallel). `onStarted` hands it to the file's own variables;
 * `system` and `api` may be read only once it started, inside tests and hooks.
 */
export function useTestGridwork(
  env: Record<string, string> = {},
  onStarted: (system: TestGridwork) => void = () => {},
): { readonly system: TestGridwork; readonly api: ApiClient } {
  let started: TestGridwork | undefined;
  beforeAll(async () => {
    started = await startTestGridwork(env);
    onStarted(started);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const system = () => {
    if (!started) throw new Error('The system starts in beforeAll: read it inside a test or a hook');
    return started;
  };
  return {
    get system() {
      return system();
    },
    get api() {
      return system().api;
    },
  };
}
