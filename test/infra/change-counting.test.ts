import { describe, expect, it } from 'vitest';
import { synthesizeResources } from './template.ts';

const resources = synthesizeResources();
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

describe('counting from the change stream', () => {
  it('gives the cases table a stream with both images and no other table one', () => {
    const tables = ofType('AWS::DynamoDB::GlobalTable');
    const streams = tables.map(([id, table]) => [
      id.replace(/[0-9A-F]{8}$/, ''),
      table.Properties?.StreamSpecification,
    ]);

    expect(streams).toEqual([
      ['DataCases', { StreamViewType: 'NEW_AND_OLD_IMAGES' }],
      ['DataRegistry', undefined],
      ['DataAuditTrail', undefined],
    ]);
  });

  it('feeds issue items only to the consumer, in batches, bisecting, with retries, a shard id and a failure queue', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, mapping]) =>
      JSON.stringify(mapping.Properties?.FunctionName).includes('CountChanges'),
    );
    const [, mapping] = mappings[0] ?? [];

    expect(mappings).toHaveLength(1);
    expect(mapping?.Properties).toMatchObject({
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 8,
      ParallelizationFactor: 1,
      StartingPosition: 'TRIM_HORIZON',
      TumblingWindowInSeconds: 60,
      FunctionName: { Ref: expect.stringMatching(/^CountChanges/) },
      EventSourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^DataCases/), 'StreamArn'] },
      FilterCriteria: { Filters: [{ Pattern: '{"dynamodb":{"Keys":{"sk":{"S":["ISSUE"]}}}}' }] },
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [expect.stringMatching(/^CountingFailedBatches/), 'Arn'] },
        },
      },
    });
  });

  it('alarms when a batch could not be counted', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
    const counting = alarms.find((alarm) => String(alarm.AlarmDescription).includes('could not be counted'));

    expect(counting).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
    });
  });
});
