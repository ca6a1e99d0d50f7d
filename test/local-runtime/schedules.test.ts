// The local runtime's schedules: read from the template (EventBridge rules, Scheduler schedules) and fired on
// business time, so TIME_SCALE shrinks a daily rule as it shrinks the workflow's timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CfnTemplate } from '#local/runtime/cfn-template.ts';
import {
  parseScheduleExpression,
  scheduleSpecsFromTemplate,
  startSchedules,
} from '#local/runtime/schedules/index.ts';
import { nextFiring } from '#local/runtime/schedules/schedule-specs.ts';

const fnArn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

const template: CfnTemplate = {
  Resources: {
    Sweep: { Type: 'AWS::Lambda::Function', Properties: {} },
    Daily: {
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'rate(1 day)',
        State: 'ENABLED',
        Targets: [{ Arn: fnArn('Sweep'), Id: 'T' }],
      },
    },
    Off: {
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'rate(1 hour)',
        State: 'DISABLED',
        Targets: [{ Arn: fnArn('Sweep'), Id: 'T' }],
      },
    },
    OnEvents: {
      Type: 'AWS::Events::Rule',
      Properties: { EventPattern: { source: ['aws.s3'] }, Targets: [{ Arn: fnArn('Sweep'), Id: 'T' }] },
    },
    Nightly: {
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        ScheduleExpression: 'cron(0 2 * * ? *)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: fnArn('Sweep'), RoleArn: 'arn:aws:iam::000000000000:role/x', Input: '{"full":true}' },
      },
    },
  },
};

const at = (iso: string) => Date.parse(iso);

describe('schedules from the template', () => {
  it('reads enabled schedule rules and Scheduler schedules that target a function, nothing else', () => {
    const specs = scheduleSpecsFromTemplate(template, new Set(['Sweep']));

    expect(specs).toEqual([
      {
        logicalId: 'Daily',
        expression: { kind: 'rate', everyMs: 86_400_000 },
        functionLogicalId: 'Sweep',
        source: 'rule',
      },
      {
        logicalId: 'Nightly',
        expression: parseScheduleExpression('cron(0 2 * * ? *)'),
        functionLogicalId: 'Sweep',
        source: 'scheduler',
        input: { full: true },
      },
    ]);
    expect(scheduleSpecsFromTemplate(template, new Set())).toEqual([]);
  });

  it('refuses an expression it cannot honour rather than never firing', () => {
    expect(() => parseScheduleExpression('rate(1 fortnight)')).toThrow(/Unsupported/);
    expect(() => parseScheduleExpression('cron(0 2 L * ? *)')).toThrow(/Unsupported/);
  });

  it('finds the next firing of cron expressions in UTC, days of week counted from Sunday = 1', () => {
    const nightly = parseScheduleExpression('cron(0 2 * * ? *)');
    const officeHours = parseScheduleExpression('cron(0/15 9-17 ? * MON-FRI *)');

    expect(nextFiring(nightly, at('2026-11-30T03:00:00Z'), 0)).toBe(at('2026-12-01T02:00:00Z'));
    expect(nextFiring(officeHours, at('2026-11-28T12:00:00Z'), 0)).toBe(at('2026-11-30T09:00:00Z'));
    expect(nextFiring(officeHours, at('2026-11-30T09:00:00Z'), 0)).toBe(at('2026-11-30T09:15:00Z'));
    expect(nextFiring(parseScheduleExpression('cron(0 0 1 1 ? 2025)'), at('2026-01-01T00:00:00Z'), 0)).toBe(
      undefined,
    );
  });

  it('counts rate periods from the start', () => {
    const hourly = parseScheduleExpression('rate(1 hour)');

    expect(nextFiring(hourly, at('2026-11-30T00:00:00Z'), at('2026-11-30T00:00:00Z'))).toBe(
      at('2026-11-30T01:00:00Z'),
    );
    expect(nextFiring(hourly, at('2026-11-30T01:30:00Z'), at('2026-11-30T00:00:00Z'))).toBe(
      at('2026-11-30T02:00:00Z'),
    );
  });
});

describe('startSchedules', () => {
  const specs = scheduleSpecsFromTemplate(template, new Set(['Sweep'])).filter(
    (spec) => spec.source === 'rule',
  );
  // A business day passes in 40 ms of real time.
  const clock = () => {
    const start = Date.now();
    const anchor = at('2026-11-30T00:00:00Z');
    return { now: () => new Date(anchor + (Date.now() - start) * 2_160_000), timeScale: 2_160_000 };
  };
  const logger = { info: () => {}, warn: () => {}, error: () => {} };
  beforeEach(() => {
    vi.useFakeTimers({ now: at('2026-11-30T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('invokes the target with EventBridge’s scheduled event, once per business day, until stopped', async () => {
    const events: Array<Record<string, unknown>> = [];
    const schedules = startSchedules({
      specs,
      clock: clock(),
      region: 'us-east-1',
      logger,
      invoke: async (name, event) => {
        expect(name).toBe('Sweep');
        events.push(event as Record<string, unknown>);
      },
    });

    await vi.advanceTimersByTimeAsync(130); // three business days and a quarter
    await schedules.stop();
    await vi.advanceTimersByTimeAsync(400);

    expect(events[0]).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      region: 'us-east-1',
      time: '2026-12-01T00:00:00Z',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/Daily'],
      detail: {},
    });
    // Three firings before the stop, none after it.
    expect(events.map((event) => event.time)).toEqual([
      '2026-12-01T00:00:00Z',
      '2026-12-02T00:00:00Z',
      '2026-12-03T00:00:00Z',
    ]);
  });

  it('skips a firing while the previous run of the schedule still goes on, and logs it', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    let release: () => void = () => {};
    const skipped: string[] = [];
    const schedules = startSchedules({
      specs,
      clock: clock(),
      region: 'us-east-1',
      logger: { ...logger, warn: (message) => skipped.push(message) },
      invoke: async () => {
        calls++;
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        running--;
      },
    });

    await vi.waitFor(() => expect(skipped.length).toBeGreaterThanOrEqual(2), {
      timeout: 5_000,
      interval: 10,
    });
    release();
    await schedules.stop();

    expect(calls).toBe(1);
    expect(most).toBe(1);
    expect(skipped).toEqual([
      'schedule skipped: its previous run is still going',
      'schedule skipped: its previous run is still going',
    ]);
  });
});
