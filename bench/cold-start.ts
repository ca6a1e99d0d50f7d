// Cold start: every function's production bundle (the esbuild options of infra/bundling.ts)
// — its size, and its module initialisation time in a fresh Node process — against a minimal handler that
// imports only the DynamoDB client, built and timed the same way. Also estimates one fix not made: zod/mini
// instead of zod, from the same schema functions bundled with either.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { BUNDLING } from '#infra/bundling.ts';
import { unusedNotificationClients } from '#infra/notification-clients.ts';
import { REPO_ROOT } from '#infra/paths.ts';
import { localFunctions } from '#local/runtime/cfn-template.ts';
import type { Sizes } from './modes.ts';
import { benchTemplate } from './runtime.ts';
import { median, round } from './stats.ts';

const run = promisify(execFile);

/** The bundling options of GridworkFunction, translated for esbuild's JS API. */
export const PRODUCTION_BUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: BUNDLING.format,
  target: BUNDLING.target,
  minify: BUNDLING.minify,
  sourcemap: BUNDLING.sourceMap,
  mainFields: [...BUNDLING.mainFields],
  // As for a production stage that sends SMS (the usual choice in China): the e-mail client is left out.
  external: unusedNotificationClients('sns-sms'),
  banner: { js: BUNDLING.banner },
  metafile: true,
  logLevel: 'silent',
};

/** What a handler reads at init; no network: LINK_KEY is given, so no secret is fetched. */
const INIT_ENV = {
  CASES_TABLE: 'bench-cases',
  REGISTRY_TABLE: 'bench-registry',
  STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench',
  LINK_KEY: 'YmVuY2gtbGluay1rZXktb2YtYXQtbGVhc3QtMzItYnl0ZXM',
  PUBLIC_URL: 'https://gridwork.example',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  // As for the production stage the bundles are built for (SMS; the outbox keeps no whole links there).
  NOTIFIER: 'sns-sms',
  OUTBOX_LINKS: 'redacted',
  PHOTOS_BUCKET: 'bench-photos',
  AUDIT_TABLE: 'bench-audit',
  EXPORTS_BUCKET: 'bench-exports',
  EXPORT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/bench-exports',
  WEBHOOK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/bench-webhooks.fifo',
  CONTACT_RETENTION: 'P180D',
  LOG_LEVEL: 'WARN',
  NODE_OPTIONS: '',
};

const PROBE = `const started = performance.now();
await import(process.argv[2]);
process.stdout.write(String(performance.now() - started));
`;

const MINIMAL_HANDLER = `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async () =>
  client.send(new GetItemCommand({ TableName: process.env.CASES_TABLE, Key: { pk: { S: 'x' }, sk: { S: 'y' } } }));
`;

/** Only the schema functions the app uses, from either zod flavour: what each costs when bundled. */
const zodSample = (from: string) => `import * as z from '${from}';
export const schema = z.strictObject({
  a: z.string(), b: z.optional(z.number()), c: z.enum(['x', 'y']), d: z.url(), e: z.email(),
  f: z.union([z.strictObject({ g: z.string() }), z.strictObject({ h: z.boolean() })]),
  i: z.array(z.string()), j: z.literal('k'),
});
export const handler = async (event) => schema.safeParse(event);
`;

export interface BundleFigures {
  name: string;
  kb: number;
  initMs: number;
  initRatio: number;
  /** KB by origin: zod, AWS SDK (@aws-sdk, @smithy, @aws-crypto), other packages, Gridwork's own code. */
  breakdownKb: Record<string, number>;
  /** With zod/mini instead of zod (estimated: zod's bytes replaced by zod/mini's for the same schemas). */
  projectedKbWithZodMini: number;
  /** Built with the Lambda runtime's copy of the AWS SDK (`@aws-sdk/*` external), init vs the bundled minimal handler. */
  runtimeSdk: { kb: number; initMs: number; initRatio: number };
}

export interface ColdStartResult {
  runs: number;
  minimal: { kb: number; initMs: number };
  /** The minimal handler with the runtime's AWS SDK: the baseline of the `runtimeSdk` ratios. */
  minimalRuntimeSdk: { kb: number; initMs: number };
  zodSampleKb: { classic: number; mini: number };
  zodSampleInitMs: { classic: number; mini: number };
  functions: BundleFigures[];
}

function originOf(path: string): string {
  if (path.includes('node_modules/zod/')) return 'zod';
  if (/node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(path)) return 'aws-sdk';
  if (path.includes('node_modules/')) return 'other packages';
  return 'gridwork';
}

function breakdown(metafile: Metafile): Record<string, number> {
  const bytes: Record<string, number> = {};
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    for (const [path, input] of Object.entries(output.inputs)) {
      const origin = originOf(path);
      bytes[origin] = (bytes[origin] ?? 0) + input.bytesInOutput;
    }
  }
  return Object.fromEntries(Object.entries(bytes).map(([origin, size]) => [origin, round(size / 1024, 1)]));
}

async function bundle(outfile: string, options: BuildOptions): Promise<{ kb: number; metafile: Metafile }> {
  const result = await build({ ...PRODUCTION_BUILD, ...options, outfile, absWorkingDir: REPO_ROOT });
  return { kb: round((await stat(outfile)).size / 1024, 1), metafile: result.metafile as Metafile };
}

let endpoint = '';

/**
 * Handlers that read reference data at init (the categories) need a DynamoDB that answers: this one answers
 * every request with an empty result, a local round trip that the init time includes as Lambda's would.
 */
async function startEmptyAws(): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return server;
}

/** Median module initialisation time; NaN (reported, not thrown) if the bundle fails at init. */
async function initTime(probe: string, file: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    try {
      const env = { ...INIT_ENV, AWS_ENDPOINT_URL: endpoint };
      const { stdout } = await run(process.execPath, [probe, file], { env, cwd: tmpdir() });
      times.push(Number(stdout));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`init of ${file} failed: ${message.split('\n').at(-1)?.slice(0, 300)}`);
      return Number.NaN;
    }
  }
  return round(median(times));
}

// What the Lambda runtime provides: left out of the bundle, loaded at init from node_modules as the runtime
// loads its own copy (unbundled, unminified files).
const RUNTIME_SDK: BuildOptions = { external: [...(PRODUCTION_BUILD.external ?? []), '@aws-sdk/*'] };

const fromSource = (contents: string): BuildOptions => ({
  stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'bench-entry.ts' },
});

export async function coldStart(sizes: Sizes): Promise<ColdStartResult> {
  const dir = await mkdtemp(join(tmpdir(), 'gridwork-bundles-'));
  // Bundles that import the SDK at run time must sit where Node finds the repository's node_modules.
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const sdkDir = await mkdtemp(join(cache, 'gridwork-bundles-'));
  const aws = await startEmptyAws();
  try {
    const probe = join(dir, 'probe.mjs');
    await writeFile(probe, PROBE);
    const runs = sizes.coldStartRuns;
    const minimalFile = join(dir, 'minimal', 'index.mjs');
    const minimal = await bundle(minimalFile, fromSource(MINIMAL_HANDLER));
    const minimalInit = await initTime(probe, minimalFile, runs);
    const leanFile = join(sdkDir, 'minimal', 'index.mjs');
    const lean = await bundle(leanFile, { ...fromSource(MINIMAL_HANDLER), ...RUNTIME_SDK });
    const leanInit = await initTime(probe, leanFile, runs);

    const zod = { classic: 0, mini: 0 };
    const zodInit = { classic: 0, mini: 0 };
    for (const flavour of ['classic', 'mini'] as const) {
      const file = join(dir, `zod-${flavour}`, 'index.mjs');
      zod[flavour] = (await bundle(file, fromSource(zodSample(flavour === 'mini' ? 'zod/mini' : 'zod')))).kb;
      zodInit[flavour] = await initTime(probe, file, runs);
    }

    const entries = localFunctions((await benchTemplate()) as never).slice(0, sizes.coldStartFunctions);
    const functions: BundleFigures[] = [];
    for (const { entry } of entries) {
      const name = entry.split('/').pop()?.replace(/\.ts$/, '') ?? entry;
      const entryPath = join(REPO_ROOT, entry);
      const file = join(dir, name, 'index.mjs');
      const built = await bundle(file, { entryPoints: [entryPath] });
      const initMs = await initTime(probe, file, runs);
      const parts = breakdown(built.metafile);
      const leanFnFile = join(sdkDir, name, 'index.mjs');
      const leanFn = await bundle(leanFnFile, { entryPoints: [entryPath], ...RUNTIME_SDK });
      const leanFnInit = await initTime(probe, leanFnFile, runs);
      functions.push({
        name,
        kb: built.kb,
        initMs,
        initRatio: round(initMs / minimalInit),
        breakdownKb: parts,
        projectedKbWithZodMini: round(built.kb - (parts.zod ?? 0) + (parts.zod ? zod.mini : 0), 1),
        runtimeSdk: { kb: leanFn.kb, initMs: leanFnInit, initRatio: round(leanFnInit / minimalInit) },
      });
    }
    return {
      runs,
      minimal: { kb: minimal.kb, initMs: minimalInit },
      minimalRuntimeSdk: { kb: lean.kb, initMs: leanInit },
      zodSampleKb: zod,
      zodSampleInitMs: zodInit,
      functions,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(sdkDir, { recursive: true, force: true });
    await new Promise((resolve) => aws.close(resolve));
  }
}
