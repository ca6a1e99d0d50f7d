// The in-process Lambda host on its own: a shutdown lets running handlers finish, within a bound.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FunctionTimeoutError, LambdaHost, type LocalFunctionSpec } from '../../local/runtime/lambda-host.ts';
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

describe('LambdaHost environments', () => {
  it('keeps each function to its own variables while invocations of different functions interleave', async () => {
    // Prepare: two functions of one module, each with a variable of its own.
    const first = { ...step, logicalId: 'FirstFn', name: 'FirstFn', env: { ONLY_FIRST: 'one' } };
    const second = { ...step, logicalId: 'SecondFn', name: 'SecondFn', env: { ONLY_SECOND: 'two' } };
    const host = new LambdaHost([first, second]);
    host.setCommonEnvironment({ SHARED_BY_ALL: 'all' });
    const names = ['ONLY_FIRST', 'ONLY_SECOND', 'SHARED_BY_ALL'];

    // Act: each invocation reads after a different delay, so their awaits interleave.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        host.invoke(i % 2 ? 'SecondFn' : 'FirstFn', { action: 'env', names, ms: (i * 7) % 30 }),
      ),
    );

    // Assess
    results.forEach((seen, i) => {
      expect(seen).toEqual(
        i % 2
          ? { ONLY_FIRST: null, ONLY_SECOND: 'two', SHARED_BY_ALL: 'all' }
          : { ONLY_FIRST: 'one', ONLY_SECOND: null, SHARED_BY_ALL: 'all' },
      );
    });
    expect([process.env.ONLY_FIRST, process.env.ONLY_SECOND]).toEqual(['one', 'two']);
  });
});

describe('LambdaHost timeouts', () => {
  it("fails an invocation that runs past the function's Timeout with Sandbox.Timedout", async () => {
    // Prepare
    const host = new LambdaHost([{ ...step, timeoutSeconds: 1 }]);
    const startedAt = Date.now();

    // Act
    const failure = await host
      .invoke('StepFn', { action: 'sleep', ms: 5_000 })
      .catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(FunctionTimeoutError);
    expect(failure).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/),
    });
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });
});
