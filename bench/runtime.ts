// The whole local system in the benchmark's process, started like `npm start` (same template, handlers,
// engine, seed) but with the runtime's optional observers attached, which `startGridwork` does not expose.

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CfnTemplate } from '#contract/template.ts';
import { REPO_ROOT } from '#infra/paths.ts';
import { loadOrCreateLinkKey, loadOrCreateOutboxToken } from '#local/local-secrets.ts';
import { outboxRoute } from '#local/outbox-route.ts';
import { localFunctions } from '#local/runtime/cfn-template.ts';
import { type LocalRuntime, type RuntimeInstrumentation, startLocalRuntime } from '#local/runtime/start.ts';
import { TaskTokenRegistry } from '#local/runtime/step-functions/task-tokens.ts';
import { seedDemoDistrictIfEmpty } from '#local/seed/seed.ts';

export interface BenchRuntime {
  readonly runtime: LocalRuntime;
  readonly url: string;
  /** Logical id → short function name (the entry file's name, e.g. `offer-task`). */
  readonly functionNames: ReadonlyMap<string, string>;
  readonly linkKey: Uint8Array;
  /** The bearer token the local outbox takes. */
  readonly outboxToken: string;
  /**
   * A client of the runtime's DynamoDB that is NOT the handlers' shared client, so what the benchmark itself
   * reads and writes is never counted as the system's work.
   */
  readonly observer: DynamoDBDocumentClient;
  close(): Promise<void>;
}

let template: Promise<CfnTemplate> | undefined;

/**
 * Bytes behind an AWS-sized workflow token: 960 characters of base64. Step Functions' tokens run to several
 * hundred characters (the API allows 2,048); this sits at the upper end of those seen, so the write units
 * measured with it bound AWS's from above.
 */
const AWS_TOKEN_BYTES = 720;

/** Where `bench/run.ts` leaves the template it synthesized once for every benchmark process. */
export const TEMPLATE_ENV = 'BENCH_TEMPLATE_FILE';

/**
 * The synthesized template, once per run: read from the file the parent wrote, or synthesized here. The CDK
 * library is imported only in the latter case, so it neither slows nor weighs on the measured processes.
 */
export function benchTemplate(): Promise<CfnTemplate> {
  const file = process.env[TEMPLATE_ENV];
  template ??= file
    ? readFile(file, 'utf8').then((text) => JSON.parse(text) as CfnTemplate)
    : import('#infra/synth.ts').then(({ synthesizeTemplate }) => synthesizeTemplate());
  return template;
}

export function functionNamesOf(cfn: CfnTemplate): Map<string, string> {
  return new Map(
    localFunctions(cfn as never).map(({ logicalId, entry }) => [logicalId, basename(entry, '.ts')]),
  );
}

export async function startBenchRuntime(options: {
  dataDir: string;
  timeScale: number;
  instrumentation?: RuntimeInstrumentation;
  /** false for a bulk preload that writes its own counters (see LocalRuntimeOptions.streams). */
  streams?: boolean;
  /** Where business time stands at a real instant (CLOCK_ANCHOR); without it business time is real time. */
  clockAnchor?: string;
  /** Workflow tokens of AWS's size instead of the local engine's short ones, to price the writes on AWS. */
  awsSizedTokens?: boolean;
}): Promise<BenchRuntime> {
  const cfn = await benchTemplate();
  const key = await loadOrCreateLinkKey(options.dataDir);
  const outboxToken = await loadOrCreateOutboxToken(options.dataDir);
  TaskTokenRegistry.awsSizedTokenBytes = options.awsSizedTokens ? AWS_TOKEN_BYTES : 0;
  const runtime = await startLocalRuntime({
    template: cfn,
    rootDir: REPO_ROOT,
    dataDir: options.dataDir,
    port: 0,
    envOverlay: {
      LINK_KEY: key,
      TIME_SCALE: String(options.timeScale),
      LOG_LEVEL: 'WARN',
      ...(options.clockAnchor ? { CLOCK_ANCHOR: options.clockAnchor } : {}),
    },
    extraRoutes: { 'GET /outbox': outboxRoute },
    bearerToken: outboxToken,
    beforeResume: async () => {
      await seedDemoDistrictIfEmpty(String(process.env.REGISTRY_TABLE));
    },
    ...(options.instrumentation ? { instrumentation: options.instrumentation } : {}),
    ...(options.streams === false ? { streams: false } : {}),
  });
  const observer = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: 'us-east-1' }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return {
    runtime,
    url: runtime.url,
    functionNames: functionNamesOf(cfn),
    linkKey: Buffer.from(key, 'base64url'),
    outboxToken,
    observer,
    close: async () => {
      observer.destroy();
      await runtime.close();
    },
  };
}

/** The cases table's name in a running runtime. */
export function casesTable(): string {
  return String(process.env.CASES_TABLE);
}

/** Waits until the stream consumers have counted every change written so far (the figures caught up). */
export async function countingCaughtUp(system: BenchRuntime): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (system.runtime.streamBacklog() > 0) {
    if (Date.now() > deadline) throw new Error('The figures did not catch up with the cases within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
