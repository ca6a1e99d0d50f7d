// Runs the template's Lambda handlers in this process: each module is imported from its
// TypeScript source on first use and invoked with a Lambda-like context, seeing only its own
// environment (see function-env.ts) and stopped at its configured timeout. Invocations are
// concurrent, as they would be across many Lambda containers.
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type CfnTemplate, localFunctions } from './cfn-template.ts';
import { type FunctionEnvironment, prepareEnvironments, runInEnvironment } from './function-env.ts';
import type { TemplateResolver } from './intrinsics.ts';

export interface LocalFunctionSpec {
  logicalId: string;
  name: string;
  arn: string;
  entryPath: string;
  timeoutSeconds: number;
  memoryMB: number;
  env: Record<string, string>;
}

/** One finished invocation, as reported to an optional observer (benchmarks count and time them). */
export interface InvocationRecord {
  logicalId: string;
  memoryMB: number;
  /** Time spent in the handler itself, without module loading or the JSON round trips. */
  durationMs: number;
  failed: boolean;
  /** The event as the handler received it. */
  event: unknown;
}

export type InvocationObserver = (record: InvocationRecord) => void;

type Handler = (
  event: unknown,
  context: Context,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

export class UnknownFunctionError extends Error {
  constructor(nameOrArn: string) {
    super(`No local function matches ${nameOrArn}`);
    this.name = 'UnknownFunctionError';
  }
}

export class HandlerNotFoundError extends Error {
  constructor(fn: LocalFunctionSpec) {
    super(`Module ${fn.entryPath} of function ${fn.logicalId} does not export a function named handler`);
    this.name = 'HandlerNotFoundError';
  }
}

/** A handler's failure as Lambda reports it: `errorType` is what Retry/Catch `ErrorEquals` match. */
export class FunctionError extends Error {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: string[];

  constructor(
    readonly functionName: string,
    thrown: unknown,
  ) {
    const errorType = thrown instanceof Error ? thrown.name : 'Error';
    const errorMessage = thrown instanceof Error ? thrown.message : String(thrown);
    super(errorMessage, { cause: thrown });
    this.name = 'FunctionError';
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.trace = thrown instanceof Error && thrown.stack ? thrown.stack.split('\n') : [];
    // Logs should point at the handler's code, not at the host.
    if (thrown instanceof Error && thrown.stack) this.stack = thrown.stack;
  }

  /** The `Cause` Step Functions shows for a failed Lambda task. */
  toCause(): string {
    return JSON.stringify({ errorType: this.errorType, errorMessage: this.errorMessage, trace: this.trace });
  }
}

/**
 * The function ran past its `Timeout`. Lambda stops the sandbox and reports `Sandbox.Timedout`; here the
 * handler cannot be stopped (it shares the process), so its result is dropped instead.
 */
export class FunctionTimeoutError extends FunctionError {
  constructor(fn: LocalFunctionSpec, requestId: string) {
    const timedOut = new Error(
      `RequestId: ${requestId} Error: Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`,
    );
    timedOut.name = 'Sandbox.Timedout';
    timedOut.stack = '';
    super(fn.name, timedOut);
  }
}

export function functionSpecsFromTemplate(
  template: CfnTemplate,
  resolver: TemplateResolver,
  rootDir: string,
): LocalFunctionSpec[] {
  return localFunctions(template).map(({ logicalId, entry, properties }) => {
    const variables = resolver.resolve(
      (properties.Environment as { Variables?: unknown } | undefined)?.Variables ?? {},
      `${logicalId}.Environment.Variables`,
    ) as Record<string, unknown>;
    const env = Object.fromEntries(
      Object.entries(variables).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : JSON.stringify(value),
      ]),
    );
    return {
      logicalId,
      name: logicalId,
      arn: resolver.functionArn(logicalId),
      entryPath: resolvePath(rootDir, entry),
      timeoutSeconds: Number(properties.Timeout ?? 3),
      memoryMB: Number(properties.MemorySize ?? 128),
      env,
    };
  });
}

export class LambdaHost {
  private readonly byKey = new Map<string, LocalFunctionSpec>();
  private readonly modules = new Map<string, Promise<Handler>>();
  /** Invocations still running, so a shutdown can let them finish before storage goes away. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Each function's own environment, once the runtime knows the variables all of them share. */
  private environments = new Map<string, FunctionEnvironment>();

  constructor(
    readonly functions: LocalFunctionSpec[],
    private readonly onInvoke?: InvocationObserver,
  ) {
    for (const fn of functions) {
      this.byKey.set(fn.name, fn);
      this.byKey.set(fn.arn, fn);
    }
  }

  /**
   * Gives every function its template variables plus `common` (region, local endpoints, local settings),
   * and nothing of the other functions' variables. Before this, handlers see the process's environment.
   */
  setCommonEnvironment(common: Record<string, string>): void {
    this.environments = prepareEnvironments(this.functions, common);
    // As Lambda sets it: each function's own name, which differs per function and so is not in `common`.
    for (const fn of this.functions) {
      const environment = this.environments.get(fn.logicalId);
      if (environment) environment.own.AWS_LAMBDA_FUNCTION_NAME = fn.name;
    }
  }

  /** Finds a function by name, ARN, or ARN/name with a version or alias qualifier. */
  find(nameOrArn: string): LocalFunctionSpec | undefined {
    const direct = this.byKey.get(nameOrArn);
    if (direct) return direct;
    const match = /^(?:arn:[^:]+:lambda:[^:]*:[^:]*:function:)?([^:]+)(?::[^:]+)?$/.exec(nameOrArn);
    return match?.[1] ? this.byKey.get(match[1]) : undefined;
  }

  /**
   * Invokes the function's handler. The result goes through JSON like Lambda's response does;
   * a throw becomes a FunctionError carrying the thrown error's name as `errorType`.
   */
  invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    const invocation = this.run(nameOrArn, event);
    this.inFlight.add(invocation);
    const forget = () => this.inFlight.delete(invocation);
    invocation.then(forget, forget);
    return invocation;
  }

  /**
   * Resolves once every invocation that is running has ended, or after `timeoutMs`, whichever comes first:
   * a handler stopped half-way by a shutdown is safe (the next start re-runs its step) but noisy, as every
   * call it makes after storage closed fails.
   */
  async drain(timeoutMs: number): Promise<void> {
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }

  private run(nameOrArn: string, event: unknown): Promise<unknown> {
    const fn = this.find(nameOrArn);
    if (!fn) return Promise.reject(new UnknownFunctionError(nameOrArn));
    const environment = this.environments.get(fn.logicalId);
    // The module is imported inside the function's environment too: its module scope is its cold start.
    return environment ? runInEnvironment(environment, () => this.runIn(fn, event)) : this.runIn(fn, event);
  }

  private async runIn(fn: LocalFunctionSpec, event: unknown): Promise<unknown> {
    const handler = await this.loadHandler(fn);
    const payload = JSON.parse(JSON.stringify(event ?? null)) as unknown;
    let result: unknown;
    const startedAt = performance.now();
    const context = lambdaContext(fn);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new FunctionTimeoutError(fn, context.awsRequestId)),
        fn.timeoutSeconds * 1000,
      );
    });
    try {
      result = await Promise.race([callHandler(handler, payload, context), timedOut]);
    } catch (thrown) {
      this.observe(fn, startedAt, true, payload);
      throw thrown instanceof FunctionTimeoutError ? thrown : new FunctionError(fn.name, thrown);
    } finally {
      clearTimeout(timer);
    }
    this.observe(fn, startedAt, false, payload);
    return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
  }

  private observe(fn: LocalFunctionSpec, startedAt: number, failed: boolean, event: unknown): void {
    if (!this.onInvoke) return;
    const durationMs = performance.now() - startedAt;
    this.onInvoke({ logicalId: fn.logicalId, memoryMB: fn.memoryMB, durationMs, failed, event });
  }

  private loadHandler(fn: LocalFunctionSpec): Promise<Handler> {
    let loading = this.modules.get(fn.entryPath);
    if (!loading) {
      loading = import(pathToFileURL(fn.entryPath).href).then((module: Record<string, unknown>) => {
        if (typeof module.handler !== 'function') throw new HandlerNotFoundError(fn);
        return module.handler as Handler;
      });
      // A module that failed to load is retried on the next invoke rather than failing forever.
      loading.catch(() => this.modules.delete(fn.entryPath));
      this.modules.set(fn.entryPath, loading);
    }
    return loading;
  }
}

/** Supports both async handlers and the older callback style, whichever the handler uses. */
function callHandler(handler: Handler, event: unknown, context: Context): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, result?: unknown) => (error ? reject(error) : resolve(result));
    context.done = callback;
    context.succeed = (result: unknown) => resolve(result);
    context.fail = (error: unknown) => reject(error);
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
        (returned as PromiseLike<unknown>).then(resolve, reject);
      }
    } catch (error) {
      reject(error);
    }
  });
}

function lambdaContext(fn: LocalFunctionSpec): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const unsupported = () => undefined;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: String(fn.memoryMB),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
