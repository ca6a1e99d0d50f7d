// What the CDK app (infra/) and the local runtime (local/) must agree on, in one place with no
// dependencies, so the Lambda bundles, the CDK app and the local runtime can all import it.

/** A CloudFormation resource as a synthesized template holds it. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface CfnParameter {
  Type: string;
  Default?: unknown;
}

/** A synthesized CloudFormation template as JSON: what `cdk synth` writes and the local runtime runs. */
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Parameters?: Record<string, CfnParameter>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
  [section: string]: unknown;
}

/** Metadata on an `AWS::Lambda::Function`: its TypeScript entry module, relative to the repository root. */
export const ENTRY_METADATA_KEY = 'gridwork:entry';

/**
 * Metadata on an `AWS::ApiGatewayV2::Route`: the largest body its handler accepts, in bytes. The local gateway
 * stops reading there; on AWS the handler refuses what is larger (API Gateway itself only caps at 10 MB).
 */
export const BODY_LIMIT_METADATA_KEY = 'gridwork:maxBodyBytes';

/** The notification channels a stage may use; `outbox` keeps messages in the cases table (local, trials). */
export const NOTIFIER_CHOICES = ['outbox', 'sns-sms', 'ses-email', 'sns-sms,ses-email'] as const;
export type NotifierChoice = (typeof NOTIFIER_CHOICES)[number];

const DURATION_PATTERN =
  /^P(?=\d|T\d)(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** The parts of a duration, in the units the grammar knows. */
export interface DurationParts {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/**
 * Reads the ISO 8601 durations Gridwork accepts: weeks, days, hours, minutes and seconds (`P1W`, `P3D`,
 * `P1DT12H`, `PT0.5H`, `PT90M`), with a decimal fraction (point or comma) on the last part only, as ISO 8601
 * allows. Years and months are refused: their length depends on the calendar. Undefined when `text` is not one.
 */
export function parseIsoDuration(text: string): DurationParts | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return undefined;
  const parts = match.slice(1);
  const present = parts.filter((part) => part !== undefined);
  if (present.slice(0, -1).some((part) => /[.,]/.test(part))) return undefined;
  const [weeks, days, hours, minutes, seconds] = parts.map((part) => Number((part ?? '0').replace(',', '.')));
  return {
    weeks: weeks ?? 0,
    days: days ?? 0,
    hours: hours ?? 0,
    minutes: minutes ?? 0,
    seconds: seconds ?? 0,
  };
}
