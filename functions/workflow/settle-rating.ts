import { runSettleRating, type WorkflowStep } from '#use-cases/lifecycle-states.ts';
import { stepDeps, stepHandler } from './step-deps.ts';
import { settleRatingInput } from './step-input.ts';

const deps = await stepDeps();

/** Workflow task SettleRating: closes the case, or reopens it for rework after a bad rating. */
export const handler = stepHandler(
  async (event): Promise<WorkflowStep> => runSettleRating(deps, settleRatingInput.parse(event)),
);
