// The Step Functions service behind the local endpoint: starts, describes, lists and stops
// executions, settles task tokens, resumes unfinished executions at start and abandons
// running ones (without ending them) at close.
import { randomUUID } from 'node:crypto';
import {
  ExecutionAlreadyExistsError,
  ExecutionDoesNotExistError,
  ServiceClosingError,
  StateMachineDoesNotExistError,
  ValidationError,
} from './api-errors.ts';
import { endRecord, type RunDependencies, RunningExecution } from './execution-run.ts';
import type { ExecutionRecord, ExecutionStatus } from './execution-store.ts';
import { type ParkedExecution, ParkingLot } from './parking.ts';
import { checkArn, checkName, parseOr, sameJson, validateInput } from './request-checks.ts';
import { inLanes, type PendingResume, resumeStepOf } from './resume-plan.ts';
import type { LocalStateMachine } from './state-machines.ts';
import type { TaskOutcome } from './task-tokens.ts';

/** How many resumed executions run at once after a restart (until each parks, waits or ends). */
const RESUME_LANES = 32;
/**
 * After a crash, how many of the waits parked again run their task once more at a time, in the background, on the
 * same token (as a Retry of the task would). A decision stored just before a kill may not have reached the engine;
 * the task finds it in the data and settles the wait. Few at a time: the waits hold already, this only checks.
 */
const RECHECK_LANES = 2;

const STATUSES = new Set<ExecutionStatus>(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

export interface StartedExecution {
  executionArn: string;
  startDate: number;
}

/** Like AWS: the same name and input while still running returns the running execution. */
function sameStart(existing: ExecutionRecord, input: string): StartedExecution {
  if (existing.status === 'RUNNING' && sameJson(existing.input, input)) {
    return { executionArn: existing.executionArn, startDate: existing.startDate };
  }
  throw new ExecutionAlreadyExistsError(existing.executionArn);
}

export class ExecutionManager {
  private readonly machines = new Map<string, LocalStateMachine>();
  private readonly live = new Map<string, RunningExecution>();
  private readonly parking: ParkingLot;
  /** StartExecution calls in progress per execution ARN, so two starts with one name agree. */
  private readonly starting = new Map<string, Promise<StartedExecution>>();
  private closing = false;
  /** The background resume of a previous run's executions, if one is going on. */
  private resuming: Promise<void> = Promise.resolve();

  private readonly deps: RunDependencies;

  constructor(machines: LocalStateMachine[], deps: RunDependencies) {
    for (const machine of machines) this.machines.set(machine.spec.arn, machine);
    this.parking = new ParkingLot(deps.registry, (parked, outcome) => this.unpark(parked, outcome));
    this.deps = {
      ...deps,
      onParkable: (execution, stateName, token, deadline) => {
        if (this.closing) return;
        const { record } = execution;
        if (this.live.get(record.executionArn) === execution) this.live.delete(record.executionArn);
        // The run is let go (it forgets its token, registered again for the parked wait).
        execution.interrupt();
        const machine = this.stateMachine(record.stateMachineArn);
        this.parking.park(
          RunningExecution.parked(machine, record, this.deps),
          { stateName, token },
          deadline,
        );
      },
      onEnded: (execution) => this.parking.ended(execution),
    };
  }

  /** How many executions wait parked for a task token. */
  get parkedCount(): number {
    return this.parking.size;
  }

  stateMachine(stateMachineArn: unknown): LocalStateMachine {
    const machine = typeof stateMachineArn === 'string' ? this.machines.get(stateMachineArn) : undefined;
    if (!machine) throw new StateMachineDoesNotExistError(String(stateMachineArn));
    return machine;
  }

  listStateMachines(): LocalStateMachine[] {
    return [...this.machines.values()];
  }

  async startExecution(request: { stateMachineArn?: unknown; name?: unknown; input?: unknown }) {
    if (this.closing) throw new ServiceClosingError();
    const machine = this.stateMachine(request.stateMachineArn);
    const name = request.name === undefined ? randomUUID() : String(request.name);
    checkName(name);
    const input = request.input === undefined ? '{}' : String(request.input);
    validateInput(input);
    const executionArn = `${machine.spec.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    // Serialized per ARN: a second start with the same name sees the first one's record.
    const previous = this.starting.get(executionArn) ?? Promise.resolve();
    const started = previous
      .catch(() => undefined)
      .then(() => this.startOnce(machine, executionArn, name, input));
    this.starting.set(executionArn, started);
    try {
      return await started;
    } finally {
      if (this.starting.get(executionArn) === started) this.starting.delete(executionArn);
    }
  }

  private async startOnce(machine: LocalStateMachine, executionArn: string, name: string, input: string) {
    const inMemory = this.inMemory(executionArn);
    if (inMemory) return sameStart(inMemory, input);
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.spec.arn,
      name,
      input,
      status: 'RUNNING',
      startDate: Date.now(),
      callbacks: {},
    };
    // Durable before the caller hears of it: an accepted start survives a kill. One conditional write
    // both stores it and finds out whether the name was used before (no read first).
    if (!(await this.deps.store.create(record))) {
      const existing = await this.deps.store.get(executionArn);
      if (!existing) throw new ExecutionAlreadyExistsError(executionArn);
      return sameStart(existing, input);
    }
    this.track(new RunningExecution(machine, record, this.deps)).start();
    return { executionArn, startDate: record.startDate };
  }

  async describeExecution(executionArn: unknown): Promise<ExecutionRecord> {
    const record = await this.find(checkArn(executionArn, ':execution:'));
    if (!record) throw new ExecutionDoesNotExistError(String(executionArn));
    return record;
  }

  async stopExecution(request: { executionArn?: unknown; error?: unknown; cause?: unknown }) {
    const executionArn = checkArn(request.executionArn, ':execution:');
    const error = request.error === undefined ? undefined : String(request.error);
    const cause = request.cause === undefined ? undefined : String(request.cause);
    const running = this.parking.get(executionArn) ?? this.live.get(executionArn);
    if (running && !running.isFinished) {
      await running.stop(error, cause);
      return { stopDate: running.record.stopDate ?? Date.now() };
    }
    const record = await this.find(executionArn);
    if (!record) throw new ExecutionDoesNotExistError(executionArn);
    return { stopDate: record.stopDate ?? Date.now() };
  }

  async listExecutions(request: {
    stateMachineArn?: unknown;
    statusFilter?: unknown;
    maxResults?: unknown;
    nextToken?: unknown;
  }) {
    const machine = this.stateMachine(request.stateMachineArn);
    const status = request.statusFilter as ExecutionStatus | undefined;
    if (status !== undefined && !STATUSES.has(status)) {
      throw new ValidationError(`Invalid statusFilter ${status}`);
    }
    const byArn = new Map<string, ExecutionRecord>();
    for (const record of await this.deps.store.scan({ stateMachineArn: machine.spec.arn, status })) {
      byArn.set(record.executionArn, record);
    }
    // Live records may be newer than what is stored yet.
    for (const record of this.inMemoryRecords()) {
      if (record.stateMachineArn !== machine.spec.arn) continue;
      if (status === undefined || record.status === status) byArn.set(record.executionArn, record);
      else byArn.delete(record.executionArn);
    }
    const sorted = [...byArn.values()].sort((a, b) => b.startDate - a.startDate);
    const offset = request.nextToken
      ? Number(Buffer.from(String(request.nextToken), 'base64url').toString())
      : 0;
    const pageSize = Math.min(Math.max(Number(request.maxResults) || 100, 1), 1000);
    const page = sorted.slice(offset, offset + pageSize);
    const more = offset + pageSize < sorted.length;
    return {
      executions: page,
      ...(more ? { nextToken: Buffer.from(String(offset + pageSize)).toString('base64url') } : {}),
    };
  }

  /**
   * Resumes every RUNNING execution of a previous run; returns how many will be resumed. They start in the
   * background, a few at a time (each runs until it parks, waits or ends), so a restart with thousands of
   * waiting cases neither delays the start nor runs thousands of steps at once.
   */
  async resumeAll({ checkWaits }: { checkWaits: boolean }): Promise<number> {
    const resumed: PendingResume[] = [];
    const parked: PendingResume[] = [];
    for (const record of await this.deps.store.scan({ status: 'RUNNING' })) {
      const step = resumeStepOf(record, this.machines);
      if (step.kind === 'abandon') {
        await this.abandon(record, step.cause);
      } else if (step.kind === 'resume') {
        resumed.push(step.pending);
      } else {
        const execution = RunningExecution.parked(step.pending.machine, record, this.deps);
        this.parking.park(execution, step.wait, step.deadline);
        parked.push(step.pending);
      }
    }
    const stopped = () => this.closing;
    this.resuming = Promise.all([
      inLanes(resumed, RESUME_LANES, stopped, (pending) => this.resume(pending)),
      // Only after a crash: see RECHECK_LANES.
      inLanes(checkWaits ? parked : [], RECHECK_LANES, stopped, (pending) => this.recheck(pending)),
    ]).then(() => {});
    return resumed.length + parked.length;
  }

  /** Runs the execution from where it was; resolves once it parks, ends or is interrupted. */
  private async resume({ machine, record, resumePoint }: PendingResume): Promise<void> {
    const execution = this.track(new RunningExecution(machine, record, this.deps));
    execution.start(resumePoint);
    this.deps.logger.info('resumed execution', {
      executionArn: record.executionArn,
      state: resumePoint?.stateName ?? '(start)',
    });
    await execution.done;
  }

  /** Runs the task of a wait parked again after a crash once more, on its same token (see RECHECK_LANES). */
  private async recheck(pending: PendingResume): Promise<void> {
    // A deadline that passed while the runtime was down ends the wait at once, without its task.
    const deadline = pending.resumePoint?.callbackDeadline;
    if (deadline !== undefined && deadline <= Date.now()) return;
    // Woken, stopped or timed out meanwhile: its wait is over already.
    if (!this.parking.release(pending.record.executionArn)) return;
    const execution = this.track(new RunningExecution(pending.machine, pending.record, this.deps));
    execution.start(pending.resumePoint);
    await execution.done;
  }

  /** Abandons running executions without recording an end, then waits for pending writes. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(this.starting.values());
    // Parked executions are stored as waiting: the next start resumes them like any other.
    this.parking.close();
    const running = [...this.live.values()];
    for (const execution of running) execution.interrupt();
    await Promise.all(running.map((execution) => execution.done));
    // Its lanes stop starting executions once closing; the ones they started were interrupted above.
    await this.resuming;
    await this.deps.store.flushed();
  }

  private track(execution: RunningExecution): RunningExecution {
    const { executionArn } = execution.record;
    this.live.set(executionArn, execution);
    // Once ended and stored, the table is the source of truth and memory is released.
    void execution.done
      .then(() => execution.finalWrite)
      .then(() => {
        if (this.live.get(executionArn) === execution && execution.isFinished) this.live.delete(executionArn);
      });
    return execution;
  }

  /** The record of an execution running or parked here: newer than the stored one. */
  private inMemory(executionArn: string): ExecutionRecord | undefined {
    return (this.live.get(executionArn) ?? this.parking.get(executionArn))?.record;
  }

  private inMemoryRecords(): ExecutionRecord[] {
    return [...this.live.values(), ...this.parking.executions()].map((execution) => execution.record);
  }

  private async find(executionArn: string): Promise<ExecutionRecord | undefined> {
    return this.inMemory(executionArn) ?? (await this.deps.store.get(executionArn));
  }

  /** Runs a parked execution again from its callback state, which takes `outcome` as its result. */
  private unpark({ execution, stateName }: ParkedExecution, outcome: TaskOutcome): void {
    if (this.closing) throw new ServiceClosingError();
    const { record } = execution;
    this.track(new RunningExecution(this.stateMachine(record.stateMachineArn), record, this.deps)).start({
      stateName,
      input: parseOr(record.currentInput, null),
      delivered: outcome,
    });
  }

  private async abandon(record: ExecutionRecord, cause: string): Promise<void> {
    this.deps.logger.warn('cannot resume execution', { executionArn: record.executionArn, cause });
    const failed = endRecord({ ...record }, 'FAILED', { error: 'Local.Resume', cause });
    await this.deps.store.save(record.executionArn, () => failed);
  }
}
