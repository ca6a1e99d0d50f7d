import { type HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { GridworkFunction, type GridworkFunctionProps } from './gridwork-function.ts';

export interface WorkbenchRoutesProps {
  readonly api: HttpApi;
  readonly cases: ITableV2;
  readonly registry: ITableV2;
  readonly audit: ITableV2;
  /** The supervisors' JWT authorizer (WebRoutes). */
  readonly authorizer: HttpJwtAuthorizer;
  /** The link key, whose keyed hash of a phone number is the contact search key. */
  readonly linkKey: ISecret;
  readonly linkKeyRotation?: string | undefined;
  readonly functionDefaults: Pick<GridworkFunctionProps, 'logLevel' | 'metrics'>;
}

/**
 * The supervisors' workbench reads: the case list and search and the case page (one function: they share
 * every dependency and grant), and the district's audit enquiry (a function of its own, the only one that may
 * read the trail). The workbench's actions and its exports live in their own constructs.
 */
export class WorkbenchRoutes extends Construct {
  constructor(scope: Construct, id: string, props: WorkbenchRoutesProps) {
    super(scope, id);
    const { api, authorizer } = props;
    const fn = (name: string, entry: string, description: string) =>
      new GridworkFunction(this, name, { entry, description, ...props.functionDefaults });
    const route = (name: string, paths: string[], handler: GridworkFunction) => {
      const integration = new HttpLambdaIntegration(`${name}Integration`, handler.function);
      for (const path of paths) api.addRoutes({ path, methods: [HttpMethod.GET], integration, authorizer });
    };

    route(
      'WorkbenchCases',
      ['/workbench/api/cases', '/workbench/api/cases/{caseId}'],
      fn('WorkbenchCases', 'functions/api/workbench-cases.ts', 'Workbench case list, search, case page')
        .bindCasesTable(props.cases, 'read')
        .bindRegistryTable(props.registry)
        .bindAuditTrail(props.audit, 'append')
        .bindLinkKey(props.linkKey, props.linkKeyRotation),
    );
    route(
      'WorkbenchAudit',
      ['/workbench/api/audit'],
      fn('WorkbenchAudit', 'functions/api/workbench-audit.ts', 'GET /workbench/api/audit').bindAuditTrail(
        props.audit,
        'read',
      ),
    );
  }
}
