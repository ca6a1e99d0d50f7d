import {
  DeleteMessageCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** The delivery queue and its dead-letter queue, as their URLs. */
export interface WebhookQueues {
  readonly deliveries: string;
  readonly parked: string;
}

/** Finds the webhook queues by their names (they carry the construct's ids), on AWS as locally. */
export async function findWebhookQueues(client: SQSClient, prefix?: string): Promise<WebhookQueues> {
  const { QueueUrls = [] } = await client.send(
    new ListQueuesCommand(prefix ? { QueueNamePrefix: prefix } : {}),
  );
  const named = (part: string) => {
    const found = QueueUrls.filter((url) => url.split('/').at(-1)?.includes(part));
    if (found.length !== 1) {
      throw new Error(
        `Expected one queue named *${part}*, found ${found.length}: name the stage or the URLs`,
      );
    }
    return found[0] as string;
  };
  return { deliveries: named('WebhooksDeliveries'), parked: named('WebhooksParked') };
}

/**
 * Moves every parked delivery back to the delivery queue, in the order it was parked (so each case's events
 * stay in order), under a fresh deduplication id. Each is deleted from the dead-letter queue only once sent:
 * an interrupted re-drive sends some twice at worst, which partners skip by event id.
 */
export async function redriveParked(client: SQSClient, queues: WebhookQueues): Promise<number> {
  let moved = 0;
  const stamp = Date.now().toString(36);
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queues.parked,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 120,
        MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
      }),
    );
    if (Messages.length === 0) return moved;
    for (const message of Messages) {
      const group = message.Attributes?.MessageGroupId ?? 'redriven';
      const dedup = message.Attributes?.MessageDeduplicationId ?? message.MessageId ?? String(moved);
      await client.send(
        new SendMessageCommand({
          QueueUrl: queues.deliveries,
          MessageBody: message.Body ?? '',
          MessageGroupId: group,
          MessageDeduplicationId: `${dedup}:r${stamp}`.slice(0, 128),
        }),
      );
      await client.send(
        new DeleteMessageCommand({ QueueUrl: queues.parked, ReceiptHandle: message.ReceiptHandle }),
      );
      moved++;
    }
  }
}
