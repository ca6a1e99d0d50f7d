import type { Issue, IssueStatus, TimelineEvent } from '#domain/issue.ts';

/**
 * The status changes a partner hears of, named after the timeline events they come from (`submitted` is
 * `received`). Reminders, declines inside the ladder and supervision are internal and not sent.
 */
export const WEBHOOK_EVENT_TYPES = [
  'received',
  'assigned',
  'accepted',
  'escalated',
  'reassigned',
  'deferred',
  'paused',
  'resumed',
  'resolved',
  'reopened',
  'closed',
  'handed_back',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One webhook's body, as the partner receives it (docs/api.md, "Webhooks"). */
export interface WebhookEvent {
  /** `<caseId>:v<version>`, with `:<n>` for the n-th event of one write: the partner's replay key. */
  readonly eventId: string;
  readonly type: WebhookEventType;
  readonly occurredAt: string;
  readonly partnerId: string;
  readonly orderNo: string;
  readonly caseId: string;
  readonly caseNumber?: string | undefined;
  /** The case's version after the change: increases with every change, so older news can be told apart. */
  readonly version: number;
  readonly status: IssueStatus;
  readonly level?: string | undefined;
  /** How the work ended (`resolved`, `closed`, `handed_back`). */
  readonly outcome?: string | undefined;
  /** How the resident rated it (`closed`). */
  readonly rating?: string | undefined;
  /** The handler's note: what was done, or why the case is handed back or deferred. */
  readonly note?: string | undefined;
  /** A deferral's or pause's date. */
  readonly until?: string | undefined;
}

const TYPE_OF: Partial<Record<TimelineEvent['type'], WebhookEventType>> = {
  submitted: 'received',
  assigned: 'assigned',
  accepted: 'accepted',
  escalated: 'escalated',
  reassigned: 'reassigned',
  deferred: 'deferred',
  paused: 'paused',
  resumed: 'resumed',
  resolved: 'resolved',
  reopened: 'reopened',
  closed: 'closed',
  handed_back: 'handed_back',
};

/** The webhook events a write of a partner's case makes: one per timeline event the write appended. */
export function webhookEventsOf(before: Issue | undefined, after: Issue | undefined): WebhookEvent[] {
  const order = after?.partnerOrder;
  if (!after || !order) return [];
  // A write that did not move the version (none does today) would repeat an earlier event id.
  if (before && before.version >= after.version) return [];
  const appended = after.timeline.slice(before?.timeline.length ?? 0);
  const events: WebhookEvent[] = [];
  for (const entry of appended) {
    const type = TYPE_OF[entry.type];
    if (!type) continue;
    const n = events.length + 1;
    const workOutcome = type === 'resolved' || type === 'closed' || type === 'handed_back';
    events.push({
      eventId: `${after.id}:v${after.version}${n > 1 ? `:${n}` : ''}`,
      type,
      occurredAt: entry.at,
      partnerId: order.partnerId,
      orderNo: order.orderNo,
      caseId: after.id,
      ...(after.caseNumber ? { caseNumber: after.caseNumber } : {}),
      version: after.version,
      status: after.status,
      ...(entry.level ? { level: entry.level } : {}),
      ...(workOutcome && after.resolution ? { outcome: after.resolution.outcome ?? 'solved' } : {}),
      ...(type === 'closed' && entry.outcome ? { rating: entry.outcome } : {}),
      ...(entry.note ? { note: entry.note } : {}),
      ...(entry.until ? { until: entry.until } : {}),
    });
  }
  return events;
}
