import { describe, expect, it } from 'vitest';
import { MAX_RECEIVES } from '#webhooks/backoff.ts';
import { synthesizeResources } from './template.ts';

const resources = synthesizeResources();
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const idOf = (prefix: string) => {
  const found = Object.keys(resources).find((id) => id.startsWith(prefix));
  if (!found) throw new Error(`no resource ${prefix}*`);
  return found;
};
const mappingOf = (fn: string) =>
  ofType('AWS::Lambda::EventSourceMapping').find(([, mapping]) =>
    JSON.stringify(mapping.Properties?.FunctionName).includes(fn),
  )?.[1]?.Properties;

describe('partner webhooks', () => {
  it('queue deliveries on a FIFO queue that parks them in a FIFO dead-letter queue after its receives', () => {
    const deliveries = resources[idOf('WebhooksDeliveries')]?.Properties;
    const parked = resources[idOf('WebhooksParked')]?.Properties;

    expect(deliveries).toMatchObject({
      FifoQueue: true,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      VisibilityTimeout: 360,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [idOf('WebhooksParked'), 'Arn'] },
        maxReceiveCount: MAX_RECEIVES,
      },
    });
    expect(deliveries?.ContentBasedDeduplication).toBeUndefined();
    expect(parked).toMatchObject({ FifoQueue: true, MessageRetentionPeriod: 14 * 86_400 });
  });

  it('are queued by the cases stream’s second reader, whose second filter passes partners’ issue items', () => {
    const mapping = mappingOf('FollowCaseChanges');

    expect(
      ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) =>
        JSON.stringify(m.Properties?.EventSourceArn ?? '').includes('StreamArn'),
      ),
    ).toHaveLength(2);
    const patterns = (mapping?.FilterCriteria as { Filters: { Pattern: string }[] } | undefined)?.Filters.map(
      (filter) => JSON.parse(filter.Pattern),
    );
    expect(patterns?.[1]).toEqual({
      dynamodb: {
        Keys: { sk: { S: ['ISSUE'] } },
        NewImage: { partnerId: { S: [{ exists: true }] } },
      },
    });
  });

  it('feeds the queue to the deliverer in batches that report item failures', () => {
    expect(mappingOf('DeliverWebhook')).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [idOf('WebhooksDeliveries'), 'Arn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('alarms when a delivery is parked or a change could not be queued', () => {
    const alarmed = ofType('AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm.Properties ?? {})
      .filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((alarm) => JSON.stringify(alarm.Dimensions));

    expect(alarmed.filter((d) => d.includes('WebhooksParked'))).toHaveLength(1);
    expect(alarmed.filter((d) => d.includes('CaseChangesFailedBatches'))).toHaveLength(1);
  });
});
