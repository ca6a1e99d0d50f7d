import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import type { WebhookEvent } from './events.ts';

/** The FIFO queue of webhook deliveries (WEBHOOK_QUEUE_URL, set by infra), read once at cold start. */
export function webhookQueueUrl(): string {
  const parsed = z.url().safeParse(process.env.WEBHOOK_QUEUE_URL);
  if (!parsed.success) throw new Error('WEBHOOK_QUEUE_URL must name the webhook queue');
  return parsed.data;
}

// The endpoint comes from the region (or AWS_ENDPOINT_URL_SQS locally), never from the queue URL's host.
const sqs = () => new SQSClient({ useQueueUrlAsEndpoint: false });

/** The webhook queue as the functions use it: events in, back-off of failed deliveries. */
export class WebhookQueue {
  private readonly client = sqs();

  constructor(private readonly queueUrl: string) {}

  /**
   * Queues one event in its case's group; the event id deduplicates, so a stream batch delivered again sends
   * nothing twice (within SQS's five-minute deduplication window; partners also skip ids they have seen).
   */
  async send(event: WebhookEvent): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(event),
        MessageGroupId: event.caseId,
        MessageDeduplicationId: event.eventId,
      }),
    );
  }

  async retryLater(receiptHandle: string, seconds: number): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: seconds,
      }),
    );
  }
}
