// What a start does with each execution a previous run left RUNNING: abandon it (its state machine or state is
// gone from the template), park it again on its stored token, or resume it at its recorded state (with the
// outcome of its wait, when one was stored before the kill).
import type { ResumePoint } from './execution-run.ts';
import type { ExecutionRecord } from './execution-store.ts';
import type { ParkedWait } from './parking.ts';
import { parseOr } from './request-checks.ts';
import type { LocalStateMachine } from './state-machines.ts';

/** An execution of a previous run and where it picks up. */
export interface PendingResume {
  readonly machine: LocalStateMachine;
  readonly record: ExecutionRecord;
  readonly resumePoint?: ResumePoint;
}

export type ResumeStep =
  | { readonly kind: 'abandon'; readonly record: ExecutionRecord; readonly cause: string }
  /** Waits parked again on `wait.token`; `pending` runs its task once more on that token, if asked to. */
  | {
      readonly kind: 'park';
      readonly pending: PendingResume;
      readonly wait: ParkedWait;
      readonly deadline?: number;
    }
  | { readonly kind: 'resume'; readonly pending: PendingResume };

export function resumeStepOf(
  record: ExecutionRecord,
  machines: ReadonlyMap<string, LocalStateMachine>,
): ResumeStep {
  const machine = machines.get(record.stateMachineArn);
  const state = record.currentState;
  if (!machine || (state !== undefined && !machine.local.topLevelStates.has(state))) {
    const what = machine ? `state ${state}` : `state machine ${record.stateMachineArn}`;
    return { kind: 'abandon', record, cause: `The ${what} no longer exists in the template` };
  }
  if (state === undefined) return { kind: 'resume', pending: { machine, record } };
  // 0 means no deadline.
  const deadline = record.callbacks?.[state] || undefined;
  const at = {
    stateName: state,
    input: parseOr(record.currentInput, null),
    ...(deadline ? { callbackDeadline: deadline } : {}),
  };
  const { parked, delivered } = record;
  if (parked?.stateName === state && delivered === undefined) {
    const pending = { machine, record, resumePoint: { ...at, token: parked.token } };
    return { kind: 'park', pending, wait: parked, ...(deadline ? { deadline } : {}) };
  }
  const outcome = delivered?.stateName === state ? { delivered: delivered.outcome } : {};
  return { kind: 'resume', pending: { machine, record, resumePoint: { ...at, ...outcome } } };
}

/** Runs `each` over `items`, `lanes` at a time, until all are done or `stopped()` says to stop. */
export async function inLanes<T>(
  items: readonly T[],
  lanes: number,
  stopped: () => boolean,
  each: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stopped()) await each(items[next++] as T);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}
