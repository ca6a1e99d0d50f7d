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

/**
 * The notifier of a local run: messages go to an outbox in the cases table, one item per message id so a
 * retried step does not send twice, and one line on the console without the link or any contact.
 */
export class OutboxNotifier implements Notifier {
  constructor(private readonly tableName: string) {}

  async send(notification: Notification): Promise<void> {
    const item: OutboxItem = {
      id: notification.id,
      at: new Date().toISOString(),
      to: notification.to,
      channel: 'outbox',
      subject: notification.subject,
      text: notification.text,
      link: notification.link ?? null,
    };
    try {
      await documentClient().send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...caseKeys.outbox(notification.to, notification.id), ...item },
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
          ExpressionAttributeValues: { ':pk': outboxPartition(to) },
          ExclusiveStartKey: start,
        }),
      );
      for (const { pk: _pk, sk: _sk, ...item } of page.Items ?? []) items.push(item as OutboxItem);
      start = page.LastEvaluatedKey;
    } while (start);
    return items.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  }
}
