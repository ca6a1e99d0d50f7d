// The Task state handlers given to aws-local-stepfunctions for one run of an execution (the
// library's `taskResourceLocalHandlers`, keyed by state name). They call the in-process Lambda
// handlers, wait for task tokens, and enforce task timeouts the library cannot.
import { randomUUID } from 'node:crypto';
import {
  FunctionError,
  HandlerNotFoundError,
  type LambdaHost,
  UnknownFunctionError,
} from '../lambda-host.ts';
import type { Logger } from '../logger.ts';
import { setLongTimeout } from '../long-timer.ts';
import { type LocalDefinition, PAYLOAD_KEY, type TaskStateInfo, TIMEOUT_KEY } from './definition.ts';
import type { RunOptions } from './engine.ts';
import { ExecutionInterruptedError, StatesRuntimeError, TaskFailureError } from './task-errors.ts';
import type { ContextTaskTokens, TaskOutcome, TaskTokenRegistry } from './task-tokens.ts';

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type TaskHandler = TaskHandlers[string];
type TaskResult = Awaited<ReturnType<TaskHandler>>;

export interface TaskRunContext {
  executionArn: string;
  signal: AbortSignal;
  contextTokens: ContextTaskTokens;
  registry: TaskTokenRegistry;
  host: LambdaHost;
  logger: Logger;
  timeoutError: () => Error;
  /** A callback deadline saved before a restart, used by the first attempt of the state the run resumes at. */
  resumedDeadline?: { stateName: string; deadline: number };
  /**
   * The outcome of a callback task that waited parked (see `onParkable`): the first attempt of the state the
   * run resumes at settles with it at once, and Retry/Catch and the state's paths apply as if it had waited.
   */
  delivered?: { stateName: string; outcome: TaskOutcome };
  /** A callback task started waiting (deadline undefined = no timeout) or stopped waiting. */
  onCallbackChange(stateName: string, deadline: number | undefined, waiting: boolean): void;
  /**
   * The callback task's function returned and the task now only waits for its token: the run may be set
   * aside (parked) until the token is used or the deadline passes.
   */
  onParkable?(stateName: string, token: string, deadline: number | undefined): void;
}

export function buildTaskHandlers(local: LocalDefinition, ctx: TaskRunContext): TaskHandlers {
  let resumedDeadline = ctx.resumedDeadline;
  let delivered = ctx.delivered;
  const handlers: TaskHandlers = {};
  for (const info of local.tasks.values()) {
    // Everything up to performTask runs synchronously, right after the library evaluated the
    // state's Parameters: that is what lets the callback task claim the token it was given.
    handlers[info.name] = (input) => {
      if (ctx.signal.aborted) return Promise.reject(new ExecutionInterruptedError());
      try {
        const { payload, timeoutMs } = unwrap(info, input);
        const token = info.kind === 'lambda-callback' ? ctx.contextTokens.claim(payload) : undefined;
        if (delivered?.stateName === info.name) {
          const { outcome } = delivered;
          delivered = undefined;
          ctx.onCallbackChange(info.name, undefined, false);
          return settleDelivered(outcome, ctx) as Promise<TaskResult>;
        }
        let deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
        if (resumedDeadline?.stateName === info.name) {
          deadline = resumedDeadline.deadline;
          resumedDeadline = undefined;
        }
        // Results are JSON: they come from JSON.parse of handler output or SendTaskSuccess.
        const topLevel = local.topLevelStates.has(info.name);
        return runWithDeadline(info, payload, token, deadline, topLevel, ctx) as Promise<TaskResult>;
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return handlers;
}

function settleDelivered(outcome: TaskOutcome, ctx: TaskRunContext): Promise<unknown> {
  try {
    return Promise.resolve(outcomeResult(outcome, ctx));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A callback task's result, or the error it fails with. */
function outcomeResult(outcome: TaskOutcome, ctx: TaskRunContext): unknown {
  if (outcome.ok) return outcome.output;
  if ('timedOut' in outcome) throw ctx.timeoutError();
  throw new TaskFailureError(outcome.error, outcome.cause);
}

function unwrap(info: TaskStateInfo, input: unknown): { payload: unknown; timeoutMs?: number } {
  if (!info.wrapped) return { payload: input };
  const wrapper = input as Record<string, unknown>;
  const seconds = wrapper[TIMEOUT_KEY];
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    throw new StatesRuntimeError(
      `The timeout of state ${info.name} must be a positive integer number of seconds, got ${JSON.stringify(seconds)}`,
    );
  }
  return { payload: wrapper[PAYLOAD_KEY], timeoutMs: seconds * 1000 };
}

function runWithDeadline(
  info: TaskStateInfo,
  payload: unknown,
  token: string | undefined,
  deadline: number | undefined,
  topLevel: boolean,
  ctx: TaskRunContext,
): Promise<unknown> {
  const isCallback = info.kind === 'lambda-callback';
  return new Promise((resolve, reject) => {
    let settled = false;
    let cancelTimer = () => {};
    const finish = (settle: () => void, interrupted = false) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      ctx.signal.removeEventListener('abort', onAbort);
      if (token) ctx.registry.forget(token);
      // An interrupted callback keeps its saved deadline: the execution resumes with it.
      if (isCallback && !interrupted) ctx.onCallbackChange(info.name, deadline, false);
      settle();
    };
    const onAbort = () => finish(() => reject(new ExecutionInterruptedError()), true);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    if (isCallback) ctx.onCallbackChange(info.name, deadline, true);
    if (deadline !== undefined && deadline <= Date.now()) {
      // The deadline passed while the runtime was down: the task timed out without running again.
      finish(() => reject(ctx.timeoutError()));
      return;
    }
    // A callback task's deadline is its token's (see TaskTokenRegistry.register): it holds while parked too.
    if (deadline !== undefined && !isCallback) {
      cancelTimer = setLongTimeout(() => finish(() => reject(ctx.timeoutError())), deadline - Date.now());
    }
    // Once the callback's function has returned, only the token is awaited: the run may be parked.
    // Only a top-level state can be resumed on its own: a callback inside a Map or Parallel keeps its run.
    const parkable = () => {
      if (!settled && token && topLevel) ctx.onParkable?.(info.name, token, deadline);
    };
    performTask(info, payload, { token, deadline }, ctx, parkable).then(
      (output) => finish(() => resolve(output)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

function performTask(
  info: TaskStateInfo,
  payload: unknown,
  wait: CallbackWait,
  ctx: TaskRunContext,
  parkable: () => void,
): Promise<unknown> {
  switch (info.kind) {
    case 'lambda-invoke':
      return invokeLambdaIntegration(info, payload, ctx);
    case 'lambda-direct':
      return invoke(info.resource, payload, ctx);
    case 'lambda-callback':
      return waitForTaskToken(info, payload, wait, ctx, parkable);
    default:
      return Promise.reject(
        new StatesRuntimeError(
          `Resource ${info.resource} of state ${info.name} is not supported by the local runtime`,
        ),
      );
  }
}

/** `arn:aws:states:::lambda:invoke` answers with the Lambda Invoke API's response, not just the payload. */
async function invokeLambdaIntegration(info: TaskStateInfo, parameters: unknown, ctx: TaskRunContext) {
  const { functionName, payload, invocationType } = lambdaParameters(info, parameters);
  if (invocationType === 'Event') {
    invoke(functionName, payload, ctx).catch(() => {});
    return lambdaResponse(null, 202);
  }
  return lambdaResponse(await invoke(functionName, payload, ctx), 200);
}

interface CallbackWait {
  token: string | undefined;
  deadline: number | undefined;
}

async function waitForTaskToken(
  info: TaskStateInfo,
  parameters: unknown,
  { token, deadline }: CallbackWait,
  ctx: TaskRunContext,
  parkable: () => void,
): Promise<unknown> {
  if (!token) {
    throw new StatesRuntimeError(
      `State ${info.name} waits for a task token but its Parameters do not pass $$.Task.Token`,
    );
  }
  const { functionName, payload } = lambdaParameters(info, parameters);
  // Registered before the function runs: it may hand the token on and see it used at once.
  const outcome = new Promise<TaskOutcome>((settle) =>
    ctx.registry.register(token, ctx.executionArn, settle, deadline),
  );
  // The function's result is ignored; only its failure ends the task early.
  const invocationFailure = invoke(functionName, payload, ctx).then(() => {
    parkable();
    return new Promise<never>(() => {});
  });
  return outcomeResult(await Promise.race([outcome, invocationFailure]), ctx);
}

function lambdaParameters(info: TaskStateInfo, parameters: unknown) {
  const record = (parameters ?? {}) as Record<string, unknown>;
  if (typeof record.FunctionName !== 'string') {
    throw new StatesRuntimeError(`State ${info.name} has no FunctionName in its Parameters`);
  }
  return {
    functionName: record.FunctionName,
    payload: 'Payload' in record ? record.Payload : {},
    invocationType: record.InvocationType,
  };
}

async function invoke(functionName: string, payload: unknown, ctx: TaskRunContext): Promise<unknown> {
  try {
    return await ctx.host.invoke(functionName, payload);
  } catch (error) {
    throw toTaskFailure(functionName, error, ctx.logger);
  }
}

/** Maps a local invocation failure to the error Step Functions reports for the Lambda integration. */
function toTaskFailure(functionName: string, error: unknown, logger: Logger): Error {
  if (error instanceof FunctionError) {
    logger.warn('function failed in a workflow task', { functionName, errorType: error.errorType });
    return new TaskFailureError(error.errorType, error.toCause());
  }
  const message = error instanceof Error ? error.message : String(error);
  logger.error('function could not run in a workflow task', { functionName, error: message });
  if (error instanceof UnknownFunctionError) {
    return new TaskFailureError('Lambda.ResourceNotFoundException', message);
  }
  if (error instanceof HandlerNotFoundError) return new TaskFailureError('Runtime.HandlerNotFound', message);
  return new TaskFailureError('Runtime.ImportModuleError', message);
}

function lambdaResponse(payload: unknown, statusCode: number) {
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      HttpHeaders: { 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST' },
      HttpStatusCode: statusCode,
    },
    SdkResponseMetadata: { RequestId: randomUUID() },
    StatusCode: statusCode,
  };
}
