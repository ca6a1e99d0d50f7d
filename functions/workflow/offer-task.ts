import { runOfferTask } from '#use-cases/lifecycle-states.ts';
import { stepDeps, stepHandler } from './step-deps.ts';
import { offerInput } from './step-input.ts';

const deps = await stepDeps();

/** Workflow callback task OfferTask: gives the case to one person and waits for their decision. */
export const handler = stepHandler(async (event): Promise<void> => {
  const { issueId, taskToken, step } = offerInput.parse(event);
  await runOfferTask(deps, { issueId, taskToken, ...step });
});
