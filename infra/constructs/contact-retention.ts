import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CONTACT_RETENTION } from '#domain/retention.ts';
import { GridworkFunction, type GridworkFunctionProps } from './gridwork-function.ts';

export interface ContactRetentionProps {
  readonly cases: ITableV2;
  readonly registry: ITableV2;
  /** The link key: the sweep drops each erased case's phone search entry, keyed by the number's keyed hash. */
  readonly linkKey: ISecret;
  readonly linkKeyRotation?: string | undefined;
  /** How long contacts are kept after a case closes (ISO 8601); the district default otherwise. */
  readonly retention?: string | undefined;
  readonly functionDefaults: Pick<GridworkFunctionProps, 'logLevel' | 'metrics'>;
}

/**
 * Residents' contact details erased a set time after their case closes (PIPL): a function run once a day by an
 * EventBridge rule, which the local runtime runs from this same template. Its work is the cases that fell due.
 */
export class ContactRetention extends Construct {
  readonly sweep: GridworkFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: ContactRetentionProps) {
    super(scope, id);
    this.sweep = new GridworkFunction(this, 'EraseContacts', {
      entry: 'functions/schedule/erase-contacts.ts',
      description:
        'Erases the contact details of residents once their cases have been closed for the retention time',
      // A sweep that runs out of time stops between two cases; the next day's run finishes it.
      timeout: Duration.minutes(15),
      ...props.functionDefaults,
    })
      .bindCasesTable(props.cases, 'write')
      .bindRegistryTable(props.registry)
      .bindLinkKey(props.linkKey, props.linkKeyRotation);
    // Checked by the function at cold start (shared/adapters/config.ts); no grant goes with it.
    this.sweep.function.addEnvironment('CONTACT_RETENTION', props.retention ?? CONTACT_RETENTION);
    this.rule = new Rule(this, 'Daily', {
      description: 'Runs the contact retention sweep once a day',
      schedule: Schedule.rate(Duration.days(1)),
      // A failed sweep is not retried by EventBridge: the next day's run does the same work and more.
      targets: [new LambdaFunction(this.sweep.function, { retryAttempts: 0 })],
    });
  }
}
