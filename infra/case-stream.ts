import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { CaseChanges } from './constructs/case-changes.ts';
import { ChangeCounting } from './constructs/change-counting.ts';
import type { GridworkFunction, GridworkFunctionProps } from './constructs/gridwork-function.ts';
import { PartnerWebhooks, WEBHOOK_SETTINGS } from './constructs/partner-webhooks.ts';

export interface CaseStreamProps {
  readonly cases: ITableV2;
  readonly registry: ITableV2;
  readonly linkKey: ISecret;
  readonly linkKeyRotation?: string | undefined;
  readonly stateMachine: IStateMachine;
  /** The stack's house function factory (its defaults: log level, metrics). */
  readonly fn: (
    id: string,
    entry: string,
    description: string,
    more?: Partial<GridworkFunctionProps>,
  ) => GridworkFunction;
}

/**
 * The cases table's two stream readers (DynamoDB Streams serves two per shard without throttling): the figures,
 * counted in batches off the workflow's path; and what follows a change at once (new cases taken up, partners'
 * webhook events queued), with the webhooks' delivery queue. Built in the stack's own scope, so each part keeps
 * the construct path (and logical ids) it has on its own.
 */
export function caseStreamReaders(stack: Construct, props: CaseStreamProps) {
  const { cases, registry, fn } = props;
  const counting = new ChangeCounting(stack, 'Counting', {
    table: cases,
    consumer: fn('CountChanges', 'functions/stream/count-changes.ts', 'Counts case changes into the figures')
      .bindCasesTable(cases, 'write')
      // The working-day calendar times the slowest cases of each month.
      .bindRegistryTable(registry).function,
  });
  // Partners hear of their cases' status changes by signed webhook.
  const webhooks = new PartnerWebhooks(stack, 'Webhooks', {
    deliverer: fn('DeliverWebhook', 'functions/queue/deliver-webhook.ts', 'POSTs signed webhooks', {
      timeout: WEBHOOK_SETTINGS.deliveryTimeout,
    }).bindRegistryTable(registry).function,
  });
  // Intake stores a case and answers; the stream takes it up (its contact entry, its lifecycle).
  const caseChanges = new CaseChanges(stack, 'CaseChanges', {
    table: cases,
    webhookQueue: webhooks.queue,
    consumer: fn(
      'FollowCaseChanges',
      'functions/stream/case-changes.ts',
      'Takes up new cases, queues webhooks',
    )
      .bindCasesTable(cases, 'write')
      // The working-day calendar sets the first task's deadline.
      .bindRegistryTable(registry)
      .bindLinkKey(props.linkKey, props.linkKeyRotation)
      .bindWorkflowStarter(props.stateMachine).function,
  });
  return { counting, caseChanges, webhooks };
}
