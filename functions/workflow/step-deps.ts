import { createDeps } from '#adapters/wiring.ts';

/** What every workflow step uses: the four steps share one set of settings and permissions. */
export const stepDeps = () =>
  createDeps('issues', 'registry', 'stats', 'notifier', 'workflow', 'clock', 'policy', 'keys', 'publicUrl');
