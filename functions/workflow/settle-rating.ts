import { createDeps } from '#adapters/wiring.ts';
import { settleRating, type WorkflowStep } from '#use-cases/workflow-tasks.ts';
import { settleRatingInput } from './step-input.ts';

const deps = await createDeps(
  'issues',
  'registry',
  'stats',
  'notifier',
  'workflow',
  'clock',
  'policy',
  'keys',
  'publicUrl',
);

/** Workflow task SettleRating: closes the case, or reopens it for rework after a bad rating. */
export const handler = async (event: unknown): Promise<WorkflowStep> =>
  settleRating(deps, settleRatingInput.parse(event));
