import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  FilterCriteria,
  FilterRule,
  type Function as LambdaFunction,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PARTNER_ATTRIBUTE } from '#adapters/dynamodb/issue-item.ts';
import { gridIndexKeys, itemKinds } from '#adapters/dynamodb/keys.ts';
import { streamFailureQueue } from './change-counting.ts';

export interface CaseChangesProps {
  /** The cases table, with a stream that carries new and old images. */
  readonly table: ITableV2;
  /** The consumer (functions/stream/case-changes.ts): takes up new cases and queues partners' events. */
  readonly consumer: LambdaFunction;
  /** The partners' webhook queue (PartnerWebhooks.queue), which the consumer sends to. */
  readonly webhookQueue: IQueue;
}

/** How case changes are followed; each setting trades latency against invocations (docs/architecture.md). */
export const CASE_CHANGE_SETTINGS = {
  /** A flood's records share invocations; one report at a time is one invocation. */
  batchSize: 100,
  /** A new case waits for no batch to fill: its grid worker hears of it as soon as possible. */
  maxBatchingWindow: Duration.seconds(0),
  /**
   * Every step is idempotent, and Lambda keeps each item's records in order across the shard's concurrent
   * batches, which is the only order webhooks promise (per case).
   */
  parallelizationFactor: 10,
  /**
   * A batch fails only while Step Functions, SQS or the table throttle or are down, so it is retried many times
   * (halved each time) before it is set aside where ops are alarmed.
   */
  retryAttempts: 50,
} as const;

/**
 * The cases table's second stream reader (the first, ChangeCounting, batches for the figures; DynamoDB Streams
 * serves at most two readers of a shard without throttling). Intake answers once the case is stored; this reader
 * takes it up (indexes its contact, starts its lifecycle) and queues each change of a partner's case for its
 * webhook. Its filters pass only inserted case items still open (a find handled on the spot is stored closed, with
 * no workflow and no reporter) and partners' case items; a batch that still fails after its retries is recorded in
 * a queue that ops are alarmed on.
 */
export class CaseChanges extends Construct {
  /** Where the positions of batches that could not be followed go (not the records: they hold contacts). */
  readonly failedBatches: Queue;

  constructor(scope: Construct, id: string, props: CaseChangesProps) {
    super(scope, id);
    this.failedBatches = streamFailureQueue(this);
    props.consumer.addEnvironment('WEBHOOK_QUEUE_URL', props.webhookQueue.queueUrl);
    props.webhookQueue.grantSendMessages(props.consumer);
    const issueItem = { Keys: { sk: { S: FilterRule.isEqual(itemKinds.issue) } } };
    props.consumer.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: CASE_CHANGE_SETTINGS.batchSize,
        maxBatchingWindow: CASE_CHANGE_SETTINGS.maxBatchingWindow,
        parallelizationFactor: CASE_CHANGE_SETTINGS.parallelizationFactor,
        bisectBatchOnError: true,
        retryAttempts: CASE_CHANGE_SETTINGS.retryAttempts,
        onFailure: new SqsDlq(this.failedBatches),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: {
              ...issueItem,
              NewImage: { gsi1sk: { S: FilterRule.beginsWith(gridIndexKeys.openPrefix) } },
            },
          }),
          FilterCriteria.filter({
            dynamodb: { ...issueItem, NewImage: { [PARTNER_ATTRIBUTE]: { S: FilterRule.exists() } } },
          }),
        ],
      }),
    );
  }
}
