import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, isConditionFailure } from '#adapters/dynamodb/document-client.ts';
import { caseKeys, outboxPartition } from '#adapters/dynamodb/keys.ts';
import { logger } from '#adapters/logger.ts';
import type { Notification, Notifier } from '#ports';

export interface OutboxItem {
  readonly id: string;
  readonly at: string;
  readonly to: string;
  readonly channel: 'outbox';
  readonly subject: string;
  readonly text: string;
  readonly link: string | null;
}

/** How long a message stays in the outbox: longer than any link in it lives (15 days at most). */
const OUTBOX_LIFETIME_SECONDS = 30 * 86_400;

/** A link without its secret part: where it leads, not what opens it. */
function withoutSecret(link: string): string {
  const url = new URL(link);
  const first = url.pathname.split('/')[1] ?? '';
  return `${url.origin}/${first}/…`;
}

/**
 * The notifier of a local run (and of trial stages): messages go to an outbox in the cases table, one item per
 * message id so a retried step does not send twice, and one line on the console without the link or any
 * contact. Items expire after OUTBOX_LIFETIME_SECONDS (the table's TTL; expired ones are never listed, since
 * DynamoDB deletes late and the local DynamoDB not at all). Full links are kept only when `storeLinks` says
 * so: on a local run, where the outbox is how people receive them (GET /outbox); a stage on AWS keeps where
 * each link led, not the link.
 */
export class OutboxNotifier implements Notifier {
  constructor(
    private readonly tableName: string,
    private readonly options: { readonly storeLinks?: boolean } = {},
  ) {}

  async send(notification: Notification): Promise<void> {
    const { link } = notification;
    const item: OutboxItem = {
      id: notification.id,
      at: new Date().toISOString(),
      to: notification.to,
      channel: 'outbox',
      subject: notification.subject,
      text: notification.text,
      link: link ? (this.options.storeLinks ? link : withoutSecret(link)) : null,
    };
    const expiresAt = Math.floor(Date.now() / 1000) + OUTBOX_LIFETIME_SECONDS;
    try {
      await documentClient().send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...caseKeys.outbox(notification.to, notification.id), ...item, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      logger.info('notification queued', {
        to: item.to,
        subject: item.subject,
        outbox: `/outbox?to=${item.to}`,
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** A recipient's messages, newest first. */
  async list(to: string): Promise<OutboxItem[]> {
    const items: OutboxItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: 'attribute_not_exists(expiresAt) OR expiresAt > :now',
          ExpressionAttributeValues: { ':pk': outboxPartition(to), ':now': Math.floor(Date.now() / 1000) },
          ExclusiveStartKey: start,
        }),
      );
      for (const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...item } of page.Items ?? []) {
        items.push(item as OutboxItem);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return items.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  }
}
