import { settleTask, type WorkflowStep } from '#use-cases/workflow-tasks.ts';
import { stepDeps, stepHandler } from './step-deps.ts';
import { settleInput } from './step-input.ts';

const deps = await stepDeps();

/** Workflow task SettleTask: applies a decision or an expired deadline and names the next step. */
export const handler = stepHandler(
  async (event): Promise<WorkflowStep> => settleTask(deps, settleInput.parse(event)),
);
