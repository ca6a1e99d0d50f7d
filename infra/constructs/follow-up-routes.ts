import { type HttpApi, HttpMethod, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { GridworkFunction, type GridworkFunctionProps } from './gridwork-function.ts';

export interface FollowUpRoutesProps {
  readonly api: HttpApi;
  readonly cases: ITableV2;
  /** The supervisors' JWT authorizer (WebRoutes). */
  readonly authorizer: IHttpRouteAuthorizer;
  readonly functionDefaults: Pick<GridworkFunctionProps, 'logLevel' | 'metrics'>;
}

/** The follow-up call records (回访) of badly rated cases: one function behind its POST and GET, signed in. */
export class FollowUpRoutes extends Construct {
  readonly handler: GridworkFunction;

  constructor(scope: Construct, id: string, props: FollowUpRoutesProps) {
    super(scope, id);
    this.handler = new GridworkFunction(this, 'FollowUps', {
      entry: 'functions/api/follow-ups.ts',
      description: 'POST and GET /workbench/api/cases/{caseId}/follow-ups',
      ...props.functionDefaults,
    }).bindCasesTable(props.cases, 'write');
    props.api.addRoutes({
      path: '/workbench/api/cases/{caseId}/follow-ups',
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration: new HttpLambdaIntegration('FollowUpsIntegration', this.handler.function),
      authorizer: props.authorizer,
    });
  }
}
