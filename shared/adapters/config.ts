// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).

import * as z from 'zod';
import { NOTIFIER_CHOICES } from '#contract/template.ts';
import { RATING_WINDOW } from '#domain/categories.ts';
import { DEFAULT_CHANGE_LIMITS } from '#domain/change-requests.ts';
import { durationToMs } from '#domain/duration.ts';
import {
  APPEAL_WINDOW,
  DEFAULT_RATING_SCALE,
  RATING_REINVITE_AFTER,
  ratingScaleSetting,
} from '#domain/rating-scale.ts';
import { CONTACT_RETENTION } from '#domain/retention.ts';

/** The duration grammar the workflow's timers use, checked at start rather than at the first wait. */
const positiveDuration = z.string().refine((value) => {
  try {
    return durationToMs(value) > 0;
  } catch {
    return false;
  }
}, 'Expected an ISO 8601 duration longer than zero, such as P3D');

/**
 * Every setting a function may read from its environment; each function reads only the ones it uses. A
 * default stands only where infra sets nothing (local knobs, district policy); a setting infra always sets
 * has none, so a function deployed without it fails at start instead of doing something else.
 */
const settings = z.object({
  CASES_TABLE: z.string().min(1),
  REGISTRY_TABLE: z.string().min(1),
  /** The append-only audit trail (bindAuditTrail). */
  AUDIT_TABLE: z.string().min(1),
  /** Only the functions that start executions (bindWorkflowStarter) have it. */
  STATE_MACHINE_ARN: z.string().min(1),
  /** The private bucket of case photos (bindPhotoBucket). */
  PHOTOS_BUCKET: z.string().min(1),
  /** The private bucket of case-list exports and the exporter's queue (CaseExports). */
  EXPORTS_BUCKET: z.string().min(1),
  EXPORT_QUEUE_URL: z.url(),
  PUBLIC_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
  LINK_KEY_SECRET_ARN: z.string().min(1).optional(),
  /** Local runs only: the link key itself (base64url), instead of a secret to fetch. */
  LINK_KEY: z.string().min(32).optional(),
  TIME_SCALE: z.coerce.number().positive().default(1),
  /**
   * Local runs only: where business time stands at a real instant (`<business ISO>@<real ISO>`), set by the
   * runtime for every function alike; business time runs on from there at TIME_SCALE. Absent: real time.
   */
  CLOCK_ANCHOR: z
    .string()
    .regex(/^[^@]+@[^@]+$/, 'Expected <business instant>@<real instant>, both ISO 8601')
    .transform((text, context) => {
      const [business, real] = text.split('@').map((part) => Date.parse(part));
      if (business === undefined || real === undefined || Number.isNaN(business) || Number.isNaN(real)) {
        context.addIssue({ code: 'custom', message: 'Expected two ISO 8601 instants joined by @' });
        return z.NEVER;
      }
      return { business, real };
    })
    .optional(),
  RATING_WINDOW: positiveDuration.default(RATING_WINDOW),
  /** Approved deferrals (延期) per case; 0 turns deferral off. */
  MAX_DEFERRALS: z.coerce.number().int().min(0).max(10).default(DEFAULT_CHANGE_LIMITS.maxDeferrals),
  /** How far past its resolve deadline one deferral may move a case (ISO 8601). */
  MAX_DEFERRAL: positiveDuration.default(DEFAULT_CHANGE_LIMITS.maxDeferral),
  /** How long a pause (挂起) may last (ISO 8601). */
  MAX_PAUSE: positiveDuration.default(DEFAULT_CHANGE_LIMITS.maxPause),
  /** The 好差评 scale (JSON: levels, satisfied scores, reopening scores), set from the stage's `ratingScale`. */
  RATING_SCALE: z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({
          code: 'custom',
          message: 'Expected JSON such as {"levels":5,"satisfied":[3,4,5],"reopen":[1,2]}',
        });
        return z.NEVER;
      }
    })
    .pipe(ratingScaleSetting)
    .default(DEFAULT_RATING_SCALE),
  /** How long after a bad rating its appeal (申诉) may be lodged, in working days (ISO 8601, `P3D`). */
  APPEAL_WINDOW: positiveDuration.default(APPEAL_WINDOW),
  /** How long a resolved case waits unrated before the one re-invitation (邀评); within RATING_WINDOW. */
  RATING_REINVITE_AFTER: positiveDuration.default(RATING_REINVITE_AFTER),
  /** How long residents' contact details are kept after their case closes (ISO 8601), then erased. */
  CONTACT_RETENTION: positiveDuration.default(CONTACT_RETENTION),
  /** Which channels carry notifications: the outbox (local), SMS through SNS, e-mail through SES, or both. */
  NOTIFIER: z.enum(NOTIFIER_CHOICES),
  /**
   * With the outbox: whether it keeps whole links (`full`: the local stage, where the outbox is how people get
   * them) or only where each led (`redacted`: any deployed stage, where a stored link would be a live secret).
   */
  OUTBOX_LINKS: z.enum(['full', 'redacted']),
  /** The SES-verified sender of e-mail notifications. */
  NOTIFY_EMAIL_FROM: z.email().optional(),
  LOG_LEVEL: z
    .string()
    .transform((level) => level.toUpperCase())
    .pipe(z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT']))
    .default('INFO'),
});

/** The check of each setting, for `npm start`, which takes some of them and hands them to every function. */
export const SETTING_CHECKS = settings.shape;

export type Settings = z.infer<typeof settings>;
export type SettingName = keyof Settings;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the named settings once, failing at cold start with the names of the bad ones. */
export function readSettings<K extends SettingName>(
  names: readonly K[],
  env: Record<string, string | undefined> = process.env,
): Pick<Settings, K> {
  const mask = Object.fromEntries(names.map((name) => [name, true])) as Record<SettingName, true>;
  const result = settings.pick(mask).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return env[name] === undefined ? `${name} is required` : `${name}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return result.data as unknown as Pick<Settings, K>;
}
