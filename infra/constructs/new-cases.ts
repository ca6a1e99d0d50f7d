import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { gridIndexKeys, itemKinds } from '#adapters/dynamodb/keys.ts';

export interface NewCasesProps {
  /** The cases table, with a stream that carries new images. */
  readonly table: ITableV2;
  /** The consumer (functions/stream/new-cases.ts): writes contact entries and starts the lifecycle. */
  readonly consumer: IFunction;
}

/** How new cases reach their workflows; each setting trades latency against invocations (docs/architecture.md). */
export const NEW_CASE_SETTINGS = {
  /** A flood's records share invocations; one report at a time is one invocation. */
  batchSize: 100,
  /** A new case waits for no batch to fill: its grid worker hears of it as soon as possible. */
  maxBatchingWindow: Duration.seconds(0),
  /** The steps are idempotent and cases do not wait on each other: a shard's records go to many invocations. */
  parallelizationFactor: 10,
  /**
   * A start fails only while Step Functions throttles or is down, so it is retried many times (the batch halved
   * each time) before it is set aside where ops are alarmed.
   */
  retryAttempts: 50,
} as const;

/**
 * Intake answers once the case is stored; the cases table's change stream takes it up: indexes its contact and
 * starts its lifecycle. The mapping passes only inserted case items still open (a find handled on the spot is
 * stored closed, with no workflow and no reporter), and a batch that still fails after its retries is recorded in
 * a queue that ops are alarmed on.
 */
export class NewCases extends Construct {
  /** Where the positions of batches whose cases could not be taken up go (not the records: they hold contacts). */
  readonly failedBatches: Queue;

  constructor(scope: Construct, id: string, props: NewCasesProps) {
    super(scope, id);
    this.failedBatches = new Queue(this, 'FailedBatches', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedBatches).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the failure destination of the stream mapping; nothing consumes it automatically.',
    });
    props.consumer.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: NEW_CASE_SETTINGS.batchSize,
        maxBatchingWindow: NEW_CASE_SETTINGS.maxBatchingWindow,
        parallelizationFactor: NEW_CASE_SETTINGS.parallelizationFactor,
        bisectBatchOnError: true,
        retryAttempts: NEW_CASE_SETTINGS.retryAttempts,
        onFailure: new SqsDlq(this.failedBatches),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: {
              Keys: { sk: { S: FilterRule.isEqual(itemKinds.issue) } },
              NewImage: { gsi1sk: { S: FilterRule.beginsWith(gridIndexKeys.openPrefix) } },
            },
          }),
        ],
      }),
    );
  }
}
