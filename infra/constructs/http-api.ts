import { CorsHttpMethod, HttpApi, type HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import type { GridworkFunction } from './gridwork-function.ts';

export interface ApiRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handler: GridworkFunction;
}

/** The public HTTP API: one Lambda integration per route. */
export class GridworkHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Gridwork: residents report, grid workers act through links, supervisors watch.',
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        allowHeaders: ['content-type', 'authorization', 'idempotency-key'],
      },
    });
  }

  addRoute(name: string, route: ApiRoute): void {
    this.api.addRoutes({
      path: route.path,
      methods: [route.method],
      integration: new HttpLambdaIntegration(`${name}Integration`, route.handler.function),
    });
  }
}
