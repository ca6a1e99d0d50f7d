import { runAwaitRating } from '#use-cases/lifecycle-states.ts';
import { stepDeps } from './step-deps.ts';
import { awaitRatingInput } from './step-input.ts';

const deps = await stepDeps();

/** Workflow callback task AwaitRating: asks the resident to rate and waits for the rating window. */
export const handler = async (event: unknown): Promise<void> => {
  await runAwaitRating(deps, awaitRatingInput.parse(event));
};
