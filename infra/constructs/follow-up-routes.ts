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

/** The follow-up call records (回访) of badly rated cases: POST records one, GET lists them; signed in. */
export class FollowUpRoutes extends Construct {
  readonly recorder: GridworkFunction;

  constructor(scope: Construct, id: string, props: FollowUpRoutesProps) {
    super(scope, id);
    const route = (method: HttpMethod, name: string, handler: GridworkFunction) =>
      props.api.addRoutes({
        path: '/workbench/api/cases/{caseId}/follow-ups',
        methods: [method],
        integration: new HttpLambdaIntegration(`${name}Integration`, handler.function),
        authorizer: props.authorizer,
      });
    const fn = (name: string, entry: string, description: string) =>
      new GridworkFunction(this, name, { entry, description, ...props.functionDefaults });
    // Two functions: a GET route's may only read the cases table.
    this.recorder = fn(
      'RecordFollowUp',
      'functions/api/follow-ups.ts',
      'POST follow-up calls',
    ).bindCasesTable(props.cases, 'write');
    route(HttpMethod.POST, 'RecordFollowUp', this.recorder);
    const lister = fn('ListFollowUps', 'functions/api/list-follow-ups.ts', 'GET follow-up calls');
    route(HttpMethod.GET, 'ListFollowUps', lister.bindCasesTable(props.cases, 'read'));
  }
}
