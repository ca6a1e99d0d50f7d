// The case-list exports' answers as the OpenAPI document describes them (registered in ./response-schemas.ts).
import * as z from 'zod';
import type { ExportView } from '#use-cases/case-export.ts';

const exportStatus = z.enum(['running', 'done', 'failed']);

/** What POST /workbench/api/exports answers (202). */
export const exportStarted = z.object({
  id: z.string(),
  status: exportStatus,
  location: z.string().meta({ description: 'Where to poll the export (also the Location header)' }),
});

/** What GET /workbench/api/exports/{exportId} answers. */
export const exportStatusView = z.object({
  id: z.string(),
  status: exportStatus.meta({
    description: '`failed` also once a running export has outlived every try the exporter makes',
  }),
  createdAt: z.string(),
  rows: z.number().int().optional().meta({ description: 'Once done: the cases in the file' }),
  complete: z.boolean().optional().meta({
    description: 'Once done: false when the list went on past the export’s bound (narrow the filter)',
  }),
  fileName: z.string().optional().meta({ description: 'Once done: 案件-<unit>-<day>.csv' }),
  url: z.string().optional().meta({ description: 'Once done: a GET URL of the file, valid five minutes' }),
  urlExpiresAt: z.string().optional(),
});

export type ExportStatusAgrees = z.output<typeof exportStatusView> extends ExportView ? true : never;
