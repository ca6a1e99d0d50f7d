// In-memory fakes of the ports in shared/ports.ts, for unit tests of the use-cases. Each keeps the contract
// the real adapter keeps (conditional saves, idempotent claims) so a decision tested here holds on DynamoDB.

import { sharpProcessor } from '#adapters/images/sharp-processor.ts';
import {
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type AuditTrail,
  auditDay,
} from '#domain/audit.ts';
import { allCategories } from '#domain/categories.ts';
import type { DayFigures } from '#domain/daily-stats.ts';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import type { Department, Grid, Person, Unit } from '#domain/registry.ts';
import { mergeSlowest, type SlowCase, type SlowestChanges } from '#domain/slowest-cases.ts';
import { COUNTER_NAMES, type Counters, zeroCounters } from '#domain/stats.ts';
import type { WorkCalendar } from '#domain/working-time.ts';
import type {
  BusinessEvent,
  BusinessMetrics,
  Calendars,
  CaseIndex,
  CaseIndexEntry,
  CaseIndexSource,
  CaseNumbers,
  Categories,
  Clock,
  GridPage,
  IdempotencyStore,
  IssueStore,
  Keys,
  Notification,
  Notifier,
  PhotoStorage,
  Policy,
  PositionedChange,
  PresignedUpload,
  Registry,
  SlowestCases,
  StatsStore,
  StoredIssue,
  TaskCompleter,
  TaskCompletion,
  WorkflowStarter,
} from '#ports';
import type { Deps } from '#use-cases/deps.ts';

export class FakeIssueStore implements IssueStore {
  readonly records = new Map<string, StoredIssue>();
  /** Runs before each save, so a test can slip a concurrent writer in between a read and a write. */
  beforeSave: ((issue: Issue) => void) | undefined;

  async get(id: string): Promise<StoredIssue | undefined> {
    return this.records.get(id);
  }

  /** Case ids by the contact search key they were created with. */
  readonly contacts = new Map<string, string[]>();

  async create(issue: Issue): Promise<boolean> {
    if (this.records.has(issue.id)) return false;
    this.records.set(issue.id, { issue });
    return true;
  }

  async unindexContact(issue: Issue, contactKey: string): Promise<void> {
    const ids = (this.contacts.get(contactKey) ?? []).filter((id) => id !== issue.id);
    this.contacts.set(contactKey, ids);
  }

  async indexContact(issue: Issue, contactKey: string): Promise<void> {
    const ids = this.contacts.get(contactKey) ?? [];
    if (!ids.includes(issue.id)) this.contacts.set(contactKey, [...ids, issue.id]);
  }

  async save(issue: Issue, expectedVersion: number, workflowToken?: string): Promise<StoredIssue> {
    this.beforeSave?.(issue);
    const current = this.records.get(issue.id);
    if (!current || current.issue.version !== expectedVersion) {
      throw new ConcurrentUpdateError(`Issue ${issue.id} changed since version ${expectedVersion}`);
    }
    const saved = { ...current, issue, ...(workflowToken ? { workflowToken } : {}) };
    this.records.set(issue.id, saved);
    return saved;
  }

  async setWorkflowToken(id: string, token: string, coHandlerSeq?: number): Promise<StoredIssue> {
    const current = this.records.get(id);
    if (!current) throw new Error(`No issue ${id}`);
    const saved =
      coHandlerSeq === undefined
        ? { ...current, workflowToken: token }
        : { ...current, coHandlerTokens: { ...current.coHandlerTokens, [coHandlerSeq]: token } };
    this.records.set(id, saved);
    return saved;
  }

  /** The stored issue; a test that asks for one that is not there is broken. */
  issue(id: string): Issue {
    const stored = this.records.get(id);
    if (!stored) throw new Error(`No issue ${id} in the fake store`);
    return stored.issue;
  }
}

export class FakeIdempotencyStore implements IdempotencyStore {
  readonly claims = new Map<string, { requestHash: string; issueId: string }>();

  async claim(key: string, requestHash: string, issueId: string) {
    const earlier = this.claims.get(key);
    if (!earlier) this.claims.set(key, { requestHash, issueId });
    return earlier;
  }
}

export class FakeCaseNumbers implements CaseNumbers {
  readonly counters = new Map<string, number>();

  async next(prefix: string, day: string) {
    const key = `${prefix}#${day}`;
    const seq = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, seq);
    return seq;
  }
}

export class FakeRegistry implements Registry {
  readonly grids = new Map<string, Grid>();
  readonly people = new Map<string, Person>();
  readonly units = new Map<string, Unit>();
  readonly departments = new Map<string, Department>();

  constructor(
    content: { grids?: Grid[]; people?: Person[]; units?: Unit[]; departments?: Department[] } = {},
  ) {
    for (const department of content.departments ?? []) this.departments.set(department.id, department);
    for (const grid of content.grids ?? []) this.grids.set(grid.id, grid);
    for (const person of content.people ?? []) this.people.set(person.id, person);
    for (const unit of content.units ?? []) this.units.set(unit.id, unit);
  }

  async getGrid(id: string) {
    return this.grids.get(id);
  }

  async listGrids(limit: number, cursor?: string): Promise<GridPage> {
    const all = [...this.grids.values()].sort((a, b) => a.id.localeCompare(b.id));
    const start = cursor ? all.findIndex((grid) => grid.id > cursor) : 0;
    const items = start < 0 ? [] : all.slice(start, start + limit);
    const last = items.at(-1);
    return { items, next: last && start + limit < all.length ? last.id : null };
  }

  async allGrids() {
    return [...this.grids.values()];
  }

  async findGridIdByAddress(address: string) {
    return [...this.grids.values()].find((grid) => grid.addresses.includes(address))?.id;
  }

  async getPerson(id: string) {
    return this.people.get(id);
  }

  async getPeople(ids: readonly string[]) {
    return ids.flatMap((id) => this.people.get(id) ?? []);
  }

  async getUnit(id: string) {
    return this.units.get(id);
  }

  async getUnits(ids: readonly string[]) {
    return [...new Set(ids)].flatMap((id) => this.units.get(id) ?? []);
  }

  async getDepartment(id: string) {
    return this.departments.get(id);
  }

  async listDepartments() {
    return [...this.departments.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** The slowest-cases lists in memory, with the DynamoDB adapter's per-shard marks. */
export class FakeSlowestCases implements SlowestCases {
  readonly lists = new Map<string, SlowCase[]>();
  readonly marks = new Map<string, string>();

  async apply(shard: string, changes: readonly { position: string; lists: SlowestChanges }[]): Promise<void> {
    for (const { position, lists } of changes) {
      for (const [scope, months] of Object.entries(lists)) {
        for (const [month, cases] of Object.entries(months)) {
          const id = `${scope} ${month}`;
          if (position <= (this.marks.get(`${id}|${shard}`) ?? '')) continue;
          this.lists.set(id, mergeSlowest(this.lists.get(id) ?? [], cases));
          this.marks.set(`${id}|${shard}`, position);
        }
      }
    }
  }

  async read(scopeKey: string, month: string): Promise<SlowCase[]> {
    return this.lists.get(`${scopeKey} ${month}`) ?? [];
  }
}

/**
 * Counter items in memory with the DynamoDB adapter's redelivery rule: each item keeps, per shard, the position
 * of the last change added to it, and adds only the changes past it.
 */
export class FakeStatsStore implements StatsStore {
  /** Figures by item: `<scope>` for totals, `<scope> <day>` for a day. */
  readonly items = new Map<string, Record<string, number>>();
  readonly marks = new Map<string, string>();
  /** Item writes, as DynamoDB would bill them (one per item per batch). */
  writes = 0;
  progress: string | undefined;

  async applyChanges(shard: string, changes: readonly PositionedChange[]): Promise<void> {
    const byItem = new Map<string, { position: string; figures: Record<string, number | undefined> }[]>();
    const add = (id: string, position: string, figures: Record<string, number | undefined>) =>
      byItem.set(id, [...(byItem.get(id) ?? []), { position, figures }]);
    for (const { position, change } of changes) {
      for (const [scope, delta] of Object.entries(change.totals)) add(scope, position, delta);
      for (const [scope, days] of Object.entries(change.daily)) {
        for (const [day, figures] of Object.entries(days)) add(`${scope} ${day}`, position, figures);
      }
    }
    for (const [id, entries] of byItem) {
      const mark = this.marks.get(`${id}|${shard}`) ?? '';
      const pending = entries.filter((entry) => entry.position > mark);
      if (pending.length === 0) continue;
      const item = this.items.get(id) ?? {};
      for (const { figures } of pending) {
        for (const [name, value] of Object.entries(figures)) item[name] = (item[name] ?? 0) + (value ?? 0);
      }
      this.items.set(id, item);
      this.marks.set(`${id}|${shard}`, pending.at(-1)?.position ?? mark);
      this.writes++;
    }
    const newest = changes.at(-1)?.at;
    if (newest && (!this.progress || this.progress < newest)) this.progress = newest;
  }

  async read(scopeKeys: readonly string[]): Promise<Map<string, Counters>> {
    const found = new Map<string, Counters>();
    for (const key of scopeKeys) {
      const item = this.items.get(key);
      if (!item) continue;
      const counters = zeroCounters();
      for (const name of COUNTER_NAMES) counters[name] = item[name] ?? 0;
      found.set(key, counters);
    }
    return found;
  }

  async readDaily(scopeKey: string, fromDay: string, toDay: string): Promise<Map<string, DayFigures>> {
    const found = new Map<string, DayFigures>();
    for (const [id, figures] of this.items) {
      const [scope, day] = id.split(' ');
      if (scope === scopeKey && day && day >= fromDay && day <= toDay) found.set(day, { ...figures });
    }
    return found;
  }

  async countedUpTo(): Promise<string | undefined> {
    return this.progress;
  }
}

export class FakeNotifier implements Notifier {
  readonly sent: Notification[] = [];

  async send(notification: Notification): Promise<void> {
    this.sent.push(notification);
  }

  /** What one person (or `reporter:<id>`) was sent, oldest first. */
  to(recipient: string): Notification[] {
    return this.sent.filter((notification) => notification.to === recipient);
  }
}

/** Both workflow ports: the executions started and the waits completed. */
export class FakeWorkflow implements WorkflowStarter, TaskCompleter {
  readonly started: { issueId: string; input: object }[] = [];
  readonly completed: { token: string; output: object }[] = [];
  /** Set to make every completion fail, as a throttled or unreachable Step Functions would. */
  failComplete: Error | undefined;

  async start(issueId: string, input: object): Promise<void> {
    if (!this.started.some((run) => run.issueId === issueId)) this.started.push({ issueId, input });
  }

  async complete(token: string, output: object): Promise<TaskCompletion> {
    if (this.failComplete) throw this.failComplete;
    this.completed.push({ token, output });
    return 'delivered';
  }
}

/** The business events counted, in order. */
export class FakeMetrics implements BusinessMetrics {
  readonly counted: BusinessEvent[] = [];

  count(event: BusinessEvent): void {
    this.counted.push(event);
  }
}

/** A clock that stands still until a test moves it. */
export class FakeClock implements Clock {
  readonly timeScale = 1;
  private current: number;

  constructor(start: string) {
    this.current = Date.parse(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(iso: string): void {
    this.current = Date.parse(iso);
  }
}

/** The photo bucket in memory; uploads are made with `put`, as a browser would after a presigned POST. */
export class FakePhotoStorage implements PhotoStorage {
  readonly objects = new Map<string, { bytes: Uint8Array; contentType: string }>();
  readonly presigned: Array<{ key: string; contentType: string; maxBytes: number }> = [];

  async presignUpload(key: string, contentType: string, maxBytes: number): Promise<PresignedUpload> {
    this.presigned.push({ key, contentType, maxBytes });
    return { url: 'https://bucket.example/', fields: { key, 'Content-Type': contentType } };
  }

  put(key: string, bytes: Uint8Array, contentType: string): void {
    this.objects.set(key, { bytes, contentType });
  }

  async read(key: string, maxBytes: number) {
    const object = this.objects.get(key);
    if (object && object.bytes.length > maxBytes) throw new RangeError(`${key} is over ${maxBytes}`);
    return object;
  }

  async write(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    this.objects.set(key, { bytes, contentType });
  }

  async remove(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async viewUrl(key: string, ttlSeconds: number): Promise<string> {
    return `https://bucket.example/${key}?ttl=${ttlSeconds}`;
  }
}

/** The audit trail in memory: append-only like the table, pages by position. */
export class FakeAuditTrail implements AuditTrail {
  readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    if (this.entries.some((kept) => kept.at === entry.at && kept.id === entry.id)) return;
    this.entries.push(entry);
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const matching = this.entries
      .filter((entry) => auditDay(entry) >= query.fromDay && auditDay(entry) <= query.toDay)
      .filter((entry) => !query.caseId || entry.caseId === query.caseId)
      .sort((a, b) => `${a.at}#${a.id}`.localeCompare(`${b.at}#${b.id}`));
    const start = Number(query.after ?? 0);
    const entries = matching.slice(start, start + query.limit);
    const end = start + entries.length;
    return { entries, ...(end < matching.length ? { next: String(end) } : {}) };
  }
}

/** The workbench's indexes over the fake store's cases, counting what each read touches. */
export class FakeCaseIndex implements CaseIndex {
  /** Index queries made, and cases read by id. */
  queries = 0;
  casesRead = 0;

  constructor(private readonly store: FakeIssueStore) {}

  async newest(
    source: CaseIndexSource,
    range: { from?: string | undefined; to?: string | undefined; before?: string | undefined },
    limit: number,
  ): Promise<CaseIndexEntry[]> {
    this.queries += 1;
    return [...this.store.records.values()]
      .map(({ issue }) => issue)
      .filter(
        (issue) =>
          (source.kind === 'grid'
            ? issue.gridId
            : source.kind === 'street'
              ? issue.streetId
              : issue.transfer?.department.id) === source.id,
      )
      .filter((issue) => (issue.status === 'closed' ? 'closed' : 'open') === source.state)
      .map((issue) => ({ position: `${issue.createdAt}#${issue.id}`, id: issue.id }))
      .filter(
        ({ position }) =>
          (!range.from || position >= range.from) && (!range.to || position <= `${range.to}~`),
      )
      .filter(({ position }) => !range.before || position < range.before)
      .sort((a, b) => b.position.localeCompare(a.position))
      .slice(0, limit);
  }

  async byIds(ids: readonly string[]): Promise<Issue[]> {
    this.casesRead += ids.length;
    return ids.flatMap((id) => this.store.records.get(id)?.issue ?? []);
  }

  async byNumber(caseNumber: string): Promise<Issue | undefined> {
    return [...this.store.records.values()].find(({ issue }) => issue.caseNumber === caseNumber)?.issue;
  }

  async byContact(contactKey: string, limit: number): Promise<Issue[]> {
    return this.byIds((this.store.contacts.get(contactKey) ?? []).slice(-limit));
  }
}

export const FAKE_KEYS: Keys = { linkKey: new Uint8Array(32).fill(7) };
export const FAKE_POLICY: Policy = { ratingWindow: 'P3D' };
/** Weekdays 08:30–12:00 and 14:30–17:30; tests add holidays where they need them. */
export const FAKE_CALENDAR: WorkCalendar = {
  holidays: [],
  workdays: [],
  officeHours: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '17:30' },
  ],
};
export const FAKE_CALENDARS: Calendars = { calendar: async () => FAKE_CALENDAR };
/** The default categories, as a district that imported none has them. */
export const FAKE_CATEGORIES: Categories = { current: async () => allCategories() };

export type FakeDeps = Deps & {
  readonly issues: FakeIssueStore;
  readonly idempotency: FakeIdempotencyStore;
  readonly caseNumbers: FakeCaseNumbers;
  readonly registry: FakeRegistry;
  readonly stats: FakeStatsStore;
  readonly slowestCases: FakeSlowestCases;
  readonly notifier: FakeNotifier;
  /** The fake behind both `workflowStarter` and `taskCompleter`. */
  readonly workflow: FakeWorkflow;
  readonly clock: FakeClock;
  readonly metrics: FakeMetrics;
  readonly photos: FakePhotoStorage;
  readonly audit: FakeAuditTrail;
  readonly caseIndex: FakeCaseIndex;
};

/** Every port as a fresh fake, over the given registry content, with the clock at `now`. */
export function fakeDeps(registry: FakeRegistry, now: string): FakeDeps {
  const workflow = new FakeWorkflow();
  const clock = new FakeClock(now);
  const issues = new FakeIssueStore();
  return {
    issues,
    caseIndex: new FakeCaseIndex(issues),
    idempotency: new FakeIdempotencyStore(),
    caseNumbers: new FakeCaseNumbers(),
    registry,
    stats: new FakeStatsStore(),
    slowestCases: new FakeSlowestCases(),
    notifier: new FakeNotifier(),
    workflow,
    workflowStarter: workflow,
    taskCompleter: workflow,
    clock,
    // One fake time: tests move business and real time together.
    wallClock: clock,
    metrics: new FakeMetrics(),
    policy: FAKE_POLICY,
    calendars: FAKE_CALENDARS,
    categories: FAKE_CATEGORIES,
    keys: FAKE_KEYS,
    photos: new FakePhotoStorage(),
    images: sharpProcessor,
    audit: new FakeAuditTrail(),
    publicUrl: 'https://grid.example.gov.cn',
  };
}
