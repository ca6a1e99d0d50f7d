import { type AuditTrail, auditEntry } from '#domain/audit.ts';
import {
  type CaseExport,
  type CaseExportStore,
  DOWNLOAD_URL_SECONDS,
  EXPORT_MAX_ROWS,
  type ExportFiles,
  ExportNotFoundError,
  type ExportQueue,
  type ExportStatus,
  exportFileName,
  exportObjectKey,
  exportOwner,
  exportStatusAt,
} from '#domain/case-export.ts';
import type { WorkbenchUnit } from '#domain/contact.ts';
import type { Issue } from '#domain/issue.ts';
import type { CaseIndex, Clock, Registry } from '#ports';
import { allCasePages, type CaseFilter } from './case-list.ts';
import type { Supervisor } from './workbench-case.ts';

export interface ExportDeps {
  readonly caseExports: CaseExportStore;
  readonly exportQueue: ExportQueue;
  readonly exportFiles: ExportFiles;
  readonly audit: AuditTrail;
  /** Business time, for the audit trail. */
  readonly clock: Clock;
  /** Real time: the job's limits, the file's day and the URL's lifetime are real time. */
  readonly wallClock: Clock;
  readonly caseIndex: CaseIndex;
  readonly registry: Registry;
  /** How the file is written: the workbench's CSV, its contacts masked for `unit`, in chunks as pages come. */
  readonly csvOf: (pages: AsyncIterable<readonly Issue[]>, unit: WorkbenchUnit) => AsyncIterable<string>;
}

/**
 * Starts an export of the supervisor's unit's filtered cases: records the job (running), records in the audit
 * trail that this person exported contacts under this filter, and queues the job for the exporter. A job that
 * could not be queued is marked failed before the error goes on.
 */
export async function startCaseExport(
  deps: Pick<ExportDeps, 'caseExports' | 'exportQueue' | 'audit' | 'clock' | 'wallClock'>,
  supervisor: Supervisor,
  filter: CaseFilter,
): Promise<CaseExport> {
  const job: CaseExport = {
    id: crypto.randomUUID(),
    unit: supervisor.unit,
    requestedBy: exportOwner(supervisor.personId, supervisor.unit),
    filter: { ...filter },
    status: 'running',
    createdAt: deps.wallClock.now().toISOString(),
  };
  await deps.caseExports.create(job);
  await deps.audit.record(
    auditEntry(deps.clock.now(), job.requestedBy, 'exported_cases', {
      detail: JSON.stringify({ export: job.id, unit: job.unit, filter }),
    }),
  );
  try {
    await deps.exportQueue.enqueue(job.id);
  } catch (error) {
    await deps.caseExports.finish(job.id, {
      status: 'failed',
      finishedAt: deps.wallClock.now().toISOString(),
    });
    throw error;
  }
  return job;
}

/**
 * Runs one export: the same pages the workbench's list reads, shaped into the same CSV rows, streamed into
 * the exports bucket, then the job marked done with its row count. A job no longer running (a message
 * delivered again after it finished) is left alone.
 */
export async function runCaseExport(
  deps: Pick<ExportDeps, 'caseExports' | 'exportFiles' | 'wallClock' | 'caseIndex' | 'registry' | 'csvOf'>,
  id: string,
): Promise<void> {
  const job = await deps.caseExports.get(id);
  if (job?.status !== 'running') return;
  const { unit } = job;
  // Written by startCaseExport from a CaseFilter.
  const filter = job.filter as CaseFilter;
  let rows = 0;
  async function* counted() {
    for await (const page of allCasePages(deps, unit, filter, EXPORT_MAX_ROWS)) {
      rows += page.length;
      yield page;
    }
  }
  await deps.exportFiles.write(exportObjectKey(id), deps.csvOf(counted(), unit));
  await deps.caseExports.finish(id, {
    status: 'done',
    rows,
    complete: rows < EXPORT_MAX_ROWS,
    finishedAt: deps.wallClock.now().toISOString(),
  });
}

/** Marks a job failed: the exporter gave up on it (its last delivery failed). */
export async function failCaseExport(deps: Pick<ExportDeps, 'caseExports' | 'wallClock'>, id: string) {
  await deps.caseExports.finish(id, { status: 'failed', finishedAt: deps.wallClock.now().toISOString() });
}

/** What the person who asked sees of an export: its status and, once done, a short-lived download URL. */
export interface ExportView {
  readonly id: string;
  readonly status: ExportStatus;
  readonly createdAt: string;
  readonly rows?: number | undefined;
  readonly complete?: boolean | undefined;
  readonly fileName?: string | undefined;
  readonly url?: string | undefined;
  readonly urlExpiresAt?: string | undefined;
}

/** An export as its owner sees it; anyone else is told it does not exist. */
export async function viewCaseExport(
  deps: Pick<ExportDeps, 'caseExports' | 'exportFiles' | 'wallClock'>,
  supervisor: Supervisor,
  id: string,
): Promise<ExportView> {
  const job = await deps.caseExports.get(id);
  if (!job || job.requestedBy !== exportOwner(supervisor.personId, supervisor.unit)) {
    throw new ExportNotFoundError(id);
  }
  const now = deps.wallClock.now();
  const status = exportStatusAt(job, now);
  const view = { id: job.id, status, createdAt: job.createdAt };
  if (status !== 'done') return view;
  const fileName = exportFileName(job);
  return {
    ...view,
    rows: job.rows,
    complete: job.complete,
    fileName,
    url: await deps.exportFiles.downloadUrl(exportObjectKey(job.id), fileName, DOWNLOAD_URL_SECONDS),
    urlExpiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
  };
}
