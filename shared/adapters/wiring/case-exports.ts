import { readSettings } from '#adapters/config.ts';
import { DynamoCaseExportStore } from '#adapters/dynamodb/case-export-store.ts';
import { S3ExportFiles } from '#adapters/s3/export-files.ts';
import { SqsExportQueue } from '#adapters/sqs/export-queue.ts';
import type { CaseExportStore, ExportFiles, ExportQueue } from '#domain/case-export.ts';

/** Export jobs, as items of the cases table (CASES_TABLE). */
export const caseExports = (): CaseExportStore =>
  new DynamoCaseExportStore(readSettings(['CASES_TABLE']).CASES_TABLE);

/** The exporter's queue (EXPORT_QUEUE_URL). */
export const exportQueue = (): ExportQueue =>
  new SqsExportQueue(readSettings(['EXPORT_QUEUE_URL']).EXPORT_QUEUE_URL);

/** The private bucket of export files (EXPORTS_BUCKET). */
export const exportFiles = (): ExportFiles =>
  new S3ExportFiles(readSettings(['EXPORTS_BUCKET']).EXPORTS_BUCKET);
