// The template's schedules (EventBridge rules with a ScheduleExpression, EventBridge Scheduler schedules) and
// when each fires next: `rate(...)` and `cron(...)` as AWS reads them, in UTC.
import { type CfnTemplate, InvalidTemplateError, isRecord, resourcesOfType } from '../cfn-template.ts';

export type ScheduleExpression =
  | { readonly kind: 'rate'; readonly everyMs: number }
  | { readonly kind: 'cron'; readonly fields: CronFields };

export interface ScheduleSpec {
  readonly logicalId: string;
  readonly expression: ScheduleExpression;
  /** The target function's logical id. */
  readonly functionLogicalId: string;
  /** The target's fixed Input (JSON), which replaces the scheduled event, as on AWS. */
  readonly input?: unknown;
  /** `rule` sends EventBridge's scheduled event; `scheduler` sends the Input, or `{}`. */
  readonly source: 'rule' | 'scheduler';
}

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Each field's allowed values, as sets: minutes, hours, days of month, months (1–12), days of week (1=SUN). */
export interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** Undefined for `?`: the other day field decides. */
  readonly daysOfMonth: ReadonlySet<number> | undefined;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number> | undefined;
  readonly years: ReadonlySet<number> | undefined;
}

const NAMES: Record<string, number> = Object.fromEntries([
  ...['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'].map((m, i) => [
    m,
    i + 1,
  ]),
  ...['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'].map((d, i) => [d, i + 1]),
]);

function cronField(text: string, min: number, max: number, expression: string): Set<number> | undefined {
  if (text === '?') return undefined;
  const values = new Set<number>();
  const number = (part: string) => {
    const value = NAMES[part.toUpperCase()] ?? Number(part);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new InvalidTemplateError(`Unsupported cron field "${text}" in ${expression}`);
    }
    return value;
  };
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : number(stepText);
    const [from, to] =
      range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(number) : [number(range)];
    const last = to ?? (stepText === undefined ? from : max);
    for (let value = from ?? min; value <= (last ?? max); value += Math.max(1, step)) values.add(value);
  }
  return values;
}

/** Reads `rate(5 minutes)`, `rate(1 day)` or `cron(0 2 * * ? *)`; anything else fails the start. */
export function parseScheduleExpression(expression: string): ScheduleExpression {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) return { kind: 'rate', everyMs: Number(rate[1]) * (RATE_UNITS[rate[2] ?? ''] ?? 0) };
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) throw new InvalidTemplateError(`Unsupported schedule expression ${expression}`);
  const [, minutes = '', hours = '', dom = '', month = '', dow = '', year = ''] = cron;
  return {
    kind: 'cron',
    fields: {
      minutes: cronField(minutes, 0, 59, expression) ?? new Set(),
      hours: cronField(hours, 0, 23, expression) ?? new Set(),
      daysOfMonth: cronField(dom, 1, 31, expression),
      months: cronField(month, 1, 12, expression) ?? new Set(),
      daysOfWeek: cronField(dow, 1, 7, expression),
      years: year === '*' ? undefined : cronField(year, 1970, 2199, expression),
    },
  };
}

/** The first instant after `after` (ms since the epoch) at which the schedule fires; undefined if never. */
export function nextFiring(
  expression: ScheduleExpression,
  after: number,
  startedAt: number,
): number | undefined {
  if (expression.kind === 'rate') {
    const periods = Math.floor((after - startedAt) / expression.everyMs) + 1;
    return startedAt + periods * expression.everyMs;
  }
  const { fields } = expression;
  const at = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  // Fields that miss skip a whole month, day or hour at a time: a few hundred steps cover five years.
  for (let steps = 0; steps < 100_000; steps++) {
    const year = at.getUTCFullYear();
    if (year > 2199 || (fields.years && year > Math.max(...fields.years))) return undefined;
    if ((fields.years && !fields.years.has(year)) || !fields.months.has(at.getUTCMonth() + 1)) {
      at.setUTCMonth(at.getUTCMonth() + 1, 1);
      at.setUTCHours(0, 0, 0, 0);
    } else if (
      (fields.daysOfMonth && !fields.daysOfMonth.has(at.getUTCDate())) ||
      (fields.daysOfWeek && !fields.daysOfWeek.has(at.getUTCDay() + 1))
    ) {
      at.setUTCDate(at.getUTCDate() + 1);
      at.setUTCHours(0, 0, 0, 0);
    } else if (!fields.hours.has(at.getUTCHours())) {
      at.setUTCHours(at.getUTCHours() + 1, 0, 0, 0);
    } else if (!fields.minutes.has(at.getUTCMinutes())) {
      at.setUTCMinutes(at.getUTCMinutes() + 1, 0, 0);
    } else {
      return at.getTime();
    }
  }
  return undefined;
}

/** The logical id a `Fn::GetAtt [id, Arn]` or `Ref` names. */
function target(value: unknown): string | undefined {
  if (isRecord(value) && Array.isArray(value['Fn::GetAtt'])) return String(value['Fn::GetAtt'][0]);
  if (isRecord(value) && typeof value.Ref === 'string') return value.Ref;
  return undefined;
}

function inputOf(value: unknown): { input?: unknown } {
  return typeof value === 'string' ? { input: JSON.parse(value) as unknown } : {};
}

/** Every enabled schedule of the template whose target is one of its functions. */
export function scheduleSpecsFromTemplate(
  template: CfnTemplate,
  functions: ReadonlySet<string>,
): ScheduleSpec[] {
  const rules = resourcesOfType(template, 'AWS::Events::Rule').flatMap(({ logicalId, properties: p }) => {
    if (typeof p.ScheduleExpression !== 'string' || p.State === 'DISABLED') return [];
    const expression = parseScheduleExpression(p.ScheduleExpression);
    const targets = Array.isArray(p.Targets) ? p.Targets.filter(isRecord) : [];
    return targets.flatMap((t) => {
      const fn = target(t.Arn);
      return fn && functions.has(fn)
        ? [{ logicalId, expression, functionLogicalId: fn, source: 'rule' as const, ...inputOf(t.Input) }]
        : [];
    });
  });
  const schedules = resourcesOfType(template, 'AWS::Scheduler::Schedule').flatMap(
    ({ logicalId, properties: p }) => {
      if (typeof p.ScheduleExpression !== 'string' || p.State === 'DISABLED' || !isRecord(p.Target))
        return [];
      const fn = target(p.Target.Arn);
      if (!fn || !functions.has(fn)) return [];
      const expression = parseScheduleExpression(p.ScheduleExpression);
      return [
        {
          logicalId,
          expression,
          functionLogicalId: fn,
          source: 'scheduler' as const,
          ...inputOf(p.Target.Input),
        },
      ];
    },
  );
  return [...rules, ...schedules];
}
