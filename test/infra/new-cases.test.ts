import { describe, expect, it } from 'vitest';
import { asList, lambdaFunctions, statementsOfRole, synthesizeResources } from './template.ts';

const resources = synthesizeResources();
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const functions = lambdaFunctions(resources);

/** The functions that may start executions: whose role holds states:StartExecution. */
function starters(): string[] {
  return functions
    .filter((fn) =>
      statementsOfRole(resources, fn.roleId).some((statement) =>
        asList(statement.Action).some((action) => action === 'states:StartExecution'),
      ),
    )
    .map((fn) => String(fn.entry))
    .sort();
}

describe('starting workflows from the change stream', () => {
  it('feeds only inserted, open case items to the starter, unbatched, bisecting, with retries and a failure queue', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, mapping]) =>
      JSON.stringify(mapping.Properties?.FunctionName).includes('TakeUpNewCases'),
    );
    const [, mapping] = mappings[0] ?? [];

    expect(mappings).toHaveLength(1);
    expect(mapping?.Properties).toMatchObject({
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 50,
      ParallelizationFactor: 10,
      StartingPosition: 'TRIM_HORIZON',
      EventSourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^DataCases/), 'StreamArn'] },
      FilterCriteria: {
        Filters: [
          {
            Pattern:
              '{"eventName":["INSERT"],"dynamodb":{"Keys":{"sk":{"S":["ISSUE"]}},"NewImage":{"gsi1sk":{"S":[{"prefix":"open#"}]}}}}',
          },
        ],
      },
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [expect.stringMatching(/^NewCasesFailedBatches/), 'Arn'] },
        },
      },
    });
    expect(mapping?.Properties?.MaximumBatchingWindowInSeconds ?? 0).toBe(0);
  });

  it('lets no intake door start executions: only the starter, and the step that continues a long case', () => {
    expect(starters()).toEqual(['functions/stream/new-cases.ts', 'functions/workflow/settle-task.ts']);
  });

  it('alarms when new cases could not be started', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
    const starts = alarms.find((alarm) => String(alarm.AlarmDescription).includes('could not be started'));

    expect(starts).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
    });
  });
});
