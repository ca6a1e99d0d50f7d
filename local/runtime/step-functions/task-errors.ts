// Errors task handlers reject with. The library matches Retry/Catch `ErrorEquals` on `name`
// and skips errors whose `isRetryable` / `isCatchable` is false.

/** A task failed with a given Step Functions error name (the Lambda errorType or SendTaskFailure's error). */
export class TaskFailureError extends Error {
  constructor(errorName: string, cause: string) {
    super(cause);
    this.name = errorName;
  }
}

/** A misconfiguration that AWS reports as States.Runtime: neither retried nor caught. */
export class StatesRuntimeError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor(message: string) {
    super(message);
    this.name = 'States.Runtime';
  }
}

/** The execution was stopped or the runtime is closing: unwind without running Retry/Catch. */
export class ExecutionInterruptedError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor() {
    super('Execution interrupted');
    this.name = 'ExecutionInterruptedError';
  }
}
