// The in-process Lambda host on its own: a shutdown lets running handlers finish, within a bound.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LambdaHost, type LocalFunctionSpec } from '../../local/runtime/lambda-host.ts';
import { repoRoot } from './helpers.ts';

const step: LocalFunctionSpec = {
  logicalId: 'StepFn',
  name: 'StepFn',
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:StepFn',
  entryPath: join(repoRoot, 'test/local-runtime/fixtures/handlers/step.ts'),
  timeoutSeconds: 10,
  memoryMB: 128,
  env: {},
};

function settledFlag(promise: Promise<unknown>): { settled: boolean } {
  const flag = { settled: false };
  const settle = () => {
    flag.settled = true;
  };
  promise.then(settle, settle);
  return flag;
}

describe('LambdaHost.drain', () => {
  it('waits until the handlers that are running have returned', async () => {
    // Prepare
    const host = new LambdaHost([step]);
    await host.invoke('StepFn', { action: 'echo' });
    const slow = settledFlag(host.invoke('StepFn', { action: 'sleep', ms: 300 }));
    const failing = settledFlag(host.invoke('StepFn', { action: 'fail' }).catch(() => {}));

    // Act
    await host.drain(5_000);

    // Assess
    expect(slow.settled).toBe(true);
    expect(failing.settled).toBe(true);
  });

  it('gives up after its timeout when a handler takes longer', async () => {
    // Prepare
    const host = new LambdaHost([step]);
    await host.invoke('StepFn', { action: 'echo' });
    const slow = settledFlag(host.invoke('StepFn', { action: 'sleep', ms: 3_000 }));
    const startedAt = Date.now();

    // Act
    await host.drain(100);

    // Assess
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(slow.settled).toBe(false);
  });

  it('returns at once when nothing runs', async () => {
    const host = new LambdaHost([step]);
    const startedAt = Date.now();

    await host.drain(5_000);

    expect(Date.now() - startedAt).toBeLessThan(100);
  });
});
