// Runs the template's schedules (EventBridge rules, EventBridge Scheduler) against the local functions, on
// business time: at TIME_SCALE 600 a `rate(1 day)` rule fires every 144 s, as the workflow's timers shrink.
import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT_ID } from '../cfn-template.ts';
import type { Logger } from '../logger.ts';
import { setLongTimeout } from '../long-timer.ts';
import { nextFiring, type ScheduleSpec } from './schedule-specs.ts';

export { parseScheduleExpression, type ScheduleSpec, scheduleSpecsFromTemplate } from './schedule-specs.ts';

/** Business time and how much faster than real time it runs (the functions' own clock). */
export interface ScheduleClock {
  now(): Date;
  readonly timeScale: number;
}

export interface ScheduleSettings {
  readonly specs: readonly ScheduleSpec[];
  readonly clock: ScheduleClock;
  readonly region: string;
  readonly invoke: (functionLogicalId: string, event: unknown) => Promise<unknown>;
  readonly logger: Logger;
}

export interface LocalSchedules {
  readonly count: number;
  /** Cancels every timer and waits for the runs under way. */
  stop(): Promise<void>;
}

/** EventBridge's scheduled event: `time` is the scheduled instant, to the second. */
function scheduledEvent(spec: ScheduleSpec, at: number, region: string): unknown {
  if (spec.input !== undefined) return spec.input;
  if (spec.source === 'scheduler') return {};
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT_ID,
    time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/${spec.logicalId}`],
    detail: {},
  };
}

/**
 * Arms one timer per schedule for its next firing in business time, converted to real time. A firing while
 * the previous run of the same schedule still goes on is skipped (logged): at a high TIME_SCALE runs would
 * otherwise pile up, where on AWS they overlap. A failed run is logged and not retried, as with retryAttempts 0.
 */
export function startSchedules(settings: ScheduleSettings): LocalSchedules {
  const { clock, logger } = settings;
  const cancels = new Map<string, () => void>();
  const running = new Map<string, Promise<void>>();
  const startedAt = clock.now().getTime();
  let stopped = false;
  const arm = (spec: ScheduleSpec, key: string, after: number) => {
    const due = nextFiring(spec.expression, after, startedAt);
    if (due === undefined || stopped) return;
    const realDelay = Math.max(0, (due - clock.now().getTime()) / clock.timeScale);
    cancels.set(
      key,
      setLongTimeout(() => {
        arm(spec, key, due);
        if (running.has(key)) {
          logger.warn('schedule skipped: its previous run is still going', { schedule: spec.logicalId });
          return;
        }
        const run = settings
          .invoke(spec.functionLogicalId, scheduledEvent(spec, due, settings.region))
          .then(
            () => undefined,
            (error: unknown) => {
              logger.error('scheduled run failed', {
                schedule: spec.logicalId,
                function: spec.functionLogicalId,
                error: error instanceof Error ? error.message : String(error),
              });
            },
          )
          .finally(() => running.delete(key));
        running.set(key, run);
      }, realDelay),
    );
  };
  settings.specs.forEach((spec, index) => {
    arm(spec, `${spec.logicalId}#${index}`, startedAt);
  });
  return {
    count: settings.specs.length,
    stop: async () => {
      stopped = true;
      for (const cancel of cancels.values()) cancel();
      await Promise.all(running.values());
    },
  };
}
