import middy from '@middy/core';
import { issueOfImage, type StreamBatch } from '#adapters/dynamodb/stream-records.ts';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { calendars } from '#adapters/wiring/calendars.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { workflowStarter } from '#adapters/wiring/workflow-starter.ts';
import { createDeps } from '#adapters/wiring.ts';
import { type CaseChangeRecord, followCaseChanges } from '#use-cases/case-changes.ts';
import { WebhookQueue, webhookQueueUrl } from '#webhooks/queue.ts';

const deps = {
  ...(await createDeps({ issues, workflowStarter, clock, calendars, keys })),
  webhooks: new WebhookQueue(webhookQueueUrl()),
};

/**
 * Stream consumer of the cases table (the mapping's filters pass newly inserted open cases and partners' cases):
 * takes up new cases and queues partners' webhook events. It never logs the records (they carry residents'
 * contacts). A failure fails the batch, which Lambda retries and bisects; every step is idempotent.
 */
export const handler = middy<StreamBatch, void>()
  .use(edgeMiddlewares())
  .handler(async (event) => {
    const changes: CaseChangeRecord[] = (event.Records ?? []).map((record) => ({
      eventName: record.eventName,
      before: issueOfImage(record.dynamodb?.OldImage),
      after: issueOfImage(record.dynamodb?.NewImage),
    }));
    await followCaseChanges(deps, changes);
  });
