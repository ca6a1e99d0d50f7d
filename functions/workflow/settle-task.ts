import { runSettleTask, type WorkflowStep } from '#use-cases/lifecycle-states.ts';
import { stepDeps, stepHandler } from './step-deps.ts';
import { settleInput } from './step-input.ts';

const deps = await stepDeps();

/** Workflow task SettleTask: applies a decision or an expired deadline and names the next step. */
export const handler = stepHandler(
  async (event): Promise<WorkflowStep> => runSettleTask(deps, settleInput.parse(event)),
);
