import { type HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ChangeLimitSettings } from '../stage-config.ts';
import { GridworkFunction, type GridworkFunctionProps } from './gridwork-function.ts';
import type { IntakeWiring } from './intake-wiring.ts';

/** Beside the tables, the intake wiring: an action wakes the workflow and tells people as a link does. */
export interface WorkbenchActionsProps extends IntakeWiring {
  /** The lifecycle workflow an action wakes. */
  readonly stateMachine: IStateMachine;
  readonly api: HttpApi;
  /** The supervisors' JWT authorizer (WebRoutes.supervisorAuthorizer). */
  readonly authorizer: HttpJwtAuthorizer;
  readonly cases: ITableV2;
  readonly registry: ITableV2;
  /** The audit trail, which every action appends to and nothing here reads. */
  readonly audit: ITableV2;
  readonly changeLimits?: ChangeLimitSettings | undefined;
  readonly functionDefaults: Pick<GridworkFunctionProps, 'logLevel' | 'metrics'>;
}

/**
 * The supervisors' actions on a case from the workbench: one function behind one route, with what the link path
 * needs (cases, registry, link key for the messages, the workflow's task completion) and an append-only grant on
 * the audit trail.
 */
export class WorkbenchActions extends Construct {
  readonly function: GridworkFunction;

  constructor(scope: Construct, id: string, props: WorkbenchActionsProps) {
    super(scope, id);
    const { notifier } = props;
    this.function = new GridworkFunction(this, 'WorkbenchAct', {
      entry: 'functions/api/workbench-act.ts',
      description: 'POST /workbench/api/cases/{caseId}/actions',
      notifies: notifier.choice,
      ...props.functionDefaults,
    })
      .bindCasesTable(props.cases, 'write')
      .bindRegistryTable(props.registry)
      .bindAuditTrail(props.audit, 'append')
      .bindLinkKey(props.linkKey, props.linkKeyRotation)
      .bindPublicUrl(props.publicUrl)
      .bindNotifier(notifier.choice, notifier.emailFrom, notifier.outboxLinks)
      .bindTaskCompleter(props.stateMachine)
      .bindChangeLimits(props.changeLimits);
    props.api.addRoutes({
      path: '/workbench/api/cases/{caseId}/actions',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('WorkbenchActIntegration', this.function.function),
      authorizer: props.authorizer,
    });
  }
}
