import type { Issue } from '#domain/issue.ts';
import { type WebhookEvent, webhookEventsOf } from '#webhooks/events.ts';
import { type NewCaseDeps, takeUpNewCases } from './new-cases.ts';

/** One change of a case item as its stream record carries it. */
export interface CaseChangeRecord {
  /** `INSERT` when the case was first stored. */
  readonly eventName: string | undefined;
  readonly before: Issue | undefined;
  readonly after: Issue | undefined;
}

type ChangeDeps = NewCaseDeps & {
  /** The partners' webhook queue: one message group per case, deduplicated by event id. */
  readonly webhooks: { send(event: WebhookEvent): Promise<void> };
};

/**
 * What follows a case change at once, as the cases' second stream reader (the first counts the figures): a newly
 * stored case is taken up (`takeUpNewCases`), and a partner's case change is queued for its webhook, in stream
 * order. Every step is idempotent, so a batch delivered again changes nothing.
 */
export async function followCaseChanges(
  deps: ChangeDeps,
  changes: readonly CaseChangeRecord[],
): Promise<void> {
  const stored = changes.flatMap((change) =>
    change.eventName === 'INSERT' && change.after ? [change.after] : [],
  );
  await takeUpNewCases(deps, stored);
  for (const change of changes) {
    for (const event of webhookEventsOf(change.before, change.after)) await deps.webhooks.send(event);
  }
}
