import { retryDelaySeconds } from './backoff.ts';
import type { WebhookEvent } from './events.ts';
import { type PartnerWebhookStore, signingSecrets } from './partner-webhook.ts';
import { signatureHeader, WEBHOOK_HEADERS } from './signing.ts';

/** One queued webhook as the queue hands it over. */
export interface QueuedWebhook {
  readonly messageId: string;
  readonly receiptHandle: string;
  /** The case: deliveries of one case go out one after another, in order. */
  readonly groupId: string;
  readonly receiveCount: number;
  readonly body: string;
}

/** What a POST to a partner came to: a status, or the network error (timeouts included). */
export type PostResult = { readonly status: number } | { readonly error: string };

export interface DeliveryDeps {
  readonly webhooks: Pick<PartnerWebhookStore, 'get'>;
  readonly post: (url: string, headers: Record<string, string>, body: string) => Promise<PostResult>;
  /** Sets how long a failed message stays invisible (its back-off). */
  readonly retryLater: (receiptHandle: string, seconds: number) => Promise<void>;
  readonly now: () => Date;
  readonly timeScale: number;
  readonly log: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * Delivers a batch: cases side by side, each case's webhooks in order. A failure fails that webhook and the
 * case's later ones in the batch (the queue keeps them in order), with the back-off as their visibility.
 * Returns the ids of the messages that were not delivered (the batch-item failures).
 */
export async function deliverWebhooks(
  deps: DeliveryDeps,
  batch: readonly QueuedWebhook[],
): Promise<string[]> {
  const groups = new Map<string, QueuedWebhook[]>();
  for (const message of batch) groups.set(message.groupId, [...(groups.get(message.groupId) ?? []), message]);
  const failed = await Promise.all([...groups.values()].map((group) => deliverGroup(deps, group)));
  return failed.flat();
}

async function deliverGroup(deps: DeliveryDeps, group: readonly QueuedWebhook[]): Promise<string[]> {
  for (const [index, message] of group.entries()) {
    const outcome = await deliverOne(deps, message).catch((error: unknown) => String(error));
    if (outcome === undefined) continue;
    const rest = group.slice(index);
    const delay = retryDelaySeconds(message.receiveCount, deps.timeScale);
    deps.log('webhook delivery failed; retried later', {
      messageId: message.messageId,
      caseId: message.groupId,
      receiveCount: message.receiveCount,
      retryInSeconds: delay,
      reason: outcome,
    });
    await Promise.all(rest.map((waiting) => deps.retryLater(waiting.receiptHandle, delay)));
    return rest.map((waiting) => waiting.messageId);
  }
  return [];
}

/** Undefined when the partner took the webhook (any 2xx), otherwise why not. */
async function deliverOne(deps: DeliveryDeps, message: QueuedWebhook): Promise<string | undefined> {
  const event = JSON.parse(message.body) as WebhookEvent;
  const webhook = await deps.webhooks.get(event.partnerId);
  if (!webhook) {
    // A partner that set no webhook asked for none: its events are dropped, not parked and alarmed on.
    deps.log('webhook dropped: the partner has no webhook', {
      partnerId: event.partnerId,
      eventId: event.eventId,
    });
    return undefined;
  }
  const now = deps.now();
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const result = await deps.post(
    webhook.url,
    {
      'content-type': 'application/json',
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.eventId]: event.eventId,
      [WEBHOOK_HEADERS.signature]: signatureHeader(signingSecrets(webhook, now), timestamp, message.body),
    },
    message.body,
  );
  if ('error' in result) return result.error;
  return result.status >= 200 && result.status < 300 ? undefined : `HTTP ${result.status}`;
}
