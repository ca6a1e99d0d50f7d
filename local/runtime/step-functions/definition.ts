// The local rewrite of a state machine definition. The rewrite works on a copy and never
// changes what the workflow means; it only moves the parts aws-local-stepfunctions gets wrong
// (task timeouts, execution timeout, context object fields) to where the runtime enforces them.
import { isRecord } from '../cfn-template.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

/** Hidden Parameters keys the task handlers strip before calling the function. */
export const PAYLOAD_KEY = '__localPayload';
export const TIMEOUT_KEY = '__localTimeoutSeconds';

/**
 * What the library sees as every Task's timeout. Its own default is 60 s and anything above
 * ~2,147,483 s fires at once (setTimeout limit); this stays below and is effectively unlimited.
 * The real timeouts are enforced by the task handlers.
 */
export const LIBRARY_TASK_TIMEOUT_SECONDS = 2_000_000;

/** Context fields the library overwrites per run (and per Parallel branch); paths are pointed at copies. */
export const CONTEXT_INPUT_KEY = '__Input';
export const CONTEXT_START_TIME_KEY = '__StartTime';

export type TaskKind = 'lambda-invoke' | 'lambda-callback' | 'lambda-direct' | 'unsupported';

export interface TaskStateInfo {
  name: string;
  resource: string;
  kind: TaskKind;
  /** The Parameters output is wrapped: `{ [PAYLOAD_KEY]: payload, [TIMEOUT_KEY]: seconds }`. */
  wrapped: boolean;
}

export interface LocalDefinition {
  /** The rewritten definition the library runs. */
  definition: JsonObject;
  /** Top-level state names: the only ones an execution is persisted at and resumed from. */
  topLevelStates: Set<string>;
  /** Every Task state, nested ones included (state names are unique across a state machine). */
  tasks: Map<string, TaskStateInfo>;
  /** The execution's own TimeoutSeconds, enforced by the runtime. */
  executionTimeoutSeconds?: number;
}

export class InvalidDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDefinitionError';
  }
}

export function taskKind(resource: string): TaskKind {
  if (/^arn:[^:]+:states:::lambda:invoke$/.test(resource)) return 'lambda-invoke';
  if (/^arn:[^:]+:states:::lambda:invoke\.waitForTaskToken$/.test(resource)) return 'lambda-callback';
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/.test(resource)) return 'lambda-direct';
  return 'unsupported';
}

export function localDefinition(original: JsonObject): LocalDefinition {
  if (!isRecord(original.States) || typeof original.StartAt !== 'string') {
    throw new InvalidDefinitionError('A state machine definition needs StartAt and States');
  }
  const tasks = new Map<string, TaskStateInfo>();
  const definition = rewriteMachine(structuredClone(original), tasks);
  const timeout = definition.TimeoutSeconds;
  delete definition.TimeoutSeconds;
  return {
    definition,
    topLevelStates: new Set(Object.keys(original.States)),
    tasks,
    ...(typeof timeout === 'number' && timeout > 0 ? { executionTimeoutSeconds: timeout } : {}),
  };
}

/** The same rewritten definition, starting at another top-level state (used to resume). */
export function startingAt(local: LocalDefinition, stateName: string): JsonObject {
  if (!local.topLevelStates.has(stateName)) {
    throw new InvalidDefinitionError(`State ${stateName} is not a top-level state of this state machine`);
  }
  return { ...local.definition, StartAt: stateName };
}

function rewriteMachine(machine: JsonObject, tasks: Map<string, TaskStateInfo>): JsonObject {
  const states = machine.States as Record<string, JsonObject>;
  for (const [name, state] of Object.entries(states)) {
    states[name] = rewriteState(name, state, tasks);
  }
  return machine;
}

function rewriteState(name: string, state: JsonObject, tasks: Map<string, TaskStateInfo>): JsonObject {
  const rewritten = pointContextPathsAtCopies(state) as JsonObject;
  for (const branch of asList(rewritten.Branches)) rewriteMachine(branch, tasks);
  for (const key of ['Iterator', 'ItemProcessor']) {
    if (isRecord(rewritten[key])) rewriteMachine(rewritten[key], tasks);
  }
  if (rewritten.Type === 'Task') rewriteTask(name, rewritten, tasks);
  return rewritten;
}

function rewriteTask(name: string, task: JsonObject, tasks: Map<string, TaskStateInfo>): void {
  const resource = String(task.Resource ?? '');
  const timeoutSeconds = task.TimeoutSeconds;
  const timeoutPath = task.TimeoutSecondsPath;
  const wrapped = timeoutSeconds !== undefined || timeoutPath !== undefined;
  if (wrapped) {
    // On AWS TimeoutSecondsPath reads the state input; the library reads the Parameters output.
    // Evaluating it inside Parameters (which sees the same effective input) restores AWS behaviour.
    const payload = 'Parameters' in task ? { [PAYLOAD_KEY]: task.Parameters } : { [`${PAYLOAD_KEY}.$`]: '$' };
    const timeout =
      typeof timeoutPath === 'string'
        ? { [`${TIMEOUT_KEY}.$`]: timeoutPath }
        : { [TIMEOUT_KEY]: timeoutSeconds };
    task.Parameters = { ...payload, ...timeout };
  }
  delete task.TimeoutSecondsPath;
  delete task.HeartbeatSeconds;
  delete task.HeartbeatSecondsPath;
  task.TimeoutSeconds = LIBRARY_TASK_TIMEOUT_SECONDS;
  tasks.set(name, { name, resource, kind: taskKind(resource), wrapped });
}

/** Keys whose string value is a path (or, for `.$` keys, a path or intrinsic) that may start with `$$`. */
function isPathKey(key: string): boolean {
  return key.endsWith('.$') || key.endsWith('Path') || key === 'Variable';
}

/**
 * Points `$$.Execution.Input` / `$$.Execution.StartTime` at copies the runtime provides, since the
 * library replaces them with the current run's input and time (wrong for resumed runs and inside
 * Parallel branches). Literal values (`Result`, plain keys) are left untouched.
 */
function pointContextPathsAtCopies(value: Json, key = ''): Json {
  if (typeof value === 'string') {
    return isPathKey(key)
      ? value
          .replace(/\$\$\.Execution\.Input\b/g, `$$$$.Execution.${CONTEXT_INPUT_KEY}`)
          .replace(/\$\$\.Execution\.StartTime\b/g, `$$$$.Execution.${CONTEXT_START_TIME_KEY}`)
      : value;
  }
  if (Array.isArray(value)) return value.map((item) => pointContextPathsAtCopies(item, key));
  if (!isRecord(value)) return value;
  const out: JsonObject = {};
  for (const [childKey, child] of Object.entries(value)) {
    // Nested state machines are rewritten state by state by rewriteMachine.
    const literal = childKey === 'Result' || childKey === 'Branches' || childKey === 'Iterator';
    out[childKey] =
      literal || childKey === 'ItemProcessor' ? child : pointContextPathsAtCopies(child, childKey);
  }
  return out;
}

function asList(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
