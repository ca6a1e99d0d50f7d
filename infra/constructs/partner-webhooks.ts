import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_RECEIVES } from '#webhooks/backoff.ts';

export interface PartnerWebhooksProps {
  /** functions/queue/deliver-webhook.ts, bound to the registry table (where partners' webhooks are). */
  readonly deliverer: NodejsFunction;
}

/** How deliveries are batched and retried (docs/architecture.md, "Partner webhooks"). */
export const WEBHOOK_SETTINGS = {
  /** Messages per delivery invocation: cases side by side, one case's in order. */
  deliveryBatchSize: 10,
  /** Above the deliverer's worst case (a case's ten messages, each up to its POST timeout). */
  deliveryTimeout: Duration.seconds(60),
  /** Six times the deliverer's timeout, as AWS advises for a queue a function reads. */
  visibilityTimeout: Duration.minutes(6),
} as const;

/**
 * Signed webhooks to partner systems: the cases' change stream (CaseChanges) queues each status change of a
 * partner's case on a FIFO queue, one message group per case; a consumer POSTs them with a back-off of its own,
 * and what still fails is parked in a FIFO dead-letter queue that ops are alarmed on.
 */
export class PartnerWebhooks extends Construct {
  readonly queue: Queue;
  readonly parked: Queue;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: PartnerWebhooksProps) {
    super(scope, id);
    const secure = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
    this.parked = new Queue(this, 'Parked', {
      ...secure,
      fifo: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Deliveries', {
      ...secure,
      fifo: true,
      // Per message group: each case's messages count towards their own throughput limit, not the queue's.
      deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      visibilityTimeout: WEBHOOK_SETTINGS.visibilityTimeout,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.parked, maxReceiveCount: MAX_RECEIVES },
    });
    Validations.of(this.parked).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself where failures are parked; ops read and re-drive it.',
    });

    props.deliverer.addEnvironment('WEBHOOK_QUEUE_URL', this.queue.queueUrl);
    // The event source grants receive and delete; the back-off needs ChangeMessageVisibility too.
    this.queue.grant(props.deliverer, 'sqs:ChangeMessageVisibility');
    props.deliverer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: WEBHOOK_SETTINGS.deliveryBatchSize,
        reportBatchItemFailures: true,
      }),
    );

    const visible = (queue: Queue) =>
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' });
    this.alarms = [
      this.alarm('DeliveriesParked', visible(this.parked), 'Webhook deliveries parked: re-drive them'),
    ];
  }

  private alarm(id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    return new cloudwatch.Alarm(this, id, {
      metric,
      alarmDescription: description,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
