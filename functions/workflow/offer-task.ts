import { runAwaitCoHandler } from '#use-cases/co-handling.ts';
import { runOfferTask } from '#use-cases/lifecycle-states.ts';
import { stepDeps, stepHandler } from './step-deps.ts';
import { awaitCoHandlerInput, offerInput } from './step-input.ts';

const deps = await stepDeps();

/**
 * Workflow callback tasks OfferTask (gives the case to one person and waits for their decision) and
 * AwaitCoHandler (gives a co-handling department its part and waits for its report). One function serves
 * both: they need the same settings and permissions, and the stack saves a function's worth of resources.
 */
export const handler = stepHandler(async (event): Promise<void> => {
  if (typeof event === 'object' && event !== null && 'coHandler' in event) {
    const { issueId, taskToken, coHandler } = awaitCoHandlerInput.parse(event);
    await runAwaitCoHandler(deps, { issueId, taskToken, seq: coHandler.seq });
    return;
  }
  const { issueId, taskToken, step } = offerInput.parse(event);
  await runOfferTask(deps, { issueId, taskToken, ...step });
});
