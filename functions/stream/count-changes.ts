import middy from '@middy/core';
import { issueOfImage, type StreamBatch } from '#adapters/dynamodb/stream-records.ts';
import { edgeMiddlewares } from '#adapters/edge-middlewares.ts';
import { calendars } from '#adapters/wiring/calendars.ts';
import { slowestCases } from '#adapters/wiring/slowest-cases.ts';
import { stats } from '#adapters/wiring/stats.ts';
import { createDeps } from '#adapters/wiring.ts';
import { type CaseChange, countChanges } from '#use-cases/count-changes.ts';

const deps = await createDeps({ stats, slowestCases, calendars });

/** Sequence numbers are decimal strings of up to 40 digits: padded, they compare in stream order as strings. */
const position = (sequenceNumber: string) => sequenceNumber.padStart(40, '0');

/**
 * Stream consumer of the cases table: counts each batch of case changes into the figures. It never logs the
 * records (they carry residents' contacts). A failure fails the batch, which Lambda retries and bisects.
 */
export const handler = middy<StreamBatch, { state: Record<string, never> }>()
  .use(edgeMiddlewares())
  .handler(async (event) => {
    if (!event.shardId)
      throw new Error('The event source mapping must set a tumbling window (it names the shard)');
    const changes: CaseChange[] = (event.Records ?? []).flatMap(({ dynamodb: record }) => {
      if (!record?.SequenceNumber) return [];
      const at = new Date((record.ApproximateCreationDateTime ?? 0) * 1000).toISOString();
      const before = issueOfImage(record.OldImage);
      const after = issueOfImage(record.NewImage);
      return before || after ? [{ position: position(record.SequenceNumber), at, before, after }] : [];
    });
    await countChanges(deps, event.shardId, changes);
    // Tumbling windows carry state from batch to batch; the figures are kept in the table instead.
    return { state: {} };
  });
