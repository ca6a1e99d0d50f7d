import middy from '@middy/core';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { calendars } from '#adapters/wiring/calendars.ts';
import { categories } from '#adapters/wiring/categories.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { metrics } from '#adapters/wiring/metrics.ts';
import { notifier } from '#adapters/wiring/notifier.ts';
import { policy } from '#adapters/wiring/policy.ts';
import { publicUrl } from '#adapters/wiring/public-url.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { stats } from '#adapters/wiring/stats.ts';
import { taskCompleter } from '#adapters/wiring/task-completer.ts';
import { createDeps } from '#adapters/wiring.ts';

const build = () =>
  createDeps({
    issues,
    registry,
    stats,
    notifier,
    taskCompleter,
    clock,
    calendars,
    policy,
    keys,
    metrics,
    publicUrl,
    categories,
  });
let built: ReturnType<typeof build> | undefined;

/** What every workflow step uses: the four steps share one set of settings and permissions, built once. */
export const stepDeps = () => {
  built ??= build();
  return built;
};

/**
 * A workflow step's handler with the edge middlewares every function wears; its errors reach Step Functions.
 * Each invocation first refreshes the categories in force (at most a read every few minutes), so a warm step
 * applies an imported category's deadlines as intake accepts its code.
 */
export function stepHandler<Result>(handler: (event: unknown) => Promise<Result>) {
  return middy<unknown, Result>()
    .use(edgeMiddlewares())
    .before(async () => {
      await (await stepDeps()).categories.current();
    })
    .handler(handler);
}
