import { readSettings } from '#adapters/config.ts';
import { StepFunctionsWorkflowStarter } from '#adapters/step-functions/workflow-engine.ts';
import type { WorkflowStarter } from '#ports';

/** Starts the issue lifecycle state machine (STATE_MACHINE_ARN; infra's bindWorkflowStarter). */
export const workflowStarter = (): WorkflowStarter =>
  new StepFunctionsWorkflowStarter(readSettings(['STATE_MACHINE_ARN']).STATE_MACHINE_ARN);
