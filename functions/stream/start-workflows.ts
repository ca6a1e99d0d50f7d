import middy from '@middy/core';
import { issueOfImage, type StreamBatch } from '#adapters/dynamodb/stream-records.ts';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { calendars } from '#adapters/wiring/calendars.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { workflowStarter } from '#adapters/wiring/workflow-starter.ts';
import { createDeps } from '#adapters/wiring.ts';
import { startWorkflows } from '#use-cases/start-workflows.ts';

const deps = await createDeps({ workflowStarter, clock, calendars });

/**
 * Stream consumer of the cases table (the mapping's filter passes only newly inserted open cases): starts each
 * one's lifecycle. It never logs the records (they carry residents' contacts). A failure fails the batch, which
 * Lambda retries and bisects; the starts are idempotent.
 */
export const handler = middy<StreamBatch, void>()
  .use(edgeMiddlewares())
  .handler(async (event) => {
    const stored = (event.Records ?? []).flatMap(({ dynamodb: record }) => {
      const issue = issueOfImage(record?.NewImage);
      return issue ? [issue] : [];
    });
    await startWorkflows(deps, stored);
  });
