import { Aspects, type IAspect, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnRoute,
  CorsHttpMethod,
  HttpApi,
  type HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { BODY_LIMIT_METADATA_KEY } from '#contract/template.ts';
import { MAX_BODY_BYTES } from '#http/request-body.ts';
import type { GridworkFunction } from './gridwork-function.ts';

export interface ApiRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handler: GridworkFunction;
}

export interface GridworkHttpApiProps {
  /** Requests per second (steady) and burst for the whole stage. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Origins of other sites' pages that may call the API from a browser. Empty: no CORS at all, as Gridwork's own
   * pages are served by this API (same origin).
   */
  readonly corsOrigins: readonly string[];
  readonly logRetention?: logs.RetentionDays;
}

/**
 * One line per request. Only the route template (`$context.routeKey`, e.g. `POST /tasks/{linkToken}`) is
 * logged, never the path, query string, headers or body: paths carry approval links and bodies carry
 * residents' phone numbers.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  sourceIp: '$context.identity.sourceIp',
} as const;

/**
 * The public HTTP API: one Lambda integration per route, a throttled `$default` stage with access logs, and CORS
 * only for the origins a stage names. API Gateway caps payloads at 10 MB; the handlers refuse bodies over 32 KiB
 * with 413, which every route's metadata records for the local gateway (it stops reading there).
 */
export class GridworkHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: GridworkHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Gridwork: residents report, grid workers act through links, supervisors watch.',
      // The stage below replaces the default one, which can have neither throttling nor access logs.
      createDefaultStage: false,
      ...(props.corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...props.corsOrigins],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
              allowHeaders: ['content-type', 'authorization', 'idempotency-key'],
            },
          }
        : {}),
    });
    Aspects.of(this.api).add(new RouteBodyLimit());
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Public by design: residents report without an account, grid workers act through single-use signed ' +
        'links, ratings need the tracking token; each handler checks its own token.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'No user pool: nobody signs in (see AwsSolutions-APIG4); links and tokens are the authorization.',
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

/** Records on every route of the API the body limit its handler applies (see BODY_LIMIT_METADATA_KEY). */
class RouteBodyLimit implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof CfnRoute) node.addMetadata(BODY_LIMIT_METADATA_KEY, MAX_BODY_BYTES);
  }
}
