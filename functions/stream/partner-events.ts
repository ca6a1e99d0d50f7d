import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import { issueOfItem } from '#adapters/dynamodb/issue-item.ts';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import type { Issue } from '#domain/issue.ts';
import { webhookEventsOf } from '#webhooks/events.ts';
import { WebhookQueue, webhookQueueUrl } from '#webhooks/queue.ts';

const queue = new WebhookQueue(webhookQueueUrl());

type Image = Record<string, AttributeValue> | undefined;

interface StreamBatch {
  readonly Records?: readonly {
    readonly dynamodb?: { readonly OldImage?: Image; readonly NewImage?: Image };
  }[];
}

const issueOf = (image: Image): Issue | undefined => (image ? issueOfItem(unmarshall(image)) : undefined);

/**
 * Stream consumer of partners' cases (the mapping's filter lets only those through): turns each status change
 * into webhook events on the FIFO queue, in stream order. A failure fails the batch, which is sent again; the
 * event ids make the repeat harmless. It never logs the records (they carry callers' phones).
 */
export const handler = middy<StreamBatch, void>()
  .use(edgeMiddlewares())
  .handler(async (event) => {
    for (const record of event.Records ?? []) {
      const changes = webhookEventsOf(issueOf(record.dynamodb?.OldImage), issueOf(record.dynamodb?.NewImage));
      for (const change of changes) await queue.send(change);
    }
  });
