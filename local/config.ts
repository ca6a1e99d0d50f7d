import { resolve } from 'node:path';
// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { SETTING_CHECKS } from '#adapters/config.ts';
import { StartupError } from './preflight.ts';

const settings = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * The address to listen on. 127.0.0.1 keeps the server to this machine; 0.0.0.0 opens it to the network
   * (to try the pages on a phone: set PUBLIC_URL to the address the phone uses, too).
   */
  HOST: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  TIME_SCALE: SETTING_CHECKS.TIME_SCALE,
  /**
   * Where business time starts on a fresh data folder (an ISO instant with its offset, e.g. the evening before
   * National Day), to watch working-time cases wait through a holiday; it then runs at TIME_SCALE.
   */
  CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  LOG_LEVEL: SETTING_CHECKS.LOG_LEVEL,
  PUBLIC_URL: z.url().optional(),
  /** Shortens the 3-day rating window, e.g. for demonstrations and tests (ISO 8601). */
  RATING_WINDOW: SETTING_CHECKS.RATING_WINDOW.unwrap().optional(),
  /** The district's limits on deferrals (延期) and pauses (挂起), as a stage sets them (-c maxDeferrals, …). */
  MAX_DEFERRALS: SETTING_CHECKS.MAX_DEFERRALS.unwrap().optional(),
  MAX_DEFERRAL: SETTING_CHECKS.MAX_DEFERRAL.unwrap().optional(),
  MAX_PAUSE: SETTING_CHECKS.MAX_PAUSE.unwrap().optional(),
  /** The rating scale, the appeal window and the re-invitation, as a stage sets them (see README). */
  RATING_SCALE: z.string().optional(),
  APPEAL_WINDOW: SETTING_CHECKS.APPEAL_WINDOW.unwrap().optional(),
  RATING_REINVITE_AFTER: SETTING_CHECKS.RATING_REINVITE_AFTER.unwrap().optional(),
  /** How long residents' contacts are kept after their case closes (ISO 8601), then erased by the daily sweep. */
  CONTACT_RETENTION: SETTING_CHECKS.CONTACT_RETENTION.unwrap().optional(),
  /** Reports one client address may file per minute (bursts of a third of it), like throttling on AWS. */
  INTAKE_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  /** Sign-in requests (codes asked, codes tried) one client address may make per minute (bursts of a third). */
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  /** `demo` loads the demo district into an empty registry; `none` starts empty, for importing your own. */
  SEED: z.enum(['demo', 'none']).default('demo'),
});

export type LocalSettings = z.infer<typeof settings> & { dataDir: string };

/** The settings of `npm start`, from the environment, with the defaults a newcomer needs none of. */
export function readLocalSettings(env: NodeJS.ProcessEnv): LocalSettings {
  const result = settings.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new StartupError(`invalid settings: ${problems.join('; ')}`);
  }
  return { ...result.data, dataDir: resolve(result.data.DATA_DIR) };
}
