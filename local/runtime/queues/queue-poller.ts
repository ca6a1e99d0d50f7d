// Runs one SQS event source mapping as Lambda's poller does: batches of up to BatchSize messages, several
// batches in flight at once (Lambda scales out per message group on a FIFO queue, so a slow group holds up
// only itself), messages the function took deleted, batch-item failures and failed invocations left to their
// visibility timeout (which the function may have changed), and redrive to the dead-letter queue by receives.
import type { Logger } from '../logger.ts';
import type { QueueMappingSpec } from './queue-specs.ts';
import type { QueueStore, StoredMessage } from './queue-store.ts';
import { md5, messageAttributes } from './sqs-endpoint.ts';

/** Batches in flight at once; Lambda's own scaling goes further, a local run needs no more. */
const CONCURRENT_BATCHES = 5;
const IDLE_POLL_MS = 1_000;

export interface QueuePollerSettings {
  readonly region: string;
  readonly queueArn: string;
  readonly invoke: (functionLogicalId: string, event: unknown) => Promise<unknown>;
  readonly logger: Logger;
}

export class QueuePoller {
  private stopped = false;
  private running: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private wakeUp: (() => void) | undefined;

  constructor(
    private readonly spec: QueueMappingSpec,
    private readonly store: QueueStore,
    private readonly settings: QueuePollerSettings,
  ) {}

  get queue(): string {
    return this.spec.queue;
  }

  start(): void {
    this.running = this.loop().catch((error: unknown) => {
      this.settings.logger.error('queue poller stopped', {
        mapping: this.spec.logicalId,
        error: String(error),
      });
    });
  }

  /** Wakes the poller: a message was sent. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops taking batches and waits for those in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    await Promise.all(this.inFlight);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const batch =
        this.inFlight.size < CONCURRENT_BATCHES
          ? await this.store.receive(this.spec.queue, this.spec.batchSize)
          : [];
      if (batch.length > 0) {
        const work: Promise<void> = this.deliver(batch).finally(() => {
          this.inFlight.delete(work);
          this.wake();
        });
        this.inFlight.add(work);
        continue;
      }
      const next = this.store.nextVisible(this.spec.queue);
      const wait = Math.max(
        10,
        Math.min(IDLE_POLL_MS, next === undefined ? IDLE_POLL_MS : next - Date.now()),
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, wait);
        this.wakeUp = done;
        function done() {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  }

  private async deliver(batch: StoredMessage[]): Promise<void> {
    let failed: Set<string>;
    try {
      const result = await this.settings.invoke(this.spec.functionLogicalId, this.event(batch));
      failed = this.failuresOf(result, batch);
    } catch (error) {
      this.settings.logger.warn(
        'queue batch failed; its messages show again after their visibility timeout',
        {
          mapping: this.spec.logicalId,
          messages: batch.length,
          error: String(error),
        },
      );
      return;
    }
    for (const message of batch) {
      if (!failed.has(message.id) && message.receipt) {
        await this.store.delete(this.spec.queue, message.receipt, true);
      }
    }
  }

  /** The messages to keep: the reported failures; all of them when the answer names a message not sent. */
  private failuresOf(result: unknown, batch: StoredMessage[]): Set<string> {
    if (!this.spec.reportBatchItemFailures) return new Set();
    const items = (result as { batchItemFailures?: { itemIdentifier?: unknown }[] } | undefined)
      ?.batchItemFailures;
    const ids = new Set((items ?? []).map((item) => String(item.itemIdentifier)));
    const known = new Set(batch.map((message) => message.id));
    return [...ids].every((id) => known.has(id)) ? ids : known;
  }

  private event(batch: StoredMessage[]): object {
    const { region, queueArn } = this.settings;
    return {
      Records: batch.map((message) => ({
        messageId: message.id,
        receiptHandle: message.receipt,
        body: message.body,
        attributes: messageAttributes(message),
        messageAttributes: {},
        md5OfBody: md5(message.body),
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: region,
      })),
    };
  }
}
