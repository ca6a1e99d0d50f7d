import { type HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { OPEN311_BASE_PATH } from '#open311/discovery.ts';
import { GridworkFunction, type GridworkFunctionProps } from './gridwork-function.ts';

export interface Open311RoutesProps {
  readonly api: HttpApi;
  readonly cases: ITableV2;
  readonly registry: ITableV2;
  /** The photo bucket: a request's `media_url` is a short-lived URL of its first photo. */
  readonly photos: IBucket;
  readonly linkKey: ISecret;
  readonly linkKeyRotation?: string | undefined;
  /** The base of the URLs the discovery document names. */
  readonly publicUrl: string;
  readonly intakeConcurrency?: number | undefined;
  /** The stage's settings every function shares (log level, metrics). */
  readonly functionDefaults: Pick<GridworkFunctionProps, 'logLevel' | 'metrics'>;
}

/**
 * Open311 GeoReport v2 under /open311/v2: three functions (services, reading requests, posting one), each
 * behind one integration its routes share. API Gateway takes a path parameter only as a whole segment, so
 * `services.xml` and `services.json` are routes of their own, and `services/{service_code}` carries the
 * format in the parameter (`water_supply.xml`).
 */
export class Open311Routes extends Construct {
  constructor(scope: Construct, id: string, props: Open311RoutesProps) {
    super(scope, id);
    const { api, cases, registry } = props;
    const fn = (name: string, entry: string, description: string, more?: Partial<GridworkFunctionProps>) =>
      new GridworkFunction(this, name, { entry, description, ...props.functionDefaults, ...more });
    const routes = (handler: GridworkFunction, method: HttpMethod, paths: readonly string[]) => {
      // One integration and one API-wide permission per function, however many routes lead to it.
      const integration = new HttpLambdaIntegration(`${handler.node.id}Integration`, handler.function, {
        scopePermissionToRoute: false,
      });
      for (const path of paths) {
        api.addRoutes({ path: `${OPEN311_BASE_PATH}${path}`, methods: [method], integration });
      }
    };
    const bothFormats = (name: string) => [`/${name}.xml`, `/${name}.json`];

    const services = fn(
      'Open311Services',
      'functions/api/open311-services.ts',
      'Open311 discovery, services and service definitions',
    )
      .bindPublicUrl(props.publicUrl)
      .bindRegistryTable(registry);
    routes(services, HttpMethod.GET, [
      ...bothFormats('discovery'),
      ...bothFormats('services'),
      '/services/{service_code}',
    ]);

    const requests = fn(
      'Open311Requests',
      'functions/api/open311-requests.ts',
      'Open311 GET requests and tokens',
    )
      .bindCasesTable(cases, 'read')
      .bindRegistryTable(registry)
      .bindPhotoBucket(props.photos, 'view');
    routes(requests, HttpMethod.GET, [
      ...bothFormats('requests'),
      '/requests/{service_request_id}',
      '/tokens/{token}',
    ]);

    const create = fn(
      'Open311CreateRequest',
      'functions/api/open311-create-request.ts',
      'Open311 POST requests',
      {
        reservedConcurrentExecutions: props.intakeConcurrency,
      },
    )
      .bindCasesTable(cases, 'write')
      .bindRegistryTable(registry)
      .bindLinkKey(props.linkKey, props.linkKeyRotation);
    routes(create, HttpMethod.POST, bothFormats('requests'));
  }
}
