import { runAwaitRating } from '#use-cases/lifecycle-states.ts';
import { stepDeps, stepHandler } from './step-deps.ts';
import { awaitRatingInput } from './step-input.ts';

const deps = await stepDeps();

/** Workflow callback task AwaitRating: asks the resident to rate and waits for the rating window. */
export const handler = stepHandler(async (event): Promise<void> => {
  await runAwaitRating(deps, awaitRatingInput.parse(event));
});
