import { createDeps } from '#adapters/wiring.ts';
import { awaitRating } from '#use-cases/workflow-tasks.ts';
import { awaitRatingInput } from './step-input.ts';

const deps = await createDeps(
  'issues',
  'registry',
  'stats',
  'notifier',
  'workflow',
  'clock',
  'policy',
  'keys',
  'publicUrl',
);

/** Workflow callback task AwaitRating: asks the resident to rate and waits for the rating window. */
export const handler = async (event: unknown): Promise<void> => {
  await awaitRating(deps, awaitRatingInput.parse(event));
};
