import middy from '@middy/core';
import { issueOfImage, type StreamBatch } from '#adapters/dynamodb/stream-records.ts';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { webhookEventsOf } from '#webhooks/events.ts';
import { WebhookQueue, webhookQueueUrl } from '#webhooks/queue.ts';

const queue = new WebhookQueue(webhookQueueUrl());

/**
 * Stream consumer of partners' cases (the mapping's filter lets only those through): turns each status change
 * into webhook events on the FIFO queue, in stream order. A failure fails the batch, which is sent again; the
 * event ids make the repeat harmless. It never logs the records (they carry callers' phones).
 */
export const handler = middy<StreamBatch, void>()
  .use(edgeMiddlewares())
  .handler(async (event) => {
    for (const record of event.Records ?? []) {
      const changes = webhookEventsOf(
        issueOfImage(record.dynamodb?.OldImage),
        issueOfImage(record.dynamodb?.NewImage),
      );
      for (const change of changes) await queue.send(change);
    }
  });
