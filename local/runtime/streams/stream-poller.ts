// Runs one stream event source mapping as Lambda's poller does: batches of up to BatchSize records, held up to
// the batching window while they fill, delivered in order, retried (halved when bisecting) on failure, and the
// checkpoint moved only past a batch the function took. A crash between delivery and checkpoint delivers the
// batch again, which is what the service does too: consumers are idempotent.
import type { Logger } from '../logger.ts';
import { matchesPattern, type StreamMappingSpec } from './event-source-mappings.ts';
import type { StreamLog, StreamRecord } from './stream-log.ts';

/** The shard of every local stream: one per table, forever, so marks keyed by it stay valid across restarts. */
export const LOCAL_SHARD_ID = 'shardId-00000000000000000001-local';
const IDLE_POLL_MS = 1_000;
const MAX_BACKOFF_MS = 5_000;

export interface PollerSettings {
  readonly region: string;
  readonly streamArn: string;
  readonly viewType: string;
  readonly keySchema: readonly string[];
  readonly invoke: (functionLogicalId: string, event: unknown) => Promise<unknown>;
  /** The last record every mapping of the table has taken, given this one's position: what may be dropped. */
  readonly trimTo: (position: number) => number;
  /** Told when the function took a batch: when each of its records was written. */
  readonly onBatch?: (writtenAt: readonly number[]) => void;
  readonly logger: Logger;
}

export class StreamPoller {
  private position = 0;
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly spec: StreamMappingSpec,
    private readonly log: StreamLog,
    private readonly settings: PollerSettings,
  ) {}

  /** The table whose stream this mapping reads. */
  get table(): string {
    return this.spec.table;
  }

  /** The last record this mapping has taken (its checkpoint). */
  get checkpoint(): number {
    return this.position;
  }

  async start(): Promise<void> {
    this.position = await this.log.checkpoint(this.spec.logicalId);
    this.running = this.loop().catch((error: unknown) => {
      this.settings.logger.error('stream poller stopped', {
        mapping: this.spec.logicalId,
        error: String(error),
      });
    });
  }

  /** Stops after the batch being delivered, if any, has been taken and checkpointed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.log.wake(this.spec.table);
    await this.running;
  }

  private async loop(): Promise<void> {
    const { table, batchSize, batchingWindowMs } = this.spec;
    while (!this.stopped) {
      let records = await this.log.read(table, this.position, batchSize);
      if (records.length === 0) {
        await this.log.waitForAppend(table, IDLE_POLL_MS);
        continue;
      }
      // Hold a short batch until it fills or its oldest record has waited the window out.
      const closesAt = (records[0] as StreamRecord).at + batchingWindowMs;
      while (records.length < batchSize && Date.now() < closesAt && !this.stopped) {
        await this.log.waitForAppend(table, closesAt - Date.now());
        records = await this.log.read(table, this.position, batchSize);
      }
      const last = (records.at(-1) as StreamRecord).seq;
      const wanted = records.filter((record) => this.matches(record));
      if (wanted.length > 0) await this.deliver(wanted, 0);
      this.position = last;
      await this.log.advance(this.spec.logicalId, table, last, this.settings.trimTo(last));
    }
  }

  private matches(record: StreamRecord): boolean {
    const { filters } = this.spec;
    if (filters.length === 0) return true;
    const event = this.toEvent(record);
    return filters.some((pattern) => matchesPattern(pattern, event));
  }

  /** Delivers until the function takes the batch; a batch that exhausts its retries is set aside (logged). */
  private async deliver(records: StreamRecord[], attempt: number): Promise<void> {
    try {
      await this.settings.invoke(this.spec.functionLogicalId, this.batchEvent(records));
      this.settings.onBatch?.(records.map((record) => record.at));
    } catch (error) {
      const { bisectOnError, maxRetryAttempts } = this.spec;
      if (bisectOnError && records.length > 1) {
        const half = Math.ceil(records.length / 2);
        await this.deliver(records.slice(0, half), attempt + 1);
        await this.deliver(records.slice(half), attempt + 1);
        return;
      }
      if (maxRetryAttempts >= 0 && attempt >= maxRetryAttempts) {
        this.settings.logger.error('stream batch set aside after its retries (on-failure destination)', {
          mapping: this.spec.logicalId,
          destination: this.spec.onFailure,
          shardId: LOCAL_SHARD_ID,
          firstSequenceNumber: String(records[0]?.seq),
          lastSequenceNumber: String(records.at(-1)?.seq),
          error: String(error),
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt)));
      if (!this.stopped) await this.deliver(records, attempt + 1);
      else throw error;
    }
  }

  private batchEvent(records: StreamRecord[]): object {
    const event: Record<string, unknown> = { Records: records.map((record) => this.toEvent(record)) };
    const window = this.spec.tumblingWindowSeconds;
    if (window !== undefined) {
      const start = Math.floor((records[0] as StreamRecord).at / (window * 1000)) * window * 1000;
      Object.assign(event, {
        shardId: LOCAL_SHARD_ID,
        eventSourceARN: this.settings.streamArn,
        window: { start: new Date(start).toISOString(), end: new Date(start + window * 1000).toISOString() },
        state: {},
        isFinalInvokeForWindow: false,
        isWindowTerminatedEarly: false,
      });
    }
    return event;
  }

  private toEvent(record: StreamRecord): object {
    const { viewType, keySchema, region, streamArn } = this.settings;
    const image = record.newImage ?? record.oldImage ?? {};
    const withNew = viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
    const withOld = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
    return {
      eventID: `${this.spec.table}-${record.seq}`,
      eventName: record.eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: region,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(record.at / 1000),
        Keys: Object.fromEntries(keySchema.map((name) => [name, image[name]])),
        ...(withNew && record.newImage ? { NewImage: record.newImage } : {}),
        ...(withOld && record.oldImage ? { OldImage: record.oldImage } : {}),
        SequenceNumber: String(record.seq),
        SizeBytes: JSON.stringify(image).length,
        StreamViewType: viewType,
      },
      eventSourceARN: streamArn,
    };
  }
}
