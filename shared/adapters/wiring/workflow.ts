import { StepFunctionsWorkflow } from '#adapters/step-functions/workflow-engine.ts';
import type { WorkflowEngine } from '#ports';

/** The issue lifecycle state machine; STATE_MACHINE_ARN is needed only to start executions. */
export const workflow = (): WorkflowEngine => new StepFunctionsWorkflow(process.env.STATE_MACHINE_ARN);
