// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { NOTIFIER_CHOICES, type NotifierChoice, parseIsoDuration } from '#contract/template.ts';
import { ratingScaleSetting } from '#domain/rating-scale.ts';

/** The application log levels a stage may keep (Lambda drops the functions' lines below it). */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A switch given as `-c key=true` (a string) or as a boolean in cdk.json. */
const flag = z.union([z.boolean(), z.stringbool()]);

/** Requests per client IP per five minutes that a web ACL rule lets through (AWS WAF's minimum is 10). */
const rateLimit = z.coerce.number().int().min(10).max(2_000_000_000);

/** A business duration in the workflow's grammar (ISO 8601 weeks, days, hours; no years or months), above zero. */
const duration = z.string().refine((text) => {
  const parts = parseIsoDuration(text);
  return parts !== undefined && Object.values(parts).some((part) => part > 0);
}, 'Expected an ISO 8601 duration longer than zero, such as P30D');

/** A list given on the command line (`-c alarmEmails=a@x.cn,b@x.cn`) or as an array in cdk.json. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : value,
    z.array(item),
  );

const isoDuration = z
  .string()
  .refine((text) => parseIsoDuration(text) !== undefined, 'Expected an ISO 8601 duration such as P3D');

/** What `-c key=value` may set; the CLI passes every value as a string, so numbers are coerced. */
const contextSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, 'Expected a lower-case name of at most 20 letters, digits or dashes')
    .default('dev'),
  account: z
    .string()
    .regex(/^\d{12}$/, 'Expected a 12-digit AWS account id')
    .optional(),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'Expected a region such as cn-northwest-1 or ap-east-1')
    .optional(),
  notifier: z.enum(NOTIFIER_CHOICES).optional(),
  emailFrom: z.email('Expected the verified SES sender address').optional(),
  alarmEmails: list(z.email('Expected e-mail addresses separated by commas')).default([]),
  throttleRate: z.coerce.number().int().positive().max(10_000).default(50),
  throttleBurst: z.coerce.number().int().positive().max(5_000).default(100),
  corsOrigins: list(
    z.union([
      z.literal('*'),
      z
        .url('Expected origins such as https://grid.example.cn')
        .refine(
          (url) => new URL(url).origin === url,
          'Expected an origin (scheme, host, port) without a path',
        ),
    ]),
  ).default([]),
  intakeConcurrency: z.coerce.number().int().positive().optional(),
  linkKeyRotation: z
    .string()
    .regex(/^[\w.-]{1,40}$/, 'Expected a short label such as 2027-03-01')
    .optional(),
  dashboardIssuer: z.url('Expected the https URL of an OpenID Connect issuer').optional(),
  dashboardAudience: list(z.string().min(1)).default([]),
  /** Lets the dashboard's Cognito client sign in with a bare password (USER_PASSWORD_AUTH), e.g. for a test stage. */
  dashboardPasswordAuth: flag.default(false),
  logLevel: z.enum(LOG_LEVELS).default('INFO'),
  /** Days case photos are kept (then deleted by the bucket's lifecycle); at least 31, past the move to cheaper storage. */
  photoRetentionDays: z.coerce.number().int().min(31).max(3650).default(365),
  /** CloudFront in front of the API with a web ACL of per-client rate limits (see docs/deploy.md). */
  firewall: flag.default(false),
  firewallIntakeLimit: rateLimit.default(100),
  firewallLinkLimit: rateLimit.default(300),
  /** Deferrals (延期) and pauses (挂起): how many deferrals a case may have, how far each goes, how long a pause. */
  maxDeferrals: z.coerce.number().int().min(0).max(10).optional(),
  maxDeferral: duration.optional(),
  maxPause: duration.optional(),
  /** The 好差评 scale as JSON (`{"levels":4,"satisfied":[3,4],"reopen":[1]}`); five levels otherwise. */
  ratingScale: z
    .string()
    .refine((text) => {
      try {
        return ratingScaleSetting.safeParse(JSON.parse(text)).success;
      } catch {
        return false;
      }
    }, 'Expected JSON such as {"levels":5,"satisfied":[3,4,5],"reopen":[1,2]}, scores within the levels')
    .optional(),
  /** Working time after a bad rating within which it may be appealed (ISO 8601, e.g. P3D). */
  appealWindow: isoDuration.optional(),
  /** How long a resolved case waits unrated before its one re-invitation (ISO 8601, e.g. P1D). */
  ratingReinviteAfter: isoDuration.optional(),
  /** How long residents' contact details are kept after their case closes (PIPL), e.g. P180D; the district default otherwise. */
  contactRetention: duration.optional(),
});

/** The context keys a stage reads. */
export const STAGE_CONTEXT_KEYS = Object.keys(contextSchema.shape) as (keyof typeof contextSchema.shape)[];

export interface StageConfig {
  readonly stage: string;
  readonly env: { readonly account?: string | undefined; readonly region?: string | undefined };
  /** Production keeps its tables on stack deletion and protects them from deletion. */
  readonly protectData: boolean;
  /** Days the photo bucket keeps a case's photos. */
  readonly photoRetentionDays: number;
  readonly notifier: NotifierChoice;
  readonly emailFrom?: string | undefined;
  readonly alarmEmails: readonly string[];
  /** Stage-wide API limits; HTTP APIs have no per-client limit, so this also caps intake. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Origins of other sites whose pages may call the API (`-c corsOrigins=https://a.example,https://b.example`).
   * None by default: Gridwork's pages are served by the API itself, so browsers need no CORS.
   */
  readonly corsOrigins: readonly string[];
  /** Reserved concurrency of the intake function, so a flood of reports cannot starve the workflow. */
  readonly intakeConcurrency?: number | undefined;
  /**
   * Changed to replace every warm function at once after rotating the link key; without it they read the new
   * key within five minutes (shared/adapters/link-key.ts).
   */
  readonly linkKeyRotation?: string | undefined;
  /**
   * An OpenID Connect issuer whose tokens open the dashboard, instead of a Cognito user pool the stack creates.
   * Required where Cognito user pools are not offered (the China regions).
   */
  readonly dashboardIdentity?: { readonly issuer: string; readonly audience: readonly string[] } | undefined;
  /** Whether the Cognito dashboard client also accepts USER_PASSWORD_AUTH (SRP only otherwise). */
  readonly dashboardPasswordAuth: boolean;
  readonly logLevel: LogLevel;
  /**
   * Per-client limits at the edge: requests per client IP per five minutes on intake (POST /issues) and on
   * the link routes (/tasks/*), enforced by a web ACL on a CloudFront distribution in front of the API.
   */
  readonly firewall?: { readonly intakeLimit: number; readonly linkLimit: number } | undefined;
  /** The district's own limits on deferrals and pauses, where it sets them; the domain's defaults otherwise. */
  readonly changeLimits?: ChangeLimitSettings | undefined;
  /** The rating settings the functions read (RATING_SCALE, APPEAL_WINDOW, RATING_REINVITE_AFTER), where set. */
  readonly ratingSettings: Readonly<Record<string, string>>;
  /** CONTACT_RETENTION of the retention sweep (ISO 8601), where the stage sets it; `CONTACT_RETENTION` otherwise. */
  readonly contactRetention?: string | undefined;
}

/** The deferral and pause limits a stage sets (MAX_DEFERRALS, MAX_DEFERRAL, MAX_PAUSE of the link function). */
export interface ChangeLimitSettings {
  readonly maxDeferrals?: number | undefined;
  readonly maxDeferral?: string | undefined;
  readonly maxPause?: string | undefined;
}

export class StageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageConfigError';
  }
}

/** Reads and checks a stage's settings from CDK context (`-c key=value`), failing synth with every problem named. */
export function readStageConfig(
  context: Record<string, unknown>,
  defaults: { account?: string | undefined; region?: string | undefined } = {},
): StageConfig {
  const result = contextSchema.safeParse(context);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `-c ${issue.path.join('.')}: ${issue.message}`);
    throw new StageConfigError(`Invalid stage configuration:\n  ${problems.join('\n  ')}`);
  }
  const c = result.data;
  const problems: string[] = [];
  const production = c.stage === 'prod';
  // The local runtime has no SMS or e-mail; its outbox is where people read their messages.
  if (c.stage === 'local' && c.notifier && c.notifier !== 'outbox') {
    problems.push('-c notifier: the local stage always uses the outbox');
  }
  if (production && !c.notifier) {
    problems.push(
      `-c notifier: prod must name its channel (${NOTIFIER_CHOICES.join(' | ')}); outbox sends nothing to anyone`,
    );
  }
  const notifier = c.stage === 'local' ? 'outbox' : (c.notifier ?? 'outbox');
  if (notifier.includes('ses-email') && !c.emailFrom) {
    problems.push('-c emailFrom: ses-email needs the SES-verified sender address');
  }
  if (production && c.alarmEmails.length === 0) {
    problems.push('-c alarmEmails: prod needs at least one address to send alarms to');
  }
  if (c.region?.startsWith('cn-') && !c.dashboardIssuer) {
    problems.push(
      '-c dashboardIssuer: Cognito user pools are not offered in the China regions; name the OpenID Connect ' +
        'issuer (and -c dashboardAudience) whose tokens open the dashboard',
    );
  }
  if (c.dashboardIssuer && c.dashboardAudience.length === 0) {
    problems.push('-c dashboardAudience: an external issuer needs the audience (client id) its tokens carry');
  }
  if (c.firewall && c.stage === 'local') {
    problems.push(
      '-c firewall: the local stage runs without CloudFront; its gateway has its own rate limiter',
    );
  }
  if (c.firewall && c.region?.startsWith('cn-')) {
    problems.push(
      '-c firewall: a CloudFront web ACL lives in us-east-1, outside the China partition; China stages rely ' +
        'on the stage throttle and the intake concurrency',
    );
  }
  if (c.firewall && (!c.account || !c.region)) {
    problems.push(
      '-c firewall: name -c account and -c region; the web ACL is deployed to us-east-1 and referenced across regions',
    );
  }
  if (c.throttleBurst < c.throttleRate / 10) {
    problems.push('-c throttleBurst: a burst below a tenth of the rate rejects ordinary spikes');
  }
  if (problems.length > 0) {
    throw new StageConfigError(`Invalid configuration of stage ${c.stage}:\n  ${problems.join('\n  ')}`);
  }
  return {
    stage: c.stage,
    env: { account: c.account ?? defaults.account, region: c.region ?? defaults.region },
    protectData: production,
    photoRetentionDays: c.photoRetentionDays,
    notifier,
    emailFrom: c.emailFrom,
    alarmEmails: c.alarmEmails,
    throttle: { rateLimit: c.throttleRate, burstLimit: c.throttleBurst },
    corsOrigins: c.corsOrigins,
    intakeConcurrency: c.intakeConcurrency,
    linkKeyRotation: c.linkKeyRotation,
    dashboardPasswordAuth: c.dashboardPasswordAuth,
    logLevel: c.logLevel,
    ...(c.contactRetention ? { contactRetention: c.contactRetention } : {}),
    ratingSettings: {
      ...(c.ratingScale ? { RATING_SCALE: c.ratingScale } : {}),
      ...(c.appealWindow ? { APPEAL_WINDOW: c.appealWindow } : {}),
      ...(c.ratingReinviteAfter ? { RATING_REINVITE_AFTER: c.ratingReinviteAfter } : {}),
    },
    ...(c.firewall
      ? { firewall: { intakeLimit: c.firewallIntakeLimit, linkLimit: c.firewallLinkLimit } }
      : {}),
    ...(c.dashboardIssuer
      ? { dashboardIdentity: { issuer: c.dashboardIssuer, audience: c.dashboardAudience } }
      : {}),
    ...(c.maxDeferrals !== undefined || c.maxDeferral || c.maxPause
      ? {
          changeLimits: {
            ...(c.maxDeferrals !== undefined ? { maxDeferrals: c.maxDeferrals } : {}),
            ...(c.maxDeferral ? { maxDeferral: c.maxDeferral } : {}),
            ...(c.maxPause ? { maxPause: c.maxPause } : {}),
          },
        }
      : {}),
  };
}
