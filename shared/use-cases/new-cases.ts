import { contactKeyOf } from '#domain/contact.ts';
import type { Issue } from '#domain/issue.ts';
import type { Deps } from './deps.ts';
import { firstStep } from './workflow-steps.ts';

type NewCaseDeps = Pick<Deps, 'issues' | 'workflowStarter' | 'clock' | 'calendars' | 'keys'>;

/** Cases taken up at a time: a batch of a flood of reports reaches the services in a few round trips. */
const CASES_IN_FLIGHT = 10;

/**
 * Whether a newly stored case is one whose lifecycle must start: every case taken in, except a find the worker
 * handled on the spot (stored closed; it has no task and asks no rating).
 */
export const awaitsItsWorkflow = (issue: Issue): boolean => issue.status === 'submitted';

/**
 * Takes up newly stored cases, from the cases table's change stream: makes each findable by its reporter's phone
 * (the keyed hash, never the number) and starts its lifecycle. Intake answers once the case is written, and the
 * stream's delivery (at least once, retried until taken) is what makes every accepted case start. Both steps are
 * idempotent (the entry is keyed by the case; the execution is named after it), so a redelivered record changes
 * nothing; a failure fails the batch, which is delivered again. Returns how many lifecycles it started.
 */
export async function takeUpNewCases(deps: NewCaseDeps, stored: readonly Issue[]): Promise<number> {
  const due = stored.filter(awaitsItsWorkflow);
  const calendar = due.length > 0 ? await deps.calendars.calendar() : undefined;
  for (let from = 0; from < stored.length; from += CASES_IN_FLIGHT) {
    await Promise.all(
      stored.slice(from, from + CASES_IN_FLIGHT).map(async (issue) => {
        const phone = issue.reporter?.phone;
        // Before the start: a case its worker has heard of can be found by its phone.
        if (phone) await deps.issues.indexContact(issue, contactKeyOf(deps.keys.linkKey, phone));
        if (calendar && awaitsItsWorkflow(issue)) {
          await deps.workflowStarter.start(issue.id, {
            issueId: issue.id,
            step: firstStep(issue, deps.clock, calendar),
          });
        }
      }),
    );
  }
  return due.length;
}
