import { StepFunctionsWorkflowStarter } from '#adapters/step-functions/workflow-engine.ts';
import { runSettleTaskOrContinue, type WorkflowStep } from '#use-cases/lifecycle-states.ts';
import { stepDeps, stepHandler } from './step-deps.ts';
import { settleInput } from './step-input.ts';

const deps = await stepDeps();

/**
 * Workflow task SettleTask: applies a decision or an expired deadline and names the next step. A fresh
 * execution is started on the state machine the event names (its own): an ARN in the environment would make
 * the function and the state machine wait for each other.
 */
export const handler = stepHandler(async (event): Promise<WorkflowStep> => {
  const { stateMachineArn, ...request } = settleInput.parse(event);
  return runSettleTaskOrContinue(deps, request, new StepFunctionsWorkflowStarter(stateMachineArn));
});
