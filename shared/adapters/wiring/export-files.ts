import { readSettings } from '#adapters/config.ts';
import { S3ExportFiles } from '#adapters/s3/export-files.ts';
import type { ExportFiles } from '#domain/case-export.ts';

/** The private bucket of export files (EXPORTS_BUCKET). */
export const exportFiles = (): ExportFiles =>
  new S3ExportFiles(readSettings(['EXPORTS_BUCKET']).EXPORTS_BUCKET);
