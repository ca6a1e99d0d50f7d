// A measured alternative, for the cold-start report only: `shared/adapters/wiring.ts` imports every adapter,
// so every bundle carries all of them (and their SDK clients). This generates, per function, a wiring module
// that imports only the adapters the function asks `createDeps` for — what a per-function wiring would give.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '#infra/paths.ts';

const ADAPTERS = join(REPO_ROOT, 'shared/adapters');

/** Mirrors the factories of wiring.ts: the import each one needs and the expression that builds it. */
const FACTORIES: Record<string, { imports: string; build: string }> = {
  issues: {
    imports: `import { DynamoIssueStore } from '${ADAPTERS}/dynamodb/issue-store.ts';`,
    build: `() => new DynamoIssueStore(readSettings(['CASES_TABLE']).CASES_TABLE)`,
  },
  idempotency: {
    imports: `import { DynamoIdempotencyStore } from '${ADAPTERS}/dynamodb/idempotency-store.ts';`,
    build: `() => new DynamoIdempotencyStore(readSettings(['CASES_TABLE']).CASES_TABLE)`,
  },
  stats: {
    imports: `import { DynamoStatsStore } from '${ADAPTERS}/dynamodb/stats-store.ts';`,
    build: `() => new DynamoStatsStore(readSettings(['CASES_TABLE']).CASES_TABLE)`,
  },
  notifier: {
    imports: `import { OutboxNotifier } from '${ADAPTERS}/notify/outbox-notifier.ts';`,
    build: `() => new OutboxNotifier(readSettings(['CASES_TABLE']).CASES_TABLE)`,
  },
  registry: {
    imports: `import { DynamoRegistry } from '${ADAPTERS}/dynamodb/registry-store.ts';`,
    build: `() => new DynamoRegistry(readSettings(['REGISTRY_TABLE']).REGISTRY_TABLE)`,
  },
  workflow: {
    imports: `import { StepFunctionsWorkflow } from '${ADAPTERS}/step-functions/workflow-engine.ts';`,
    build: `() => new StepFunctionsWorkflow(process.env.STATE_MACHINE_ARN)`,
  },
  clock: {
    imports: '',
    build: `() => ({ now: () => new Date(), timeScale: readSettings(['TIME_SCALE']).TIME_SCALE })`,
  },
  policy: { imports: '', build: `() => ({ ratingWindow: readSettings(['RATING_WINDOW']).RATING_WINDOW })` },
  keys: {
    imports: `import { loadLinkKey } from '${ADAPTERS}/link-key.ts';`,
    build: `async () => ({ linkKey: await loadLinkKey() })`,
  },
  publicUrl: { imports: '', build: `() => readSettings(['PUBLIC_URL']).PUBLIC_URL` },
};

/**
 * The dependency names a bundle's own modules pass to createDeps: every call in every Gridwork source file the
 * bundle includes (a handler may call it through a helper module).
 */
export async function needsOf(sourceFiles: readonly string[]): Promise<string[]> {
  const needs = new Set<string>();
  for (const file of sourceFiles) {
    const source = await readFile(join(REPO_ROOT, file), 'utf8');
    for (const call of source.matchAll(/createDeps\(([\s\S]*?)\)/g)) {
      for (const name of (call[1] ?? '').matchAll(/'([a-zA-Z]+)'/g)) needs.add(name[1] as string);
    }
  }
  return [...needs];
}

/** Source of a wiring module with only the given factories; same exports and behaviour as wiring.ts. */
export function wiringSource(needs: readonly string[]): string {
  const used = needs.map((name) => {
    const factory = FACTORIES[name];
    if (!factory) throw new Error(`wiring.ts has a factory this copy lacks: ${name}`);
    return [name, factory] as const;
  });
  return [
    `import { readSettings } from '${ADAPTERS}/config.ts';`,
    ...used.map(([, factory]) => factory.imports).filter(Boolean),
    `const factories = { ${used.map(([name, factory]) => `${name}: ${factory.build}`).join(',\n')} };`,
    'export async function createDeps(...needs) {',
    '  const entries = await Promise.all(needs.map(async (name) => [name, await factories[name]()]));',
    '  return Object.fromEntries(entries);',
    '}',
  ].join('\n');
}
