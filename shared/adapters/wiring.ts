import type { Deps } from '#use-cases/deps.ts';
import { readSettings } from './config.ts';
import { DynamoIdempotencyStore } from './dynamodb/idempotency-store.ts';
import { DynamoIssueStore } from './dynamodb/issue-store.ts';
import { DynamoRegistry } from './dynamodb/registry-store.ts';
import { DynamoStatsStore } from './dynamodb/stats-store.ts';
import { loadLinkKey } from './link-key.ts';
import { createNotifier } from './notify/create-notifier.ts';
import { StepFunctionsWorkflow } from './step-functions/workflow-engine.ts';

type Factories = { [K in keyof Deps]: () => Deps[K] | Promise<Deps[K]> };

const factories: Factories = {
  issues: () => new DynamoIssueStore(readSettings(['CASES_TABLE']).CASES_TABLE),
  idempotency: () => new DynamoIdempotencyStore(readSettings(['CASES_TABLE']).CASES_TABLE),
  stats: () => new DynamoStatsStore(readSettings(['CASES_TABLE']).CASES_TABLE),
  notifier: () => createNotifier(),
  registry: () => new DynamoRegistry(readSettings(['REGISTRY_TABLE']).REGISTRY_TABLE),
  workflow: () => new StepFunctionsWorkflow(process.env.STATE_MACHINE_ARN),
  clock: () => ({ now: () => new Date(), timeScale: readSettings(['TIME_SCALE']).TIME_SCALE }),
  policy: () => ({ ratingWindow: readSettings(['RATING_WINDOW']).RATING_WINDOW }),
  keys: async () => ({ linkKey: await loadLinkKey() }),
  publicUrl: () => readSettings(['PUBLIC_URL']).PUBLIC_URL,
};

/**
 * Builds the adapters a function needs from its environment, once per cold start. A function names only what
 * it uses, so it needs only those settings and permissions.
 */
export async function createDeps<K extends keyof Deps>(...needs: K[]): Promise<Pick<Deps, K>> {
  const entries = await Promise.all(needs.map(async (name) => [name, await factories[name]()] as const));
  return Object.fromEntries(entries) as Pick<Deps, K>;
}
