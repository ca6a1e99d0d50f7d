import type { Category } from '#domain/categories.ts';
import type { ChangeLimits } from '#domain/change-requests.ts';
import type { CounterChange, DayFigures } from '#domain/daily-stats.ts';
import type { Issue } from '#domain/issue.ts';
import type { RatingScale } from '#domain/rating-scale.ts';
import type { Department, Grid, Person, Unit } from '#domain/registry.ts';
import type { SlowCase, SlowestChanges } from '#domain/slowest-cases.ts';
import type { Counters } from '#domain/stats.ts';
import type { WorkCalendar } from '#domain/working-time.ts';

/** An issue as stored, with the bookkeeping the workflow keeps beside it. */
export interface StoredIssue {
  readonly issue: Issue;
  /** The Step Functions token of the wait the workflow is in now; it never leaves the server. */
  readonly workflowToken?: string | undefined;
  /** The tokens of the co-handlers' waits (one per co-handler, by its link number), beside the lead's. */
  readonly coHandlerTokens?: Readonly<Record<number, string>> | undefined;
}

export interface IssueStore {
  get(id: string): Promise<StoredIssue | undefined>;
  /** Stores a new issue; false when one with that id exists already. */
  create(issue: Issue): Promise<boolean>;
  /** Makes a case findable by its reporter's phone: `contactKey` is the keyed hash of the number. Idempotent. */
  indexContact(issue: Issue, contactKey: string): Promise<void>;
  /** Makes it unfindable by that phone again (its contacts are being erased). Idempotent. */
  unindexContact(issue: Issue, contactKey: string): Promise<void>;
  /** Replaces the issue if still at `expectedVersion` (and sets the workflow token); returns the stored record. */
  save(issue: Issue, expectedVersion: number, workflowToken?: string): Promise<StoredIssue>;
  /** Stores the token of the workflow's wait: the case's own, or co-handler `coHandlerSeq`'s. */
  setWorkflowToken(id: string, token: string, coHandlerSeq?: number): Promise<StoredIssue>;
}

export interface IdempotencyStore {
  /** Claims a key for a request; returns the earlier claim when the key was used before. */
  claim(
    key: string,
    requestHash: string,
    issueId: string,
  ): Promise<{ requestHash: string; issueId: string } | undefined>;
}

/** The daily sequences behind case numbers. */
export interface CaseNumbers {
  /** Takes the next number of `day` (yyyymmdd) under `prefix`: one atomic add, never handed out twice. */
  next(prefix: string, day: string): Promise<number>;
}

export interface GridPage {
  readonly items: Grid[];
  readonly next: string | null;
}

export interface Registry {
  getGrid(id: string): Promise<Grid | undefined>;
  listGrids(limit: number, cursor?: string): Promise<GridPage>;
  /** Every grid, for routing a point to its polygon; cached by the adapter. */
  allGrids(): Promise<readonly Grid[]>;
  findGridIdByAddress(address: string): Promise<string | undefined>;
  getPerson(id: string): Promise<Person | undefined>;
  getPeople(ids: readonly string[]): Promise<Person[]>;
  getUnit(id: string): Promise<Unit | undefined>;
  /** The units of the given ids that exist (one batch read, for naming communities in a list). */
  getUnits(ids: readonly string[]): Promise<Unit[]>;
  getDepartment(id: string): Promise<Department | undefined>;
  /** Every functional department, by id (a district has a few dozen). */
  listDepartments(): Promise<Department[]>;
}

/** One change of a case, at its position in its shard of the change stream (positions compare as strings). */
export interface PositionedChange {
  readonly position: string;
  /** When the change was made (the stream record's creation time). */
  readonly at: string;
  readonly change: CounterChange;
}

export interface StatsStore {
  /**
   * Adds one shard's changes, in stream order, to the counter items with one write per item; an item skips the
   * changes an earlier delivery of the same records already added to it, so a redelivered batch changes nothing.
   */
  applyChanges(shard: string, changes: readonly PositionedChange[]): Promise<void>;
  read(scopeKeys: readonly string[]): Promise<Map<string, Counters>>;
  /** The day items of one scope from `fromDay` to `toDay` (inclusive); days without any are left out. */
  readDaily(scopeKey: string, fromDay: string, toDay: string): Promise<Map<string, DayFigures>>;
  /** When the newest change the counters include was made; undefined before anything was counted. */
  countedUpTo(): Promise<string | undefined>;
}

/** The slowest closed cases of each unit and month, kept by the counting consumer (one bounded item per list). */
export interface SlowestCases {
  /**
   * Applies one shard's changes, in stream order, to the lists they touch; a list skips the changes an earlier
   * delivery of the same records already applied to it.
   */
  apply(shard: string, changes: readonly { position: string; lists: SlowestChanges }[]): Promise<void>;
  /** One list, slowest first; empty when no case of the scope closed that month. */
  read(scopeKey: string, month: string): Promise<SlowCase[]>;
}

/** Open cases as the grid index lists them (never a scan). */
export interface OpenCaseIndex {
  /** Every open case of one grid, newest first. */
  openCases(gridId: string): Promise<Issue[]>;
}

export interface Notification {
  /** Stable for one message, so a retried step sends it at most once per channel. */
  readonly id: string;
  /** A person id from the registry, or `reporter:<issueId>` for a resident. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly link?: string | undefined;
  readonly contact?: { readonly phone?: string | undefined; readonly email?: string | undefined } | undefined;
}

export interface Notifier {
  send(notification: Notification): Promise<void>;
}

/** Starts an issue's lifecycle workflow: intake only. */
export interface WorkflowStarter {
  /** Starts the execution named after the issue; a second start of the same issue does nothing. */
  start(issueId: string, input: object): Promise<void>;
}

/** The outcome of completing a workflow's wait: `gone` when it was no longer waiting on that token. */
export type TaskCompletion = 'delivered' | 'gone';

/** Ends the wait a workflow is in (a callback task), handing it the output it resumes with. */
export interface TaskCompleter {
  complete(token: string, output: object): Promise<TaskCompletion>;
}

export interface Clock {
  now(): Date;
  /** > 1 compresses every workflow deadline on a local run. */
  readonly timeScale: number;
}

/** District policy the workflow follows. */
export interface Policy {
  /** How long a resident has to rate a resolved case (ISO 8601) before it closes unrated. */
  readonly ratingWindow: string;
  /** How many deferrals a case may have and how far deferrals and pauses go; the domain's defaults otherwise. */
  readonly changeLimits?: ChangeLimits | undefined;
  /** The 好差评 scale; the default five levels otherwise. */
  readonly ratingScale?: RatingScale | undefined;
  /** How long after a bad rating an appeal may be lodged (ISO 8601, in working time); `APPEAL_WINDOW` otherwise. */
  readonly appealWindow?: string | undefined;
  /** How long a resolved case waits unrated before its one re-invitation; none when absent. */
  readonly reinviteAfter?: string | undefined;
}

/** The district's working-day calendar (holidays, make-up days, office hours). */
export interface Calendars {
  calendar(): Promise<WorkCalendar>;
}

/** The categories residents report under, as the registry holds them. */
export interface Categories {
  /** Every category, in order; also makes them the ones `categoryOf` and the other synchronous readers see. */
  current(): Promise<readonly Category[]>;
}

export interface Keys {
  /** The HMAC key for approval links and tracking tokens. */
  readonly linkKey: Uint8Array;
}

/** The business events ops count and alarm on: a case climbing a level, a message nobody got, a bad rating. */
export type BusinessEvent = 'Escalation' | 'UndeliverableMessage' | 'HeldMessage' | 'BadRating';

export interface BusinessMetrics {
  /** Counts one occurrence; counts leave with the invocation, so a failed step may count again on retry. */
  count(event: BusinessEvent): void;
}

/** A presigned browser upload: the form's action URL and the fields to send before the file. */
export interface PresignedUpload {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** The photo bucket: uploads come straight from browsers, views go through short-lived URLs. */
export interface PhotoStorage {
  /** A POST form that accepts one file of `contentType`, at most `maxBytes`, at exactly `key`, for `ttlSeconds`. */
  presignUpload(
    key: string,
    contentType: string,
    maxBytes: number,
    ttlSeconds: number,
  ): Promise<PresignedUpload>;
  /** The object at `key` (undefined when absent); refuses to read more than `maxBytes`. */
  read(key: string, maxBytes: number): Promise<{ bytes: Uint8Array; contentType?: string } | undefined>;
  write(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** A GET URL for `key` that works for `ttlSeconds`. */
  viewUrl(key: string, ttlSeconds: number): Promise<string>;
}

/** Decodes an image and re-encodes it without metadata (EXIF, GPS), upright, with a small thumbnail. */
export interface ImageProcessor {
  /** Undefined when the bytes do not decode as an image. */
  clean(
    bytes: Uint8Array,
  ): Promise<{ full: Uint8Array; thumbnail: Uint8Array; width: number; height: number } | undefined>;
}

export type { DayFigures } from '#domain/daily-stats.ts';

/** One source of the workbench's case list: a grid's or a street's cases in one state, newest first. */
export interface CaseIndexSource {
  readonly kind: 'grid' | 'street' | 'department';
  readonly id: string;
  readonly state: 'open' | 'closed';
}

/** One case in an index: its position (`<createdAt>#<id>`, which orders the list) and its id. */
export interface CaseIndexEntry {
  readonly position: string;
  readonly id: string;
}

/** The keys-only indexes the workbench reads cases through, and the batch read that follows them. */
export interface CaseIndex {
  /** At most `limit` entries of one source, newest first, created within `from`..`to`, strictly before `before`. */
  newest(
    source: CaseIndexSource,
    range: {
      readonly from?: string | undefined;
      readonly to?: string | undefined;
      readonly before?: string | undefined;
    },
    limit: number,
  ): Promise<CaseIndexEntry[]>;
  /** The cases of these ids that exist, in the order asked. */
  byIds(ids: readonly string[]): Promise<Issue[]>;
  /** The case of a case number, if any. */
  byNumber(caseNumber: string): Promise<Issue | undefined>;
  /** The newest cases (at most `limit`) whose reporter's phone has this search key. */
  byContact(contactKey: string, limit: number): Promise<Issue[]>;
}

/** Closed cases whose residents' contacts are still kept, as the grid index lists them (never a scan). */
export interface ClosedCaseIndex {
  /** The ids of one grid's closed cases with contacts kept that were created up to `createdUpTo` (ISO 8601). */
  keptContacts(gridId: string, createdUpTo: string): AsyncIterable<string>;
}
