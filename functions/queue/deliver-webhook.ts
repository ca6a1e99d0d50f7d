import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { logger } from '#adapters/logger.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { deliverWebhooks, type PostResult } from '#webhooks/deliver.ts';
import { WebhookQueue, webhookQueueUrl } from '#webhooks/queue.ts';
import { DynamoPartnerWebhookStore } from '#webhooks/webhook-store.ts';

/** A slow partner holds up its own case's deliveries only this long per try. */
const POST_TIMEOUT_MS = 5_000;

const queue = new WebhookQueue(webhookQueueUrl());
const webhooks = new DynamoPartnerWebhookStore(String(process.env.REGISTRY_TABLE));
const { timeScale } = clock();

async function post(url: string, headers: Record<string, string>, body: string): Promise<PostResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    return { error: error instanceof Error ? error.name : 'network error' };
  }
}

/**
 * Consumer of the webhook queue: POSTs each event, signed, to its partner. Failed messages are reported as
 * batch-item failures with an exponential back-off as their visibility; the queue parks them in its
 * dead-letter queue after its receives. Logs ids and reasons, never the body's notes or the secret.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(edgeMiddlewares())
  .handler(async (event) => {
    const failed = await deliverWebhooks(
      {
        webhooks,
        post,
        retryLater: (receipt, seconds) => queue.retryLater(receipt, seconds),
        now: () => new Date(),
        timeScale,
        log: (message, fields) => logger.warn(message, fields),
      },
      event.Records.map((record) => ({
        messageId: record.messageId,
        receiptHandle: record.receiptHandle,
        groupId: record.attributes.MessageGroupId ?? record.messageId,
        receiveCount: Number(record.attributes.ApproximateReceiveCount),
        body: record.body,
      })),
    );
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  });
