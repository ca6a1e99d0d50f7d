// DynamoDB Streams for dynalite, which has none. Every write to a table with a stream is captured inside the
// dynalite process, under dynalite's own per-item lock, and stored with its old and new image in the same
// LevelDB batch as the item itself: a write is in the stream exactly when it is in the table, whatever kills the
// process. Pollers (stream-poller.ts) read the records back in sequence order and keep their checkpoints here.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** An item as dynalite stores it: DynamoDB JSON, the form stream images take. */
export type StoredImage = Record<string, unknown>;

export interface StreamRecord {
  /** Increasing per table, in the order the writes were committed; the stream's sequence number. */
  readonly seq: number;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** Milliseconds since the epoch, when the write was made. */
  readonly at: number;
  readonly oldImage?: StoredImage | undefined;
  readonly newImage?: StoredImage | undefined;
}

/** The LevelDB of a dynalite store (promise API), the part used here. */
interface MainDb {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  batch(operations: { type: 'put' | 'del'; key: string; value?: unknown }[]): Promise<void>;
  iterator(options: {
    gt?: string;
    lt?: string;
    lte?: string;
    limit?: number;
    reverse?: boolean;
  }): AsyncIterable<[string, unknown]>;
}

type Callback = (error?: Error | null) => void;

interface ItemDb {
  put(key: string, value: StoredImage, callback: Callback): void;
  del(key: string, callback: Callback): void;
  get(key: string, callback: (error: Error | null | undefined, value?: StoredImage) => void): void;
  streamCaptured?: boolean;
}

interface DynaliteStore {
  db: MainDb;
  getItemDb(name: string): ItemDb;
}

// Outside every key prefix dynalite uses (`table~`, `item-<table>~`, `index-…`), so no scan of a table sees them.
const RECORD_PREFIX = '~stream~';
const CHECKPOINT_PREFIX = '~stream-checkpoint~';
const SEQ_DIGITS = 20;

const recordKey = (table: string, seq: number) =>
  `${RECORD_PREFIX}${table}~${String(seq).padStart(SEQ_DIGITS, '0')}`;

/** The stream records of a dynalite store's tables, for the tables that have a stream. */
export class StreamLog {
  private readonly streams = new Map<string, { last: number; inFlight: Set<number> }>();
  private readonly appended = new EventEmitter();
  private db: MainDb | undefined;

  constructor() {
    this.appended.setMaxListeners(0);
  }

  /** Wraps the store dynalite is about to create; call right before `dynalite(options)`. */
  captureNextStore(): void {
    const require = createRequire(import.meta.url);
    const dbModule = require(join(dirname(require.resolve('dynalite')), 'db', 'index.js')) as {
      create: (options: unknown) => DynaliteStore;
    };
    const create = dbModule.create;
    dbModule.create = (options: unknown) => {
      dbModule.create = create;
      const store = create(options);
      this.attach(store);
      return store;
    };
  }

  private attach(store: DynaliteStore): void {
    this.db = store.db;
    const getItemDb = store.getItemDb.bind(store);
    store.getItemDb = (name: string) => {
      const itemDb = getItemDb(name);
      if (!itemDb.streamCaptured) this.wrap(store, name, itemDb);
      return itemDb;
    };
  }

  /**
   * dynalite calls put/del on an item only while holding that item's lock, after its condition check: the old
   * image read here is the one the write replaces, and records of one item are numbered in write order.
   */
  private wrap(store: DynaliteStore, table: string, itemDb: ItemDb): void {
    itemDb.streamCaptured = true;
    const { put, del } = itemDb;
    const itemKey = (key: string) => `item-${table}~${key}`;
    const write = (key: string, newImage: StoredImage | undefined, callback: Callback) => {
      const stream = this.streams.get(table);
      if (!stream)
        return newImage ? put.call(itemDb, key, newImage, callback) : del.call(itemDb, key, callback);
      itemDb.get(key, (error, oldImage) => {
        if (error && error.name !== 'NotFoundError') return callback(error);
        const seq = ++stream.last;
        stream.inFlight.add(seq);
        const record: StreamRecord = {
          seq,
          eventName: !newImage ? 'REMOVE' : oldImage ? 'MODIFY' : 'INSERT',
          at: Date.now(),
          oldImage: oldImage ?? undefined,
          newImage,
        };
        const item = newImage
          ? { type: 'put' as const, key: itemKey(key), value: newImage }
          : { type: 'del' as const, key: itemKey(key) };
        store.db.batch([item, { type: 'put', key: recordKey(table, seq), value: record }]).then(
          () => {
            stream.inFlight.delete(seq);
            this.appended.emit(table);
            callback(null);
          },
          (failure: Error) => {
            stream.inFlight.delete(seq);
            callback(failure);
          },
        );
      });
    };
    itemDb.put = (key, value, callback) => write(key, value, callback);
    itemDb.del = (key, callback) => write(key, undefined, callback);
  }

  /** Starts recording the writes of `table`; numbering continues after what is stored and what was consumed. */
  async enable(table: string, checkpoints: readonly string[]): Promise<void> {
    const db = this.store();
    let last = 0;
    for await (const [key] of db.iterator({
      gt: recordKey(table, 0),
      lt: `${RECORD_PREFIX}${table}~~`,
      reverse: true,
      limit: 1,
    })) {
      last = Number(key.slice(key.lastIndexOf('~') + 1));
    }
    for (const id of checkpoints) last = Math.max(last, await this.checkpoint(id));
    this.streams.set(table, { last, inFlight: new Set() });
  }

  /**
   * Up to `limit` records after `afterSeq`, in order, stopping short of any record whose write is still being
   * committed: a record is never skipped because a later one was stored first.
   */
  async read(table: string, afterSeq: number, limit: number): Promise<StreamRecord[]> {
    const stream = this.streams.get(table);
    if (!stream) return [];
    const committed = stream.inFlight.size > 0 ? Math.min(...stream.inFlight) - 1 : stream.last;
    if (committed <= afterSeq) return [];
    const records: StreamRecord[] = [];
    for await (const [, value] of this.store().iterator({
      gt: recordKey(table, afterSeq),
      lte: recordKey(table, committed),
      limit,
    })) {
      records.push(value as StreamRecord);
    }
    return records;
  }

  /** Resolves when a write to `table` is committed, or after `ms`, whichever comes first. */
  waitForAppend(table: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off(table, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.appended.on(table, done);
    });
  }

  /** The sequence number of the last write to `table` (committed or being committed). */
  lastWritten(table: string): number {
    return this.streams.get(table)?.last ?? 0;
  }

  /** Wakes whoever waits for a write to `table` (a poller that is stopping). */
  wake(table: string): void {
    this.appended.emit(table);
  }

  async checkpoint(mappingId: string): Promise<number> {
    const value = await this.store()
      .get(`${CHECKPOINT_PREFIX}${mappingId}`)
      .catch((error: Error & { code?: string }) => {
        if (error.name === 'NotFoundError' || error.code === 'LEVEL_NOT_FOUND') return undefined;
        throw error;
      });
    return typeof value === 'number' ? value : 0;
  }

  /** Moves a mapping past `seq` and drops the records no mapping of the table needs any more. */
  async advance(mappingId: string, table: string, seq: number, trimTo: number): Promise<void> {
    const db = this.store();
    await db.put(`${CHECKPOINT_PREFIX}${mappingId}`, seq);
    const drop: { type: 'del'; key: string }[] = [];
    for await (const [key] of db.iterator({ gt: recordKey(table, 0), lte: recordKey(table, trimTo) })) {
      drop.push({ type: 'del', key });
    }
    if (drop.length > 0) await db.batch(drop);
  }

  private store(): MainDb {
    if (!this.db) throw new Error('The stream log is not attached to a dynalite store');
    return this.db;
  }
}
