import { StepFunctionsTaskCompleter } from '#adapters/step-functions/workflow-engine.ts';
import type { TaskCompleter } from '#ports';

/** Ends the workflow's waits; needs no setting, only the permission of infra's bindTaskCompleter. */
export const taskCompleter = (): TaskCompleter => new StepFunctionsTaskCompleter();
