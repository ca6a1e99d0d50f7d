// Parking: an execution whose callback task only waits for its token is set aside without the
// engine's run (tens of kilobytes), so thousands of cases can wait for a worker at once. What
// stays is its RunningExecution (record and execution timeout) and its pending token, whose
// deadline the token registry keeps. Its record stores the token too, so a restart parks it again
// on the same token without running its task again (as Step Functions never invokes a waiting
// task twice), and stores how the wait ended before the SendTask* call is answered, so an
// acknowledged decision survives a kill.
import type { RunningExecution } from './execution-run.ts';
import type { ExecutionRecord } from './execution-store.ts';
import type { TaskOutcome, TaskTokenRegistry } from './task-tokens.ts';

export interface ParkedExecution {
  readonly execution: RunningExecution;
  readonly stateName: string;
  readonly token: string;
}

/** What a parked wait stores besides its deadline: where it waits and its token. */
export type ParkedWait = NonNullable<ExecutionRecord['parked']>;

export class ParkingLot {
  private readonly parked = new Map<string, ParkedExecution>();

  constructor(
    private readonly registry: TaskTokenRegistry,
    /** Runs a parked execution again once its token is used or its deadline passes. */
    private readonly resume: (parked: ParkedExecution, outcome: TaskOutcome) => void,
  ) {}

  get size(): number {
    return this.parked.size;
  }

  /** The parked execution with this ARN, if any. */
  get(executionArn: string): RunningExecution | undefined {
    return this.parked.get(executionArn)?.execution;
  }

  executions(): RunningExecution[] {
    return [...this.parked.values()].map((parked) => parked.execution);
  }

  /**
   * Sets `execution` (one that never ran: RunningExecution.parked) aside; its callback task at
   * `wait.stateName` waits for `wait.token` until `deadline`, if any.
   */
  park(execution: RunningExecution, wait: ParkedWait, deadline: number | undefined): void {
    const { stateName, token } = wait;
    const { record } = execution;
    const { executionArn } = record;
    const parked = { execution, stateName, token };
    this.parked.set(executionArn, parked);
    if (record.parked?.stateName !== stateName || record.parked.token !== token) {
      record.parked = wait;
      // Not awaited: until it is stored, a restart runs the task again, which stores its token again.
      execution.persist().catch(() => {});
    }
    this.registry.register(
      token,
      executionArn,
      (outcome) => {
        if (this.take(executionArn) !== parked) return;
        // The resumed run arms its own execution timeout; the parked one's is no longer needed.
        execution.interrupt();
        delete record.parked;
        record.delivered = { stateName, outcome };
        const stored = execution.persist();
        this.resume(parked, outcome);
        return stored;
      },
      deadline,
    );
  }

  /**
   * Takes a parked execution out of its wait without ending it, for a run of its task on the same token (which
   * registers the token again as it claims it); undefined if it no longer waits parked.
   */
  release(executionArn: string): ParkedExecution | undefined {
    const parked = this.take(executionArn);
    parked?.execution.interrupt();
    return parked;
  }

  /** An execution ended (stopped or timed out while parked): its token is forgotten. */
  ended(execution: RunningExecution): void {
    const parked = this.parked.get(execution.record.executionArn);
    if (parked?.execution === execution) this.take(execution.record.executionArn);
  }

  /** Runtime shutdown: forgets every parked wait; the stored records resume at the next start. */
  close(): void {
    for (const { execution } of this.parked.values()) {
      this.take(execution.record.executionArn);
      execution.interrupt();
    }
  }

  private take(executionArn: string): ParkedExecution | undefined {
    const parked = this.parked.get(executionArn);
    if (!parked) return undefined;
    this.parked.delete(executionArn);
    this.registry.forget(parked.token);
    return parked;
  }
}
