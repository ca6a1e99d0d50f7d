import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the first match of `pattern` in what the child writes (stdout and stderr together), as soon
 * as the output arrives; fails when the child exits first or `timeoutMs` passes, with what it wrote.
 */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  { timeoutMs, what }: { timeoutMs: number; what: string },
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const done = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      settle();
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = pattern.exec(output);
      if (match) done(() => resolve(match));
    };
    const onExit = () => done(() => reject(new Error(`The process exited before ${what}:\n${output}`)));
    const timer = setTimeout(
      () => done(() => reject(new Error(`Timed out waiting for ${what}:\n${output.slice(-2000)}`))),
      timeoutMs,
    );
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}
