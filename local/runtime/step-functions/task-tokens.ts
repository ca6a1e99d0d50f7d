// Task tokens for `.waitForTaskToken` tasks: issued when a state's Parameters read
// `$$.Task.Token`, claimed by the task that was given them, settled by SendTask* calls.
// The registry lives in memory; a parked wait's token is also stored on its execution's record, so a
// restart waits on the same token (see ParkingLot) and links sent before it keep working.
import { randomBytes } from 'node:crypto';
import { setLongTimeout } from '../long-timer.ts';

const TOKEN_PATTERN = /^AQ(?:[A-Za-z0-9_-]{64}|[A-Za-z0-9+/]{64,})$/;
const REMEMBERED_TIMEOUTS = 10_000;

export class TaskTokenError extends Error {
  constructor(
    /** The Step Functions error code (`TaskDoesNotExist`, `TaskTimedOut`, `InvalidToken`). */
    readonly code: 'TaskDoesNotExist' | 'TaskTimedOut' | 'InvalidToken',
    message: string,
  ) {
    super(message);
    this.name = 'TaskTokenError';
  }
}

/** How a callback task's wait ended: its token was used, or its deadline passed. */
export type TaskOutcome =
  | { ok: true; output: unknown }
  | { ok: false; error: string; cause: string }
  | { ok: false; timedOut: true };

/** Takes a wait's outcome; a promise says when the outcome is durable (SendTask* answers after it). */
export type SettleTask = (outcome: TaskOutcome) => void | Promise<void>;

interface PendingTask {
  executionArn: string;
  settle: SettleTask;
  cancelDeadline: () => void;
}

export class TaskTokenRegistry {
  private readonly pending = new Map<string, PendingTask>();
  /** Tokens whose task timed out, so late callers get TaskTimedOut rather than TaskDoesNotExist. */
  private readonly timedOut = new Set<string>();

  /**
   * 0 for the local engine's short tokens; a length in bytes for tokens shaped like AWS's (base64 text of that
   * many bytes, ~700–1000 characters), so that a benchmark prices the writes that carry one as AWS bills them.
   */
  static awsSizedTokenBytes = 0;

  static newToken(): string {
    const bytes = TaskTokenRegistry.awsSizedTokenBytes;
    if (bytes > 0)
      return Buffer.concat([Buffer.from([1, 0, 0x84]), randomBytes(bytes - 3)]).toString('base64');
    return `AQ${randomBytes(48).toString('base64url')}`;
  }

  /**
   * Registers a claimed token; `settle` is called once, by SendTaskSuccess/Failure or when `deadline` (epoch ms)
   * passes. This is the one timer of a callback task's deadline, whether its run waits or is parked.
   */
  register(token: string, executionArn: string, settle: SettleTask, deadline?: number): void {
    this.forget(token);
    const cancelDeadline =
      deadline === undefined
        ? () => {}
        : setLongTimeout(() => {
            this.markTimedOut(token);
            try {
              // Not awaited: a restart before it is stored finds the deadline passed and times out again.
              void Promise.resolve(settle({ ok: false, timedOut: true })).catch(() => {});
            } catch {
              // Refused while the runtime closes: the stored deadline is taken up again at the next start.
            }
          }, deadline - Date.now());
    this.pending.set(token, { executionArn, settle, cancelDeadline });
  }

  /** The task stopped waiting (its own failure, abort, or execution end): forget the token. */
  forget(token: string): void {
    this.pending.get(token)?.cancelDeadline();
    this.pending.delete(token);
  }

  private markTimedOut(token: string): void {
    this.forget(token);
    this.timedOut.add(token);
    if (this.timedOut.size > REMEMBERED_TIMEOUTS) {
      const oldest = this.timedOut.values().next().value;
      if (oldest !== undefined) this.timedOut.delete(oldest);
    }
  }

  /** Settles once the outcome is durable where the wait needs it to be (a parked wait: its record). */
  async succeed(token: string, output: unknown): Promise<void> {
    await this.take(token).settle({ ok: true, output });
  }

  async fail(token: string, error: string, cause: string): Promise<void> {
    await this.take(token).settle({ ok: false, error, cause });
  }

  heartbeat(token: string): void {
    this.find(token);
  }

  private take(token: string): PendingTask {
    const task = this.find(token);
    this.forget(token);
    return task;
  }

  private find(token: string): PendingTask {
    if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) {
      throw new TaskTokenError('InvalidToken', 'Invalid token');
    }
    if (this.timedOut.has(token)) throw new TaskTokenError('TaskTimedOut', 'Task Timed Out');
    const task = this.pending.get(token);
    if (!task) throw new TaskTokenError('TaskDoesNotExist', 'Task does not exist anymore');
    return task;
  }
}

/**
 * The `Task` part of one execution's context object. The library spreads the context shallowly,
 * so this object (and its getter) survive; every evaluation of a state's Parameters gets a fresh
 * token, while repeated reads within the same synchronous evaluation agree on one.
 */
export class ContextTaskTokens {
  private current: string | undefined;

  /** `pinned`: the token the first evaluation gets (a wait run again on the token it had). */
  constructor(private pinned?: string) {}

  readonly contextTask = Object.defineProperty({}, 'Token', {
    enumerable: true,
    get: () => this.peek(),
  });

  private peek(): string {
    if (!this.current) {
      const token = this.pinned ?? TaskTokenRegistry.newToken();
      this.pinned = undefined;
      this.current = token;
      queueMicrotask(() => {
        if (this.current === token) this.current = undefined;
      });
    }
    return this.current;
  }

  /**
   * Claims the token the calling task's Parameters just read. The task handler runs synchronously
   * right after its Parameters are evaluated, so the current token is the one in its payload.
   */
  claim(payload: unknown): string | undefined {
    const token = this.current;
    this.current = undefined;
    return token !== undefined && containsString(payload, token) ? token : undefined;
  }
}

function containsString(value: unknown, wanted: string): boolean {
  if (typeof value === 'string') return value === wanted;
  if (Array.isArray(value)) return value.some((item) => containsString(item, wanted));
  if (value && typeof value === 'object') return Object.values(value).some((v) => containsString(v, wanted));
  return false;
}
