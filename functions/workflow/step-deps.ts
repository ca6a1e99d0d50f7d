import {
  issueStore,
  linkKeys,
  notifier,
  policy,
  publicUrl,
  registry,
  statsStore,
  systemClock,
  workflowEngine,
} from '#adapters/factories.ts';
import { createDeps } from '#adapters/wiring.ts';

/** What every workflow step uses: the four steps share one set of settings and permissions. */
export const stepDeps = () =>
  createDeps({
    issues: issueStore,
    registry,
    stats: statsStore,
    notifier,
    workflow: workflowEngine,
    clock: systemClock,
    policy,
    keys: linkKeys,
    publicUrl,
  });
