// One execution running in the engine: builds its context object and task handlers, records
// each top-level state it enters (so it can resume there), enforces the execution timeout (also
// while parked) and records how it ended, the one way an execution ends. A failure here is
// recorded on the execution, never thrown further.
import type { LambdaHost } from '../lambda-host.ts';
import { describeError, type Logger } from '../logger.ts';
import { setLongTimeout } from '../long-timer.ts';
import { CONTEXT_INPUT_KEY, CONTEXT_START_TIME_KEY } from './definition.ts';
import type { ExecutionRecord, ExecutionStatus, ExecutionStore } from './execution-store.ts';
import type { LocalStateMachine } from './state-machines.ts';
import { buildTaskHandlers } from './task-handlers.ts';
import { ContextTaskTokens, type TaskOutcome, type TaskTokenRegistry } from './task-tokens.ts';

export interface RunDependencies {
  host: LambdaHost;
  registry: TaskTokenRegistry;
  store: ExecutionStore;
  logger: Logger;
  timeoutError: () => Error;
  /** Optional observer of every state entered (nested and non-Task states included), e.g. to count transitions. */
  onStateEntered?: (executionArn: string, stateName: string) => void;
  /** The execution ended (its end is being stored), parked or not. */
  onEnded?: (execution: RunningExecution) => void;
  /** A callback task of this run only waits for its token now (see TaskRunContext.onParkable). */
  onParkable?: (
    execution: RunningExecution,
    stateName: string,
    token: string,
    deadline: number | undefined,
  ) => void;
}

/**
 * Where a resumed execution picks up: a top-level state, its saved input and callback deadline, or (for a
 * parked callback task) how the wait ended.
 */
export interface ResumePoint {
  stateName: string;
  input: unknown;
  callbackDeadline?: number;
  delivered?: TaskOutcome;
  /** The token the callback task at `stateName` waited for before: it waits for the same one again. */
  token?: string;
}

type EndFields = Pick<ExecutionRecord, 'output' | 'error' | 'cause'>;

/** Marks `record` as ended with `status` (what every end of an execution writes). */
export function endRecord(
  record: ExecutionRecord,
  status: ExecutionStatus,
  fields: EndFields,
): ExecutionRecord {
  delete record.parked;
  delete record.delivered;
  return Object.assign(record, { status, stopDate: Date.now(), callbacks: {} }, definedOnly(fields));
}

export class RunningExecution {
  readonly done: Promise<void>;
  private readonly controller = new AbortController();
  private interrupted = false;
  private started = false;
  private finalWritten: Promise<void> = Promise.resolve();
  private finished = false;
  private cancelExecutionTimeout = () => {};
  /** A parked task's state, entered again to take its outcome: not a new transition for the observer. */
  private reenteredState: string | undefined;
  private markDone = () => {};

  constructor(
    private readonly machine: LocalStateMachine,
    readonly record: ExecutionRecord,
    private readonly deps: RunDependencies,
  ) {
    this.done = new Promise((resolve) => {
      this.markDone = resolve;
    });
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Settles once the record of how the execution ended is stored (at once if it has not ended). */
  get finalWrite(): Promise<void> {
    return this.finalWritten;
  }

  /** Stores the current record; resolves once it is durable. */
  persist(): Promise<void> {
    return this.deps.store.save(this.record.executionArn, () => ({
      ...this.record,
      callbacks: { ...this.record.callbacks },
    }));
  }

  /** Starts the run; a run that cannot even start is recorded as FAILED, never thrown. */
  start(resumeFrom?: ResumePoint): void {
    this.started = true;
    try {
      this.run(resumeFrom);
    } catch (error) {
      void this.failed(error).finally(() => this.markDone());
    }
  }

  private run(resumeFrom?: ResumePoint): void {
    const { record, machine, deps } = this;
    const originalInput: unknown = JSON.parse(record.input);
    const startTime = new Date(record.startDate).toISOString();
    const contextTokens = new ContextTaskTokens(resumeFrom?.token);
    const handlers = buildTaskHandlers(machine.local, {
      executionArn: record.executionArn,
      signal: this.controller.signal,
      contextTokens,
      registry: deps.registry,
      host: deps.host,
      logger: deps.logger,
      timeoutError: deps.timeoutError,
      ...(resumeFrom?.callbackDeadline
        ? { resumedDeadline: { stateName: resumeFrom.stateName, deadline: resumeFrom.callbackDeadline } }
        : {}),
      ...(resumeFrom?.delivered
        ? { delivered: { stateName: resumeFrom.stateName, outcome: resumeFrom.delivered } }
        : {}),
      onCallbackChange: (stateName, deadline, waiting) => this.onCallbackChange(stateName, deadline, waiting),
      onParkable: (stateName, token, deadline) => {
        if (!this.finished && !this.interrupted) {
          deps.onParkable?.(this, stateName, token, deadline);
        }
      },
    });
    if (resumeFrom?.delivered) this.reenteredState = resumeFrom.stateName;
    const engine = resumeFrom ? machine.startingAt(resumeFrom.stateName) : machine.main;
    const run = engine.run((resumeFrom ? resumeFrom.input : originalInput) as never, {
      overrides: { taskResourceLocalHandlers: handlers },
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: record.executionArn,
          Name: record.name,
          RoleArn: machine.spec.roleArn,
          StartTime: startTime,
          Input: originalInput as never,
          [CONTEXT_INPUT_KEY]: originalInput,
          [CONTEXT_START_TIME_KEY]: startTime,
        },
        StateMachine: { Id: machine.spec.arn, Name: machine.spec.name },
        Task: contextTokens.contextTask,
      },
    });
    this.controller.signal.addEventListener('abort', () => run.abort(), { once: true });
    this.armExecutionTimeout();
    const events = this.recordStateEntries(run.eventLogs);
    const result = run.result.then(
      async (output): Promise<void> => {
        await this.finish('SUCCEEDED', { output: JSON.stringify(output ?? null) });
      },
      async (error: unknown): Promise<void> => {
        await this.failed(error);
      },
    );
    void Promise.allSettled([events, result]).then(() => this.markDone());
  }

  /** StopExecution: ends the execution as ABORTED. */
  stop(error?: string, cause?: string): Promise<void> {
    return this.finish('ABORTED', { error, cause });
  }

  /**
   * An execution that never ran, to wait parked (see ParkingLot): after its run was let go, or after a restart
   * found it parked. It holds its record and its execution timeout (armed as a run would arm it), so a parked
   * execution still times out (and can be stopped) through it, and nothing of a run is left behind.
   */
  static parked(
    machine: LocalStateMachine,
    record: ExecutionRecord,
    deps: RunDependencies,
  ): RunningExecution {
    const execution = new RunningExecution(machine, record, deps);
    execution.started = true;
    execution.armExecutionTimeout();
    execution.markDone();
    return execution;
  }

  /**
   * Abandons the run without recording an end: at runtime shutdown (it resumes at the next start), or once its
   * callback task only waits for its token (an execution that never ran waits parked in its place).
   */
  interrupt(): void {
    if (!this.started) this.markDone();
    if (this.finished) return;
    this.interrupted = true;
    this.cancelExecutionTimeout();
    this.controller.abort();
  }

  /** When the execution as a whole times out (the state machine's TimeoutSeconds), if it does. */
  get executionDeadline(): number | undefined {
    const seconds = this.machine.local.executionTimeoutSeconds;
    return seconds === undefined ? undefined : this.record.startDate + seconds * 1000;
  }

  private armExecutionTimeout(): void {
    const deadline = this.executionDeadline;
    if (deadline === undefined) return;
    this.cancelExecutionTimeout = setLongTimeout(() => {
      void this.finish('TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out' });
    }, deadline - Date.now());
  }

  private async recordStateEntries(events: AsyncGenerator<{ type: string }>): Promise<void> {
    const topLevel = this.machine.local.topLevelStates;
    try {
      for await (const event of events) {
        if (event.type !== 'StateEntered') continue;
        const { state, timestamp } = event as unknown as {
          state: { name: string; input: unknown };
          timestamp: number;
        };
        if (this.reenteredState === state.name) this.reenteredState = undefined;
        else this.deps.onStateEntered?.(this.record.executionArn, state.name);
        if (this.finished) continue;
        if (!topLevel.has(state.name)) continue;
        // A parked wait and its outcome belong to the state they were stored at; a new state ends them.
        if (this.record.parked?.stateName !== state.name) delete this.record.parked;
        if (this.record.delivered?.stateName !== state.name) delete this.record.delivered;
        this.record.currentState = state.name;
        this.record.currentInput = JSON.stringify(state.input ?? null);
        this.record.stateEnteredAt = timestamp;
        this.persistQuietly();
      }
    } catch (error) {
      this.deps.logger.error('could not follow execution events', {
        executionArn: this.record.executionArn,
        ...describeError(error),
      });
    }
  }

  private onCallbackChange(stateName: string, deadline: number | undefined, waiting: boolean): void {
    if (this.finished || this.interrupted) return;
    this.record.callbacks ??= {};
    if (waiting) this.record.callbacks[stateName] = deadline ?? 0;
    else delete this.record.callbacks[stateName];
    this.persistQuietly();
  }

  private failed(error: unknown): Promise<void> {
    // The library wraps the state's error in an ExecutionError whose cause is the original.
    const original = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const { errorName, errorMessage } = describeError(original);
    if (!this.finished && !this.interrupted) {
      this.deps.logger.warn('execution failed', { executionArn: this.record.executionArn, error: errorName });
    }
    return this.finish('FAILED', { error: errorName, cause: errorMessage });
  }

  private finish(status: ExecutionStatus, fields: EndFields) {
    if (this.finished || this.interrupted) return Promise.resolve();
    this.finished = true;
    this.cancelExecutionTimeout();
    endRecord(this.record, status, fields);
    this.deps.onEnded?.(this);
    // Releases whatever still waits (tokens, timers) in this run; the outcome is already decided.
    this.controller.abort();
    const stored = this.persist();
    this.finalWritten = stored.catch(() => {});
    return stored;
  }

  private persistQuietly(): void {
    // Failures are logged by the store; the workflow never waits for these writes.
    this.persist().catch(() => {});
  }
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
