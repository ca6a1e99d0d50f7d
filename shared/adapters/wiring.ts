type Factories = Record<string, () => unknown>;

/** What the factories build: each name mapped to its adapter (awaited when the factory is async). */
export type Built<F extends Factories> = { -readonly [K in keyof F]: Awaited<ReturnType<F[K]>> };

/**
 * Builds the adapters a function needs, once per cold start, from the factories it names
 * (`createDeps({ issues: issueStore, clock: systemClock })`, factories from `factories.ts`). A function
 * imports only what it uses, so its bundle, its settings and its permissions cover only that.
 */
export async function createDeps<F extends Factories>(factories: F): Promise<Built<F>> {
  const entries = await Promise.all(
    Object.entries(factories).map(async ([name, factory]) => [name, await factory()] as const),
  );
  return Object.fromEntries(entries) as Built<F>;
}
