import type { AuditTrail } from '#domain/audit.ts';
import type {
  BusinessMetrics,
  Calendars,
  CaseIndex,
  CaseNumbers,
  Categories,
  Clock,
  IdempotencyStore,
  ImageProcessor,
  IssueStore,
  Keys,
  Notifier,
  PhotoStorage,
  Policy,
  Registry,
  SlowestCases,
  StatsStore,
  TaskCompleter,
  WorkflowStarter,
} from '#ports';

/** Everything a use-case may need; each one takes the part it uses, so tests build only that. */
export interface Deps {
  readonly issues: IssueStore;
  readonly idempotency: IdempotencyStore;
  readonly caseNumbers: CaseNumbers;
  readonly registry: Registry;
  readonly stats: StatsStore;
  readonly slowestCases: SlowestCases;
  readonly notifier: Notifier;
  readonly workflowStarter: WorkflowStarter;
  readonly taskCompleter: TaskCompleter;
  readonly clock: Clock;
  /**
   * Real time, for windows another system checks by its own clock (S3 ends a presigned upload in real time),
   * which business time must not stretch or shrink.
   */
  readonly wallClock: Clock;
  readonly calendars: Calendars;
  readonly categories: Categories;
  readonly policy: Policy;
  readonly keys: Keys;
  readonly metrics: BusinessMetrics;
  readonly photos: PhotoStorage;
  readonly images: ImageProcessor;
  /** Who did or saw what on which case; append-only. */
  readonly audit: AuditTrail;
  /** The workbench's reads of the cases through their keys-only indexes. */
  readonly caseIndex: CaseIndex;
  /** The base of the links people receive, e.g. https://grid.example.gov.cn */
  readonly publicUrl: string;
}
