// A case-list export runs as a job: the request records it and queues it, a queue consumer writes the file into
// a private bucket as it pages through the list, and the person who asked fetches it through a short-lived URL.
import type { WorkbenchUnit } from './contact.ts';
import { DomainError } from './errors.ts';
import { chinaDay } from './working-time.ts';

export type ExportStatus = 'running' | 'done' | 'failed';

/** The filters of the case list as the supervisor gave them (days, flags), kept to run the export later. */
export type ExportFilter = Readonly<Record<string, string | boolean | undefined>>;

/** One export job, as its item records it. */
export interface CaseExport {
  readonly id: string;
  /** The unit whose cases it lists, and whose holding of a case decides whether a phone is shown whole. */
  readonly unit: WorkbenchUnit;
  /** Who asked: only they may see it (their registry id, or the unit when the token names no person). */
  readonly requestedBy: string;
  readonly filter: ExportFilter;
  readonly status: ExportStatus;
  /** Real time (ISO 8601): the job's limits are real time too. */
  readonly createdAt: string;
  readonly finishedAt?: string | undefined;
  /** Rows written, once done. */
  readonly rows?: number | undefined;
  /** False when the list went on past EXPORT_MAX_ROWS and the file holds only its newest rows. */
  readonly complete?: boolean | undefined;
}

/** How long an export and its file are kept: the bucket's lifecycle deletes files after a day, the item goes too. */
export const EXPORT_LIFETIME_SECONDS = 2 * 24 * 3600;

/** How long a download URL works: enough to start the download, not to pass the link around. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/**
 * The most rows one export writes: a district's whole year at ~1,000 cases a day, within the exporter's time
 * limit at the rate the list is expected to read on AWS (~1,000 cases a second; docs/architecture.md). A longer
 * list is cut, and the export says so.
 */
export const EXPORT_MAX_ROWS = 400_000;

/** How often the queue delivers a job's message before it parks it in the dead-letter queue. */
export const EXPORT_MAX_RECEIVES = 3;

/** The exporter's time limit; the queue hides a message a little longer than this while it runs. */
export const EXPORTER_TIMEOUT_SECONDS = 15 * 60;

/**
 * After this a job still `running` has failed: every delivery of its message (the exporter's time limit
 * each, and the queue's wait between them) is over, so nothing will finish it.
 */
export const EXPORT_STALE_AFTER_SECONDS = EXPORT_MAX_RECEIVES * (EXPORTER_TIMEOUT_SECONDS + 5 * 60);

/** The person an export belongs to: their registry id, or the unit when the token names no person. */
export function exportOwner(personId: string | undefined, unit: WorkbenchUnit): string {
  return personId ?? `${unit.scope}:${unit.id}`;
}

/** Where an export's file lives in the exports bucket. */
export function exportObjectKey(id: string): string {
  return `exports/${id}.csv`;
}

/** The file name the download offers: 案件-<unit>-<China day>.csv */
export function exportFileName(job: Pick<CaseExport, 'unit' | 'createdAt'>): string {
  return `案件-${job.unit.id}-${chinaDay(job.createdAt)}.csv`;
}

/** The status as the person sees it: a job past every retry is failed, whatever its item still says. */
export function exportStatusAt(job: Pick<CaseExport, 'status' | 'createdAt'>, now: Date): ExportStatus {
  const age = now.getTime() - Date.parse(job.createdAt);
  return job.status === 'running' && age > EXPORT_STALE_AFTER_SECONDS * 1000 ? 'failed' : job.status;
}

/** An export that does not exist, expired, or was asked for by someone else: refused alike. */
export class ExportNotFoundError extends DomainError {
  constructor(readonly exportId: string) {
    super(`No export ${exportId}`);
  }
}

/** Where export jobs are recorded (an item each, with a TTL). */
export interface CaseExportStore {
  /** Records a new job. */
  create(job: CaseExport): Promise<void>;
  get(id: string): Promise<CaseExport | undefined>;
  /** Ends a running job; a job already ended stays as it is (a redelivered message). */
  finish(
    id: string,
    outcome: Pick<CaseExport, 'status' | 'rows' | 'complete'> & { readonly finishedAt: string },
  ): Promise<void>;
}

/** The queue the exporter reads: one message per job. */
export interface ExportQueue {
  enqueue(id: string): Promise<void>;
}

/** The exports bucket. */
export interface ExportFiles {
  /** Streams the chunks into one object: memory stays within a few parts, whatever the length. */
  write(key: string, chunks: AsyncIterable<string>): Promise<void>;
  /** A GET URL of the object that downloads it under `fileName`. */
  downloadUrl(key: string, fileName: string, ttlSeconds: number): Promise<string>;
}
