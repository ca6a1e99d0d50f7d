// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { RATING_WINDOW } from '#domain/categories.ts';

/** Every setting a function may read from its environment; each function reads only the ones it uses. */
const settings = z.object({
  CASES_TABLE: z.string().min(1),
  REGISTRY_TABLE: z.string().min(1),
  STATE_MACHINE_ARN: z.string().min(1),
  PUBLIC_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
  LINK_KEY_SECRET_ARN: z.string().min(1).optional(),
  /** Local runs only: the link key itself (base64url), instead of a secret to fetch. */
  LINK_KEY: z.string().min(32).optional(),
  TIME_SCALE: z.coerce.number().positive().default(1),
  RATING_WINDOW: z
    .string()
    .regex(/^P(?=\d|T\d)(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$/, 'Expected an ISO 8601 duration such as P3D')
    .default(RATING_WINDOW),
  /** Which channels carry notifications: the outbox (local), SMS through SNS, e-mail through SES, or both. */
  NOTIFIER: z.enum(['outbox', 'sns-sms', 'ses-email', 'sns-sms,ses-email']).default('outbox'),
  /** The SES-verified sender of e-mail notifications. */
  NOTIFY_EMAIL_FROM: z.email().optional(),
});

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
  env = process.env,
): Pick<Settings, K> {
  const mask = Object.fromEntries(names.map((name) => [name, true])) as Record<SettingName, true>;
  const result = settings.pick(mask).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return result.data as unknown as Pick<Settings, K>;
}
