// In-memory fakes of the ports in shared/ports.ts, for unit tests of the use-cases. Each keeps the contract
// the real adapter keeps (conditional saves, idempotent claims) so a decision tested here holds on DynamoDB.
import { sharpProcessor } from '#adapters/images/sharp-processor.ts';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import type { Grid, Person, Unit } from '#domain/registry.ts';
import type { CountedSnapshot, CounterDeltas, Counters } from '#domain/stats.ts';
import { zeroCounters } from '#domain/stats.ts';
import type {
  BusinessEvent,
  BusinessMetrics,
  Clock,
  DailyCounters,
  DailyDeltas,
  GridPage,
  IdempotencyStore,
  IssueStore,
  Keys,
  Notification,
  Notifier,
  PhotoStorage,
  Policy,
  PresignedUpload,
  Registry,
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

  async create(issue: Issue): Promise<boolean> {
    if (this.records.has(issue.id)) return false;
    this.records.set(issue.id, { issue, countedVersion: 0 });
    return true;
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

  async setWorkflowToken(id: string, token: string): Promise<StoredIssue> {
    const current = this.records.get(id);
    if (!current) throw new Error(`No issue ${id}`);
    const saved = { ...current, workflowToken: token };
    this.records.set(id, saved);
    return saved;
  }

  async markCounted(id: string, snapshot: CountedSnapshot, expectedCountedVersion: number): Promise<void> {
    const current = this.records.get(id);
    if (!current || current.countedVersion !== expectedCountedVersion) {
      throw new ConcurrentUpdateError(`Counters of ${id} were synced concurrently`);
    }
    this.records.set(id, { ...current, counted: snapshot, countedVersion: expectedCountedVersion + 1 });
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

export class FakeRegistry implements Registry {
  readonly grids = new Map<string, Grid>();
  readonly people = new Map<string, Person>();
  readonly units = new Map<string, Unit>();

  constructor(content: { grids?: Grid[]; people?: Person[]; units?: Unit[] } = {}) {
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
}

export class FakeStatsStore implements StatsStore {
  readonly totals = new Map<string, Counters>();
  readonly daily = new Map<string, Map<string, DailyCounters>>();

  async apply(deltas: CounterDeltas, daily?: DailyDeltas): Promise<void> {
    for (const [scope, delta] of Object.entries(deltas)) {
      const counters = this.totals.get(scope) ?? zeroCounters();
      for (const [name, value] of Object.entries(delta)) counters[name as keyof Counters] += value ?? 0;
      this.totals.set(scope, counters);
    }
    for (const [scope, days] of Object.entries(daily ?? {})) {
      const perDay = this.daily.get(scope) ?? new Map<string, DailyCounters>();
      for (const [day, delta] of Object.entries(days)) {
        const counters = perDay.get(day) ?? { received: 0, closed: 0 };
        perDay.set(day, {
          received: counters.received + (delta.received ?? 0),
          closed: counters.closed + (delta.closed ?? 0),
        });
      }
      this.daily.set(scope, perDay);
    }
  }

  async read(scopeKeys: readonly string[]): Promise<Map<string, Counters>> {
    const found = new Map<string, Counters>();
    for (const key of scopeKeys) {
      const counters = this.totals.get(key);
      if (counters) found.set(key, { ...counters });
    }
    return found;
  }

  async readDaily(scopeKey: string, fromDay: string, toDay: string): Promise<Map<string, DailyCounters>> {
    const perDay = this.daily.get(scopeKey) ?? new Map<string, DailyCounters>();
    return new Map([...perDay].filter(([day]) => day >= fromDay && day <= toDay));
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

export const FAKE_KEYS: Keys = { linkKey: new Uint8Array(32).fill(7) };
export const FAKE_POLICY: Policy = { ratingWindow: 'P3D' };

export type FakeDeps = Deps & {
  readonly issues: FakeIssueStore;
  readonly idempotency: FakeIdempotencyStore;
  readonly registry: FakeRegistry;
  readonly stats: FakeStatsStore;
  readonly notifier: FakeNotifier;
  /** The fake behind both `workflowStarter` and `taskCompleter`. */
  readonly workflow: FakeWorkflow;
  readonly clock: FakeClock;
  readonly metrics: FakeMetrics;
  readonly photos: FakePhotoStorage;
};

/** Every port as a fresh fake, over the given registry content, with the clock at `now`. */
export function fakeDeps(registry: FakeRegistry, now: string): FakeDeps {
  const workflow = new FakeWorkflow();
  return {
    issues: new FakeIssueStore(),
    idempotency: new FakeIdempotencyStore(),
    registry,
    stats: new FakeStatsStore(),
    notifier: new FakeNotifier(),
    workflow,
    workflowStarter: workflow,
    taskCompleter: workflow,
    clock: new FakeClock(now),
    metrics: new FakeMetrics(),
    policy: FAKE_POLICY,
    keys: FAKE_KEYS,
    photos: new FakePhotoStorage(),
    images: sharpProcessor,
    publicUrl: 'https://grid.example.gov.cn',
  };
}
