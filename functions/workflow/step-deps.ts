import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { notifier } from '#adapters/wiring/notifier.ts';
import { policy } from '#adapters/wiring/policy.ts';
import { publicUrl } from '#adapters/wiring/public-url.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { stats } from '#adapters/wiring/stats.ts';
import { taskCompleter } from '#adapters/wiring/task-completer.ts';
import { createDeps } from '#adapters/wiring.ts';

/** What every workflow step uses: the four steps share one set of settings and permissions. */
export const stepDeps = () =>
  createDeps({ issues, registry, stats, notifier, taskCompleter, clock, policy, keys, publicUrl });
