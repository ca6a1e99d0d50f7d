import middy from '@middy/core';
import type { SQSEvent } from 'aws-lambda';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { logger } from '#adapters/logger.ts';
import { caseExports } from '#adapters/wiring/case-exports.ts';
import { caseIndex } from '#adapters/wiring/case-index.ts';
import { exportFiles } from '#adapters/wiring/export-files.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { wallClock } from '#adapters/wiring/wall-clock.ts';
import { createDeps } from '#adapters/wiring.ts';
import { EXPORT_MAX_RECEIVES } from '#domain/case-export.ts';
import { caseListCsv } from '#http/case-list-csv.ts';
import { failCaseExport, runCaseExport } from '#use-cases/case-export.ts';

const deps = {
  ...(await createDeps({ caseExports, exportFiles, caseIndex, registry, wallClock })),
  csvOf: caseListCsv,
};

/**
 * Consumer of the export queue (one message a batch): writes the job's file into the exports bucket. A failure
 * fails the message, which the queue delivers again; on its last delivery the job is marked failed first, and
 * the message is then parked in the dead-letter queue that ops are alarmed on.
 */
export const handler = middy<SQSEvent, void>()
  .use(edgeMiddlewares())
  .handler(async (event) => {
    for (const record of event.Records) {
      const id = record.body;
      try {
        await runCaseExport(deps, id);
      } catch (error) {
        const receives = Number(record.attributes.ApproximateReceiveCount);
        logger.error('Export failed', { exportId: id, receives, error: (error as Error).name });
        if (receives >= EXPORT_MAX_RECEIVES) await failCaseExport(deps, id);
        throw error;
      }
    }
  });
