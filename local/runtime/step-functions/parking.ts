// Parking: an execution whose callback task only waits for its token is set aside without the
// engine's run (tens of kilobytes), so thousands of cases can wait for a worker at once. What
// stays is its RunningExecution (record and execution timeout) and its pending token, whose
// deadline the token registry keeps. Its stored record is what it was while the run waited, so
// a restart resumes it the same way.
import type { RunningExecution } from './execution-run.ts';
import type { TaskOutcome, TaskTokenRegistry } from './task-tokens.ts';

export interface ParkedExecution {
  readonly execution: RunningExecution;
  readonly stateName: string;
  readonly token: string;
}

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

  /** Sets `execution` aside; its callback task at `stateName` waits for `token` until `deadline`, if any. */
  park(execution: RunningExecution, stateName: string, token: string, deadline: number | undefined): void {
    const { executionArn } = execution.record;
    // Releasing the run forgets the token; it is registered again below, for the parked wait.
    execution.park();
    const parked = { execution, stateName, token };
    this.parked.set(executionArn, parked);
    this.registry.register(
      token,
      executionArn,
      (outcome) => {
        if (this.take(executionArn) !== parked) return;
        // The resumed run arms its own execution timeout; the parked one's is no longer needed.
        execution.interrupt();
        this.resume(parked, outcome);
      },
      deadline,
    );
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
