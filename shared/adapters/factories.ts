// One factory per adapter a function may need, each a named export: a handler imports only the ones it uses,
// so its bundle carries only those adapters and their SDK clients (esbuild drops the rest).
import type {
  Clock,
  IdempotencyStore,
  IssueStore,
  Keys,
  Notifier,
  OpenCaseIndex,
  Policy,
  Registry,
  StatsStore,
  WorkflowEngine,
} from '#ports';
import { readSettings } from './config.ts';
import { DynamoIdempotencyStore } from './dynamodb/idempotency-store.ts';
import { DynamoIssueStore } from './dynamodb/issue-store.ts';
import { DynamoOpenCaseIndex } from './dynamodb/open-case-index.ts';
import { DynamoRegistry } from './dynamodb/registry-store.ts';
import { DynamoStatsStore } from './dynamodb/stats-store.ts';
import { loadLinkKey } from './link-key.ts';
import { createNotifier } from './notify/create-notifier.ts';
import { StepFunctionsWorkflow } from './step-functions/workflow-engine.ts';

export const issueStore = (): IssueStore => new DynamoIssueStore(readSettings(['CASES_TABLE']).CASES_TABLE);

export const idempotencyStore = (): IdempotencyStore =>
  new DynamoIdempotencyStore(readSettings(['CASES_TABLE']).CASES_TABLE);

export const openCaseIndex = (): OpenCaseIndex =>
  new DynamoOpenCaseIndex(readSettings(['CASES_TABLE']).CASES_TABLE);

export const statsStore = (): StatsStore => new DynamoStatsStore(readSettings(['CASES_TABLE']).CASES_TABLE);

export const notifier = (): Promise<Notifier> => createNotifier();

export const registry = (): Registry => new DynamoRegistry(readSettings(['REGISTRY_TABLE']).REGISTRY_TABLE);

export const workflowEngine = (): WorkflowEngine => new StepFunctionsWorkflow(process.env.STATE_MACHINE_ARN);

export const systemClock = (): Clock => ({
  now: () => new Date(),
  timeScale: readSettings(['TIME_SCALE']).TIME_SCALE,
});

export const policy = (): Policy => ({ ratingWindow: readSettings(['RATING_WINDOW']).RATING_WINDOW });

export const linkKeys = async (): Promise<Keys> => ({ linkKey: await loadLinkKey() });

export const publicUrl = (): string => readSettings(['PUBLIC_URL']).PUBLIC_URL;
