import type { Deps } from '#use-cases/deps.ts';

/** Builds one adapter from the environment, at once or asynchronously. */
type Factory = () => unknown;
type Factories = Record<string, Factory>;

/** A factory given under a name of `Deps` must build that dependency; other names (`openCases`) take any. */
type Checked<F> = { [K in keyof F]: K extends keyof Deps ? () => Deps[K] | Promise<Deps[K]> : F[K] };

/** What the factories build: each name mapped to its adapter (awaited when the factory is async). */
export type Built<F extends Factories> = { -readonly [K in keyof F]: Awaited<ReturnType<F[K]>> };

/**
 * Builds the adapters a function needs from its environment, once per cold start (module scope):
 * `createDeps({ issues, clock })`, each factory imported from its own module in `wiring/`. A function names
 * only what it uses, so its bundle carries only those adapters and SDK clients, and it needs only their
 * settings and permissions.
 */
export async function createDeps<F extends Factories>(factories: F & Checked<F>): Promise<Built<F>> {
  const entries = await Promise.all(
    Object.entries(factories).map(async ([name, factory]) => [name, await factory()] as const),
  );
  return Object.fromEntries(entries) as Built<F>;
}
