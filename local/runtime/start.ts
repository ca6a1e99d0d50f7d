// Starts the whole local runtime from a synthesized template: dynalite, an S3 server, the in-process Lambda
// host, the Step Functions engine and endpoint, and the HTTP API. Startup order matters: the
// handlers' environment (which names the local endpoints) is complete before any handler is
// imported, and routes open only once everything behind them is ready.
import { chmod, mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { type CfnTemplate, RESOURCE_TYPES, resourcesOfType } from './cfn-template.ts';
import { claimDataDir } from './data-dir-lock.ts';
import { startDynamoDbServer } from './dynamodb-server.ts';
import { LOCAL_CREDENTIALS, localAwsEnvironment, mergeFunctionEnvironments } from './function-env.ts';
import { allowedHosts, LOOPBACK_HOSTS } from './http-api/allowed-hosts.ts';
import { corsFromTemplate } from './http-api/cors.ts';
import { type ExtraRoute, type ExtraRouteHandler, HttpGateway } from './http-api/gateway.ts';
import type { LocalJwtIssuer } from './http-api/jwt-authorizer.ts';
import type { RateLimit } from './http-api/rate-limit.ts';
import { parseRoute, templateRoutes } from './http-api/routes.ts';
import { TemplateResolver } from './intrinsics.ts';
import { functionSpecsFromTemplate, type InvocationObserver, LambdaHost } from './lambda-host.ts';
import { consoleLogger, type Logger } from './logger.ts';
import { closeServer, listen } from './net.ts';
import { type LocalQueues, openLocalQueues } from './queues/index.ts';
import { bucketSpecsFromTemplate, startS3Server } from './s3-server.ts';
import { type ScheduleClock, scheduleSpecsFromTemplate, startSchedules } from './schedules/index.ts';
import { createStepFunctionsEndpoint } from './step-functions/endpoint.ts';
import { statesTimeoutErrorFactory } from './step-functions/engine.ts';
import { ExecutionStore } from './step-functions/execution-store.ts';
import { ExecutionManager } from './step-functions/executions.ts';
import { LocalStateMachine, stateMachineSpecsFromTemplate } from './step-functions/state-machines.ts';
import { TaskTokenRegistry } from './step-functions/task-tokens.ts';
import { enableStreams, StreamLog, startStreamPollers } from './streams/index.ts';
import { ensureTables, localDynamoDbClient, tableSpecsFromTemplate } from './tables.ts';

export interface LocalRuntimeOptions {
  template: CfnTemplate;
  rootDir: string;
  dataDir: string;
  port: number;
  /** The address to listen on: 127.0.0.1 (this machine only) unless told otherwise, e.g. 0.0.0.0 for a phone. */
  listenHost?: string;
  publicUrl?: string;
  region?: string;
  envOverlay?: Record<string, string>;
  extraRoutes?: Record<string, ExtraRouteHandler | ExtraRoute>;
  /** The local credential of local-only routes that ask for one (see HttpGateway). */
  bearerToken?: string;
  /**
   * Makes the issuer that stands in for the template's JWT authorizers, once its `iss` (the API's public URL)
   * and the audiences those authorizers accept are known. Without one, routes with a JWT authorizer answer 401.
   */
  jwtIssuer?: (settings: { issuer: string; audiences: readonly string[] }) => LocalJwtIssuer;
  /** Per-client request limits by route key (e.g. `POST /issues`), answered 429 with Retry-After past them. */
  rateLimits?: Readonly<Record<string, RateLimit>>;
  /** The gateway's own payload cap; API Gateway's 10 MB unless a test lowers it. */
  maxBodyBytes?: number;
  logger?: Logger;
  /**
   * Runs once tables exist and the handlers' environment is set, before executions resume and
   * routes open: the place for local maintenance such as seeding or recounting.
   */
  beforeResume?: () => Promise<void>;
  /** Told each phase of the start as it begins (tables, resuming), for a progress line. */
  progress?: (phase: string) => void;
  /** Optional observers for measurements (benchmarks); the runtime behaves the same without them. */
  instrumentation?: RuntimeInstrumentation;
  /**
   * false runs no table streams and none of their consumers: only for loading data that is counted by other
   * means (a benchmark's bulk preload of cases and their counters). Defaults to true.
   */
  streams?: boolean;
  /** The business time the template's schedules fire on (the functions' TIME_SCALE); real time by default. */
  clock?: ScheduleClock;
}

export interface RuntimeInstrumentation {
  /** Every finished Lambda invocation, from the HTTP API and from workflow tasks alike. */
  onInvoke?: InvocationObserver;
  /** Every state an execution enters, as Step Functions counts state transitions. */
  onStateEntered?: (executionArn: string, stateName: string) => void;
  /** Every stream batch a consumer took: when each of its records was written (ms since the epoch). */
  onStreamBatch?: (writtenAt: readonly number[]) => void;
}

export interface LocalRuntime {
  url: string;
  /** The address the HTTP API listens on (127.0.0.1 unless `listenHost` said otherwise). */
  listenAddress: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  stepFunctionsEndpoint: string;
  tableNames: Record<string, string>;
  stateMachineArns: Record<string, string>;
  functionEnv: Record<string, Record<string, string>>;
  resumed: number;
  /** Executions whose callback task waits for its token with its run set aside (see ExecutionManager). */
  parkedExecutions(): number;
  /** Stream records written but not yet taken by every consumer; 0 when the consumers have caught up. */
  streamBacklog(): number;
  /** The template's SQS queues, their endpoint and what their consumers took or parked. */
  queues: LocalQueues;
  close(): Promise<void>;
}

/** How long a shutdown waits for running handlers; longer than any local step takes, short enough for Ctrl-C. */
const HANDLER_DRAIN_MS = 5_000;

/**
 * Ports used per data directory by earlier runtimes in this process. A restart in the same
 * process reuses them, because SDK clients that already-imported handler modules created at
 * module scope keep the endpoint they were created with.
 */
const endpointPorts = new Map<string, { dynamodb: number; s3: number; stepFunctions: number; sqs: number }>();

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  // The runtime's own SDK clients are created before the handlers' environment is applied.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const logger = options.logger ?? consoleLogger;
  const region = options.region ?? 'us-east-1';
  const dataDir = resolve(options.dataDir);
  const previousPorts = endpointPorts.get(dataDir);
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const timeoutErrorReady = statesTimeoutErrorFactory();
    // Private: the data holds residents' contacts, links and the local secrets.
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await chmod(dataDir, 0o700);
    const claim = await claimDataDir(dataDir);
    cleanups.push(claim.release);
    const streamLog = options.streams === false ? undefined : new StreamLog();
    const dynamo = await startDynamoDbServer(dataDir, previousPorts?.dynamodb, streamLog);
    cleanups.push(dynamo.close);

    const listenHost = options.listenHost ?? '127.0.0.1';
    const resolverSettings = { template: options.template, region, publicUrl: '' };
    const apiLogicalId = resourcesOfType(options.template, RESOURCE_TYPES.httpApi)[0]?.logicalId ?? 'HttpApi';
    const apiResolver = new TemplateResolver(resolverSettings);
    const apiId = apiResolver.apiId(apiLogicalId);
    const cors = corsFromTemplate(options.template, apiResolver);
    const gateway = new HttpGateway({
      apiId,
      logger,
      region,
      allowedHosts: allowedHosts(listenHost, options.publicUrl),
      ...(cors ? { cors } : {}),
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
      ...(options.bearerToken ? { bearerToken: options.bearerToken } : {}),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    });
    const port = await listen(gateway.server, options.port, listenHost, false);
    cleanups.push(() => closeServer(gateway.server));
    const anyAddress = listenHost === '0.0.0.0' || listenHost === '::';
    const url = `http://${anyAddress ? '127.0.0.1' : listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${port}`;
    const publicUrl = options.publicUrl ?? `http://localhost:${port}`;
    const resolver = new TemplateResolver({ ...resolverSettings, publicUrl });

    const loopbackOrigins = [url, ...LOOPBACK_HOSTS.map((host) => `http://${host}:${port}`)];
    const publicOrigin = new URL(publicUrl).origin;
    const s3 = await startS3Server({
      dataDir,
      buckets: bucketSpecsFromTemplate(options.template, resolver),
      credentials: LOCAL_CREDENTIALS,
      // The pages are reached by loopback names as well as by the public URL the template's CORS rules name.
      corsAliases: (origin) => (origin === publicOrigin ? loopbackOrigins : []),
      ...(previousPorts ? { preferredPort: previousPorts.s3 } : {}),
    });
    cleanups.push(s3.close);
    const queueSettings = { template: options.template, resolver, dataDir, region, logger };
    const queues = await openLocalQueues({ ...queueSettings, preferredPort: previousPorts?.sqs });
    cleanups.push(queues.close);

    const functions = functionSpecsFromTemplate(options.template, resolver, options.rootDir);
    // Fails the start at once when two functions disagree on a variable (see function-env.ts).
    mergeFunctionEnvironments(functions);
    const host = new LambdaHost(functions, options.instrumentation?.onInvoke);
    const routes = templateRoutes(options.template, resolver, logger);
    const tables = tableSpecsFromTemplate(options.template);
    const client = localDynamoDbClient(dynamo.endpoint, region);
    cleanups.push(async () => client.destroy());
    options.progress?.(`opening ${tables.length + 1} tables`);
    const tablesReady = ensureTables(client, [...tables, ExecutionStore.tableSpec()], logger);
    tablesReady.catch(() => {});
    // Validating definitions is synchronous CPU work; it overlaps with dynalite creating tables.
    const machines = stateMachineSpecsFromTemplate(options.template, resolver).map(
      (s) => new LocalStateMachine(s),
    );
    await tablesReady;
    if (streamLog) await enableStreams({ template: options.template, log: streamLog });

    const registry = new TaskTokenRegistry();
    const store = new ExecutionStore(client, logger);
    const executions = new ExecutionManager(machines, {
      host,
      registry,
      store,
      logger,
      timeoutError: await timeoutErrorReady,
      ...(options.instrumentation?.onStateEntered
        ? { onStateEntered: options.instrumentation.onStateEntered }
        : {}),
    });
    const stepFunctionsServer: Server = createStepFunctionsEndpoint(executions, registry, logger);
    const stepFunctionsPort = await listen(stepFunctionsServer, previousPorts?.stepFunctions ?? 0);
    cleanups.push(() => closeServer(stepFunctionsServer));
    cleanups.push(() => executions.close());
    const stepFunctionsEndpoint = `http://127.0.0.1:${stepFunctionsPort}`;
    const ports = { dynamodb: dynamo.port, s3: s3.port, stepFunctions: stepFunctionsPort, sqs: queues.port };
    endpointPorts.set(dataDir, ports);

    host.setCommonEnvironment({
      ...localAwsEnvironment({
        region,
        dynamodbEndpoint: dynamo.endpoint,
        s3Endpoint: s3.endpoint,
        stepFunctionsEndpoint,
      }),
      AWS_ENDPOINT_URL_SQS: queues.endpoint,
      ...options.envOverlay,
    });
    // Counting consumers run from the start: changes stored before a crash are delivered again now.
    const streams = await startStreamPollers({
      template: options.template,
      tables,
      log: streamLog,
      resolver,
      region,
      invoke: (functionName, event) => host.invoke(functionName, event),
      logger,
      ...(options.instrumentation?.onStreamBatch ? { onBatch: options.instrumentation.onStreamBatch } : {}),
    });
    cleanups.push(() => streams.stop());
    queues.startConsumers((functionName, event) => host.invoke(functionName, event));
    const specs = scheduleSpecsFromTemplate(options.template, new Set(functions.map((f) => f.logicalId)));
    const clock = options.clock ?? { now: () => new Date(), timeScale: 1 };
    const invoke = (functionName: string, event: unknown) => host.invoke(functionName, event);
    const schedules = startSchedules({ specs, clock, region, logger, invoke });
    cleanups.push(() => schedules.stop());
    await options.beforeResume?.();
    // A closing runtime lets its requests finish: only a crash can leave a decision stored without its wake-up.
    const resumed = await executions.resumeAll({ checkWaits: claim.leftByCrash });
    if (resumed > 0) options.progress?.(`resuming ${resumed} workflow${resumed === 1 ? '' : 's'}`);
    const audiences = [...new Set(routes.flatMap((route) => route.target.jwtAuthorizer?.audience ?? []))];
    const jwtIssuer = options.jwtIssuer?.({ issuer: publicUrl, audiences });
    gateway.open({
      ...(jwtIssuer ? { jwtIssuer } : {}),
      extra: Object.entries(options.extraRoutes ?? {}).map(([key, route]) =>
        parseRoute(key, typeof route === 'function' ? { handler: route } : route),
      ),
      template: routes,
      invoke: (functionName, event) => host.invoke(functionName, event),
    });
    logger.info('local runtime started', {
      url,
      functions: functions.length,
      stateMachines: machines.length,
      routes: routes.length,
      streamMappings: streams.mappings,
      schedules: schedules.count,
      resumed,
    });

    let closing: Promise<void> | undefined;
    return {
      url,
      listenAddress: (gateway.server.address() as AddressInfo).address,
      dynamodbEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      stepFunctionsEndpoint,
      tableNames: Object.fromEntries(tables.map((t) => [t.logicalId, String(t.input.TableName)])),
      stateMachineArns: Object.fromEntries(machines.map((m) => [m.spec.logicalId, m.spec.arn])),
      functionEnv: Object.fromEntries(functions.map((f) => [f.logicalId, { ...f.env }])),
      resumed,
      parkedExecutions: () => executions.parkedCount,
      streamBacklog: () => streams.backlog(),
      queues,
      close: () => {
        closing ??= (async () => {
          // HTTP first (in-flight requests finish), then executions, the handlers still running for them,
          // the executions' endpoint, and storage last.
          await closeServer(gateway.server);
          await Promise.all([streams.stop(), schedules.stop()]);
          await queues.close();
          await executions.close();
          await host.drain(HANDLER_DRAIN_MS);
          await closeServer(stepFunctionsServer);
          client.destroy();
          await dynamo.close();
          await s3.close();
          await claim.release();
          logger.info('local runtime closed');
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    throw error;
  }
}
