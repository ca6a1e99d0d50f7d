import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { readSettings } from '#adapters/config.ts';
import { DynamoPartnerKeyStore } from '#adapters/dynamodb/partner-key-store.ts';
import { businessClock } from '#adapters/wiring/clock.ts';
import { demoApiKey, issuePartnerKey } from '#domain/partner-keys.ts';
import { writePageScripts } from '#http/pages/build-scripts.ts';
import { REPO_ROOT } from '#infra/paths.ts';
import { loadOrCreateClockAnchor } from './clock-anchor.ts';
import type { LocalSettings } from './config.ts';
import { loadOrCreateLinkKey, loadOrCreateOutboxToken } from './local-secrets.ts';
import { outboxRoute } from './outbox-route.ts';
import { checkBeforeStart } from './preflight.ts';
import type { CfnTemplate } from './runtime/cfn-template.ts';
import { type LocalRuntime, startLocalRuntime } from './runtime/index.ts';
import { seedDemoDistrictIfEmpty, seedReferenceDataIfMissing } from './seed/seed.ts';
import { loadOrCreateIssuerKey } from './sign-in/issuer-key.ts';
import { LocalSignIn } from './sign-in/sign-in-routes.ts';
import { localTemplate } from './template-cache.ts';
import { webhooksRoutes } from './webhooks-route.ts';

export interface Gridwork {
  readonly runtime: LocalRuntime;
  readonly url: string;
  /**
   * The outbox's own credential (GET /outbox is local-only). People sign in instead (POST /auth/code, then
   * POST /auth/token) for the routes a JWT authorizer guards.
   */
  readonly outboxToken: string;
  /**
   * The demo partner's API key for Open311 (derived from the local link key, so stable per data directory);
   * none without the demo district (SEED=none leaves the registry empty).
   */
  readonly open311Key: string | undefined;
  /** What start-up did besides starting: recovery after an unclean stop, seeding. */
  readonly notes: readonly string[];
  close(): Promise<void>;
}

export interface StartOptions {
  /**
   * The synthesized local template, for callers that start many times and synthesize once (tests). Without it
   * the CDK app is synthesized by a short-lived child process, so this process never loads the CDK library.
   */
  readonly template?: CfnTemplate;
  /** Told each phase of the start as it begins (synthesizing, tables, seeding, resuming), for a progress line. */
  readonly progress?: (phase: string) => void;
}

/**
 * Starts Gridwork on this machine from the synthesized CDK app. A lock file in the data directory marks a
 * running instance; finding it at start means the last run did not stop cleanly. Nothing needs repairing then:
 * the change stream resumes counting from its checkpoint, and the counters skip what they already hold.
 */
export async function startGridwork(settings: LocalSettings, options: StartOptions = {}): Promise<Gridwork> {
  const progress = options.progress ?? (() => {});
  // Everything this process writes (the data directory, dynalite's files, the local secrets) is its owner's
  // alone: the data holds residents' contacts and live links. Worker threads cannot change the umask.
  if (isMainThread) process.umask(0o077);
  // Before the seconds of synthesis: a busy port or an unusable data folder fails at once. (`npm start` checks
  // earlier still, to synthesize while this module loads; checking twice costs a millisecond.)
  await checkBeforeStart(settings);
  await mkdir(settings.dataDir, { recursive: true, mode: 0o700 });
  writePageScripts(); // the handlers run from source here, so the page modules they serve are built now
  const template = options.template ?? (await localTemplate(progress));
  const lockFile = join(settings.dataDir, 'running.lock');
  const uncleanStop = await stat(lockFile).then(
    () => true,
    () => false,
  );
  const notes: string[] = [];
  const linkKey = await loadOrCreateLinkKey(settings.dataDir);
  const outboxToken = await loadOrCreateOutboxToken(settings.dataDir);
  const signIn = new LocalSignIn(await loadOrCreateIssuerKey(settings.dataDir));
  const open311Key = settings.SEED === 'none' ? undefined : demoApiKey(linkKey);
  const clockAnchor = await loadOrCreateClockAnchor(settings.dataDir, settings);
  if (clockAnchor) notes.push(`business time ${clockAnchor.split('@')[0]} at start`);
  let started: LocalRuntime | undefined;
  const runtime = await startLocalRuntime({
    template,
    rootDir: REPO_ROOT,
    dataDir: settings.dataDir,
    port: settings.PORT,
    listenHost: settings.HOST,
    ...(settings.PUBLIC_URL ? { publicUrl: settings.PUBLIC_URL } : {}),
    envOverlay: {
      LINK_KEY: linkKey,
      TIME_SCALE: String(settings.TIME_SCALE),
      ...(clockAnchor ? { CLOCK_ANCHOR: clockAnchor } : {}),
      LOG_LEVEL: settings.LOG_LEVEL.toUpperCase(),
      ...(settings.RATING_WINDOW ? { RATING_WINDOW: settings.RATING_WINDOW } : {}),
      ...(settings.MAX_DEFERRALS !== undefined ? { MAX_DEFERRALS: String(settings.MAX_DEFERRALS) } : {}),
      ...(settings.MAX_DEFERRAL ? { MAX_DEFERRAL: settings.MAX_DEFERRAL } : {}),
      ...(settings.MAX_PAUSE ? { MAX_PAUSE: settings.MAX_PAUSE } : {}),
      ...(settings.RATING_SCALE ? { RATING_SCALE: settings.RATING_SCALE } : {}),
      ...(settings.APPEAL_WINDOW ? { APPEAL_WINDOW: settings.APPEAL_WINDOW } : {}),
      ...(settings.RATING_REINVITE_AFTER ? { RATING_REINVITE_AFTER: settings.RATING_REINVITE_AFTER } : {}),
      ...(settings.CONTACT_RETENTION ? { CONTACT_RETENTION: settings.CONTACT_RETENTION } : {}),
    },
    // The template's schedules fire on the functions' business time.
    clock: businessClock(
      settings.TIME_SCALE,
      readSettings(['CLOCK_ANCHOR'], clockAnchor ? { CLOCK_ANCHOR: clockAnchor } : {}).CLOCK_ANCHOR,
    ),
    extraRoutes: { 'GET /outbox': outboxRoute, ...webhooksRoutes(() => started?.queues), ...signIn.routes() },
    bearerToken: outboxToken,
    jwtIssuer: signIn.jwtIssuer,
    rateLimits: {
      // Both intake doors: a resident's report and a partner's Open311 request.
      ...Object.fromEntries(
        ['POST /issues', 'POST /open311/v2/requests.xml', 'POST /open311/v2/requests.json'].map((route) => [
          route,
          {
            perMinute: settings.INTAKE_RATE_LIMIT,
            burst: Math.max(1, Math.ceil(settings.INTAKE_RATE_LIMIT / 3)),
          },
        ]),
      ),
      // Guessing codes or flooding someone's messages takes many requests: few are allowed per address.
      ...Object.fromEntries(
        ['POST /auth/code', 'POST /auth/token'].map((route) => [
          route,
          {
            perMinute: settings.SIGN_IN_RATE_LIMIT,
            burst: Math.max(1, Math.ceil(settings.SIGN_IN_RATE_LIMIT / 3)),
          },
        ]),
      ),
    },
    progress,
    beforeResume: async () => {
      if (uncleanStop)
        notes.push('recovered from an unclean stop: counting resumes from the stream checkpoint');
      if (settings.SEED === 'none') {
        notes.push('no demo district (SEED=none)');
      } else if (
        await seedDemoDistrictIfEmpty(String(process.env.REGISTRY_TABLE), () =>
          progress('seeding the demo district'),
        )
      ) {
        notes.push('seeded the demo district: 288 grids, 357 grid workers');
      }
      if (open311Key) {
        // Stored like any partner's key (only its digest); storing it again at each start changes nothing.
        const partnerKeys = new DynamoPartnerKeyStore(String(process.env.REGISTRY_TABLE));
        await issuePartnerKey(partnerKeys, 'demo', new Date(), open311Key);
      }
      if (
        settings.SEED !== 'none' &&
        (await seedReferenceDataIfMissing(String(process.env.REGISTRY_TABLE)))
      ) {
        notes.push('seeded the 2025–2027 calendar and the default categories');
      }
    },
  });
  started = runtime;
  await writeFile(lockFile, String(process.pid), { mode: 0o600 });
  // dynalite takes a new port each start: scripts (registry imports, the AWS CLI) read it from here.
  const endpointFile = join(settings.dataDir, 'dynamodb-endpoint');
  await writeFile(endpointFile, runtime.dynamodbEndpoint, { mode: 0o600 });
  return {
    runtime,
    url: runtime.url,
    outboxToken,
    open311Key,
    notes,
    close: async () => {
      await runtime.close();
      await rm(endpointFile, { force: true });
      await rm(lockFile, { force: true });
    },
  };
}
