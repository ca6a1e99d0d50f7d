import middy from '@middy/core';
import { issueOfImage, type StreamBatch } from '#adapters/dynamodb/stream-records.ts';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { calendars } from '#adapters/wiring/calendars.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { workflowStarter } from '#adapters/wiring/workflow-starter.ts';
import { createDeps } from '#adapters/wiring.ts';
import { takeUpNewCases } from '#use-cases/new-cases.ts';

const deps = await createDeps({ issues, workflowStarter, clock, calendars, keys });

/**
 * Stream consumer of the cases table (the mapping's filter passes only newly inserted case items): indexes each
 * new case's contact and starts its lifecycle. It never logs the records (they carry residents' contacts). A
 * failure fails the batch, which Lambda retries and bisects; both steps are idempotent.
 */
export const handler = middy<StreamBatch, void>()
  .use(edgeMiddlewares())
  .handler(async (event) => {
    const stored = (event.Records ?? []).flatMap(({ dynamodb: record }) => {
      const issue = issueOfImage(record?.NewImage);
      return issue ? [issue] : [];
    });
    await takeUpNewCases(deps, stored);
  });
