import { createDeps } from '#adapters/wiring.ts';
import { settleTask, type WorkflowStep } from '#use-cases/workflow-tasks.ts';
import { settleInput } from './step-input.ts';

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

/** Workflow task SettleTask: applies a decision or an expired deadline and names the next step. */
export const handler = async (event: unknown): Promise<WorkflowStep> =>
  settleTask(deps, settleInput.parse(event));
