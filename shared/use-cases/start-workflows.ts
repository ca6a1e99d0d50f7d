import type { Issue } from '#domain/issue.ts';
import type { Deps } from './deps.ts';
import { firstStep } from './workflow-steps.ts';

type StartDeps = Pick<Deps, 'workflowStarter' | 'clock' | 'calendars'>;

/** Starts at a time: a batch of a flood of reports reaches Step Functions in a few round trips, not hundreds at once. */
const STARTS_IN_FLIGHT = 10;

/**
 * Whether a newly stored case is one whose lifecycle must start: every case taken in, except a find the worker
 * handled on the spot (stored closed; it has no task and asks no rating).
 */
export const awaitsItsWorkflow = (issue: Issue): boolean => issue.status === 'submitted';

/**
 * Starts the lifecycle of each newly stored case, from the cases table's change stream: intake answers once the
 * case is written, and the stream's delivery (at least once, retried until taken) is what makes every accepted
 * case start. Each execution is named after its case, so a redelivered record starts nothing twice. A failed start
 * fails the batch, which is delivered again.
 */
export async function startWorkflows(deps: StartDeps, stored: readonly Issue[]): Promise<number> {
  const due = stored.filter(awaitsItsWorkflow);
  if (due.length === 0) return 0;
  const calendar = await deps.calendars.calendar();
  for (let from = 0; from < due.length; from += STARTS_IN_FLIGHT) {
    await Promise.all(
      due.slice(from, from + STARTS_IN_FLIGHT).map((issue) =>
        deps.workflowStarter.start(issue.id, {
          issueId: issue.id,
          step: firstStep(issue, deps.clock, calendar),
        }),
      ),
    );
  }
  return due.length;
}
