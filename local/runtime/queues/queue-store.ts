// The messages of the local queues, kept in memory and in a journal in the data directory: every change is
// appended and fsync'd before it is acknowledged, so a message SendMessage accepted survives a SIGKILL, and
// receive counts (which decide parking) survive it too. The journal is compacted at each start.
import { randomUUID } from 'node:crypto';
import { type FileHandle, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { QueueSpec } from './queue-specs.ts';

export interface StoredMessage {
  readonly queue: string;
  readonly id: string;
  /** Increasing over all queues: the order messages were sent (or moved) in. */
  readonly seq: number;
  readonly body: string;
  readonly groupId?: string | undefined;
  readonly dedupId?: string | undefined;
  readonly sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number | undefined;
  visibleAt: number;
  receipt?: string | undefined;
}

/** A message a consumer took off a queue (deleted after its function succeeded), for the local listing. */
export interface DoneMessage {
  readonly queue: string;
  readonly id: string;
  readonly at: number;
  readonly receiveCount: number;
  readonly body: string;
}

type Entry =
  | { readonly put: StoredMessage }
  | { readonly del: readonly [string, string] }
  | { readonly dedup: readonly [string, string, number] }
  | { readonly done: DoneMessage };

/** SQS remembers a deduplication id for five minutes. */
const DEDUP_WINDOW_MS = 5 * 60_000;
const DONE_KEPT = 100;

export class QueueStore {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly dedup = new Map<string, { id: string; at: number }>();
  private readonly done: DoneMessage[] = [];
  private seq = 0;
  private file: FileHandle | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Told after every send, so that pollers wake at once. */
  onSend: (queue: string) => void = () => {};

  constructor(private readonly specs: ReadonlyMap<string, QueueSpec>) {}

  /** Replays the journal of `dataDir`, rewrites it compacted, and keeps it open for appending. */
  async open(dataDir: string): Promise<void> {
    const path = join(dataDir, 'queues.journal');
    const text = await readFile(path, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        this.apply(JSON.parse(line) as Entry);
      } catch {
        // The last line of a run killed mid-write: it was never acknowledged.
      }
    }
    const now = Date.now();
    const entries: Entry[] = [
      ...[...this.messages.values()].map((put) => ({ put })),
      ...[...this.dedup.entries()]
        .filter(([, value]) => now - value.at < DEDUP_WINDOW_MS)
        .map(([key, value]) => ({ dedup: [key, value.id, value.at] as const })),
      ...this.done.map((done) => ({ done })),
    ];
    const compacted = await open(`${path}.tmp`, 'w', 0o600);
    await compacted.writeFile(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    await compacted.sync();
    await compacted.close();
    await rename(`${path}.tmp`, path);
    this.file = await open(path, 'a', 0o600);
  }

  async close(): Promise<void> {
    await this.writing;
    await this.file?.close();
    this.file = undefined;
  }

  private apply(entry: Entry): void {
    if ('put' in entry) {
      this.messages.set(entry.put.id, { ...entry.put });
      this.seq = Math.max(this.seq, entry.put.seq);
    } else if ('del' in entry) {
      this.messages.delete(entry.del[1]);
    } else if ('dedup' in entry) {
      this.dedup.set(entry.dedup[0], { id: entry.dedup[1], at: entry.dedup[2] });
    } else {
      this.done.push(entry.done);
      if (this.done.length > DONE_KEPT) this.done.shift();
    }
  }

  /** Applies and durably records the entries; resolves once they are on disk. */
  private commit(...entries: Entry[]): Promise<void> {
    for (const entry of entries) this.apply(entry);
    const text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    this.writing = this.writing.then(async () => {
      if (!this.file) throw new Error('The local queues are closed');
      await this.file.appendFile(text);
      await this.file.datasync();
    });
    return this.writing;
  }

  spec(queue: string): QueueSpec | undefined {
    return this.specs.get(queue);
  }

  names(): string[] {
    return [...this.specs.keys()];
  }

  /** Stores a message; on a FIFO queue, a deduplication id seen in the last five minutes returns the first. */
  async send(
    queue: string,
    body: string,
    options: { groupId?: string | undefined; dedupId?: string | undefined } = {},
  ): Promise<StoredMessage> {
    const spec = this.specs.get(queue);
    const now = Date.now();
    const key =
      spec?.fifo && options.dedupId
        ? `${queue}\0${spec.dedupPerGroup ? (options.groupId ?? '') : ''}\0${options.dedupId}`
        : undefined;
    const seen = key ? this.dedup.get(key) : undefined;
    if (seen && now - seen.at < DEDUP_WINDOW_MS) {
      const earlier = this.messages.get(seen.id);
      if (earlier) return earlier;
      return { queue, id: seen.id, seq: 0, body, sentAt: seen.at, receiveCount: 0, visibleAt: 0 };
    }
    const message: StoredMessage = {
      queue,
      id: randomUUID(),
      seq: ++this.seq,
      body,
      ...(options.groupId ? { groupId: options.groupId } : {}),
      ...(options.dedupId ? { dedupId: options.dedupId } : {}),
      sentAt: now,
      receiveCount: 0,
      visibleAt: now,
    };
    await this.commit({ put: message }, ...(key ? [{ dedup: [key, message.id, now] as const }] : []));
    this.onSend(queue);
    return message;
  }

  /**
   * Takes up to `max` visible messages in order, as SQS does: on a FIFO queue a group with a message in flight
   * gives none, and a group gives its messages from its head on. A message received its redrive's
   * maxReceiveCount times already moves to the dead-letter queue instead.
   */
  async receive(queue: string, max: number, visibilitySeconds?: number): Promise<StoredMessage[]> {
    const spec = this.specs.get(queue);
    if (!spec) return [];
    const now = Date.now();
    const inQueue = [...this.messages.values()]
      .filter((message) => message.queue === queue)
      .sort((a, b) => a.seq - b.seq);
    const blocked = new Set<string>();
    const taken: StoredMessage[] = [];
    const entries: Entry[] = [];
    for (const message of inQueue) {
      if (taken.length >= max) break;
      const group = spec.fifo ? (message.groupId ?? '') : undefined;
      if (group !== undefined && blocked.has(group)) continue;
      if (message.visibleAt > now) {
        if (group !== undefined) blocked.add(group);
        continue;
      }
      if (spec.redrive && message.receiveCount >= spec.redrive.maxReceiveCount) {
        const moved: StoredMessage = { ...message, queue: spec.redrive.deadLetterQueue, seq: ++this.seq };
        moved.receipt = undefined;
        entries.push({ put: moved });
        continue;
      }
      const received: StoredMessage = {
        ...message,
        receiveCount: message.receiveCount + 1,
        firstReceivedAt: message.firstReceivedAt ?? now,
        visibleAt: now + (visibilitySeconds ?? spec.visibilityTimeoutSeconds) * 1000,
        receipt: randomUUID(),
      };
      entries.push({ put: received });
      taken.push(received);
    }
    if (entries.length > 0) await this.commit(...entries);
    return taken.map((message) => this.messages.get(message.id) ?? message);
  }

  private byReceipt(queue: string, receipt: string): StoredMessage | undefined {
    return [...this.messages.values()].find((m) => m.queue === queue && m.receipt === receipt);
  }

  /** Deletes the message this receipt was given for; `done` records it as delivered. False when unknown. */
  async delete(queue: string, receipt: string, done = false): Promise<boolean> {
    const message = this.byReceipt(queue, receipt);
    if (!message) return false;
    const record: DoneMessage = {
      queue,
      id: message.id,
      at: Date.now(),
      receiveCount: message.receiveCount,
      body: message.body,
    };
    await this.commit({ del: [queue, message.id] }, ...(done ? [{ done: record }] : []));
    return true;
  }

  /** Sets when a message in flight shows again. False when the receipt is unknown (or no longer current). */
  async changeVisibility(queue: string, receipt: string, seconds: number): Promise<boolean> {
    const message = this.byReceipt(queue, receipt);
    if (!message) return false;
    await this.commit({ put: { ...message, visibleAt: Date.now() + seconds * 1000 } });
    return true;
  }

  /** The messages of a queue, oldest first, without receiving them. */
  peek(queue: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.queue === queue).sort((a, b) => a.seq - b.seq);
  }

  /** What consumers took off `queue`, newest first. */
  delivered(queue: string): DoneMessage[] {
    return this.done.filter((done) => done.queue === queue).reverse();
  }

  /** When the next message of `queue` in flight shows again (for a poller's sleep). */
  nextVisible(queue: string): number | undefined {
    const times = this.peek(queue)
      .map((m) => m.visibleAt)
      .filter((at) => at > Date.now());
    return times.length > 0 ? Math.min(...times) : undefined;
  }
}
