import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { itemKinds } from '#adapters/dynamodb/keys.ts';

export interface ChangeCountingProps {
  /** The cases table, with a NEW_AND_OLD_IMAGES stream. */
  readonly table: ITableV2;
  /** The consumer (functions/stream/count-changes.ts), bound to the cases table for writing. */
  readonly consumer: IFunction;
}

/** How the figures follow the cases; each setting is a trade between lag and writes (docs/architecture.md). */
export const COUNTING_SETTINGS = {
  /** Records per invocation: more cases share each counter write. */
  batchSize: 500,
  /** How long records may wait to fill a batch; the figures' lag under low load. */
  maxBatchingWindow: Duration.seconds(1),
  /** Gives each invocation its shard id, which keys the counters' redelivery marks. */
  tumblingWindow: Duration.seconds(60),
  /** A batch that keeps failing is halved until the failing record stands alone, then set aside. */
  retryAttempts: 8,
} as const;

/**
 * Where a stream mapping sets aside a batch that kept failing (`FailedBatches` in `scope`): the batch's shard and
 * sequence numbers, kept 14 days for ops, never the records. Every stream reader of the cases table has one.
 */
export function streamFailureQueue(scope: Construct): Queue {
  const queue = new Queue(scope, 'FailedBatches', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself the failure destination of the stream mapping; nothing consumes it automatically.',
  });
  return queue;
}

/**
 * Counting off the hot path: the cases table's change stream feeds one consumer that adds each batch of case
 * changes to the counter items. Only issue items are delivered (the counters' own writes would feed back),
 * and a batch that still fails after its retries is recorded in a queue that ops are alarmed on.
 */
export class ChangeCounting extends Construct {
  /** Where the positions of batches that could not be counted go (not the records: they hold contacts). */
  readonly failedBatches: Queue;

  constructor(scope: Construct, id: string, props: ChangeCountingProps) {
    super(scope, id);
    this.failedBatches = streamFailureQueue(this);
    props.consumer.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: COUNTING_SETTINGS.batchSize,
        maxBatchingWindow: COUNTING_SETTINGS.maxBatchingWindow,
        tumblingWindow: COUNTING_SETTINGS.tumblingWindow,
        bisectBatchOnError: true,
        retryAttempts: COUNTING_SETTINGS.retryAttempts,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.failedBatches),
        filters: [
          FilterCriteria.filter({ dynamodb: { Keys: { sk: { S: FilterRule.isEqual(itemKinds.issue) } } } }),
        ],
      }),
    );
  }
}
