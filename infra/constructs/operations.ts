import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BUSINESS_METRIC_NAMES, SERVICE_NAME } from '#adapters/metrics-contract.ts';
import { metricsNamespace } from './metrics-namespace.ts';

export interface GridworkOperationsProps {
  readonly stateMachine: IStateMachine;
  /** Each function under the name its alarms and graphs carry. */
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly api: HttpApi;
  readonly tables: Readonly<Record<string, ITableV2>>;
  /** Batches of case changes the figures could not count (ChangeCounting). */
  readonly countingFailures?: IQueue;
  /** Batches of new cases that could not be taken up: no workflow started (NewCases). */
  readonly startFailures?: IQueue;
  /** Who is told when an alarm fires. */
  readonly alarmEmails: readonly string[];
}

const PERIOD = Duration.minutes(5);

/**
 * What ops watch: alarms on everything that means a case or a request went wrong, sent to one topic with
 * e-mail subscribers, and a dashboard of the same figures beside issues received and closed.
 */
export class GridworkOperations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: GridworkOperationsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Gridwork alarms', enforceSSL: true });
    for (const address of props.alarmEmails) this.topic.addSubscription(new EmailSubscription(address));
    const { stateMachine, api } = props;
    const sum = { period: PERIOD, statistic: cloudwatch.Stats.SUM };

    // Any failed or timed-out execution is a case that stopped moving: one is enough to call someone.
    const failed = stateMachine.metricFailed(sum);
    const timedOut = stateMachine.metricTimedOut(sum);
    this.alarm('ExecutionsFailed', failed, 'A case stopped after a step kept failing (WorkflowFailed)');
    this.alarm('ExecutionsTimedOut', timedOut, 'A case reached the one-year limit of its workflow');

    const functionErrors: cloudwatch.IMetric[] = [];
    const functionThrottles: cloudwatch.IMetric[] = [];
    for (const [name, fn] of Object.entries(props.functions)) {
      const errors = fn.metricErrors({ ...sum, label: name });
      const throttles = fn.metricThrottles({ ...sum, label: name });
      functionErrors.push(errors);
      functionThrottles.push(throttles);
      this.alarm(`${name}Errors`, errors, `Function ${name} failed (see its log group)`);
      this.alarm(`${name}Throttles`, throttles, `Function ${name} was throttled (concurrency limit)`);
    }

    // The functions' own counts (EMF): an undeliverable message is a person who never got their link.
    const business = (name: keyof typeof BUSINESS_METRIC_NAMES, label: string) =>
      new cloudwatch.Metric({
        namespace: metricsNamespace(this),
        metricName: BUSINESS_METRIC_NAMES[name],
        dimensionsMap: { service: SERVICE_NAME },
        ...sum,
        label,
      });
    const undeliverable = business('UndeliverableMessage', 'undeliverable messages');
    this.alarm(
      'UndeliverableMessages',
      undeliverable,
      'A notification could not be delivered (a bad number or mailbox): see "notification undeliverable" logs',
    );

    const serverErrors = api.metricServerError(sum);
    this.alarm('Api5xx', serverErrors, 'The API answered 5xx (a handler failed or timed out)');

    const tableThrottles: cloudwatch.IMetric[] = [];
    for (const [name, table] of Object.entries(props.tables)) {
      // On-demand tables throttle only past their account or partition limits; read and write together.
      // Metric ids are unique per graph, hence the table's name in them.
      const key = name.toLowerCase();
      const throttles = new cloudwatch.MathExpression({
        expression: `${key}Reads + ${key}Writes`,
        usingMetrics: {
          [`${key}Reads`]: table.metric('ReadThrottleEvents', sum),
          [`${key}Writes`]: table.metric('WriteThrottleEvents', sum),
        },
        period: PERIOD,
        label: name,
      });
      tableThrottles.push(throttles);
      this.alarm(`${name}TableThrottles`, throttles, `DynamoDB throttled requests to the ${name} table`);
    }

    // A batch in this queue is a set of changes the figures miss until someone recounts.
    if (props.countingFailures) {
      this.alarm(
        'CountingFailed',
        props.countingFailures.metricApproximateNumberOfMessagesVisible({
          period: PERIOD,
          statistic: 'Maximum',
        }),
        'Case changes could not be counted into the figures (see the FailedBatches queue)',
      );
    }

    // A batch in this queue holds accepted cases that no workflow handles until ops start them.
    if (props.startFailures) {
      this.alarm(
        'StartsFailed',
        props.startFailures.metricApproximateNumberOfMessagesVisible({
          period: PERIOD,
          statistic: 'Maximum',
        }),
        'New cases could not be started (see the NewCases FailedBatches queue)',
      );
    }

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          graph('Issues received and closed', [
            stateMachine.metricStarted({ ...sum, label: 'received (executions started)' }),
            stateMachine.metricSucceeded({ ...sum, label: 'closed (executions succeeded)' }),
          ]),
          graph('Cases stopped', [failed.with({ label: 'failed' }), timedOut.with({ label: 'timed out' })]),
          graph('API', [
            api.metricCount({ ...sum, label: 'requests' }),
            api.metricClientError({ ...sum, label: '4xx' }),
            serverErrors.with({ label: '5xx' }),
          ]),
        ],
        [
          graph('Function errors', functionErrors),
          graph('Function throttles', functionThrottles),
          graph('DynamoDB throttled requests', tableThrottles),
        ],
        [
          graph('Business events', [
            business('Escalation', 'escalations'),
            business('BadRating', 'bad ratings (reopened)'),
            undeliverable,
          ]),
        ],
      ],
    });
  }

  private alarm(id: string, metric: cloudwatch.IMetric, description: string): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      alarmDescription: description,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

function graph(title: string, metrics: cloudwatch.IMetric[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: metrics, width: 8 });
}
