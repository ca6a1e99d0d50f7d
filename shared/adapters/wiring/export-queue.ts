import { readSettings } from '#adapters/config.ts';
import { SqsExportQueue } from '#adapters/sqs/export-queue.ts';
import type { ExportQueue } from '#domain/case-export.ts';

/** The exporter's queue (EXPORT_QUEUE_URL). */
export const exportQueue = (): ExportQueue =>
  new SqsExportQueue(readSettings(['EXPORT_QUEUE_URL']).EXPORT_QUEUE_URL);
