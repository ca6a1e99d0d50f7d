import { Duration } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PARTNER_KEY_HEADER } from '#http/partner-authorizer.ts';
import { GridworkFunction, type GridworkFunctionProps } from './gridwork-function.ts';
import type { IntakeWiring } from './intake-wiring.ts';

/** Where the integration API lives; the version is in the path so a second one can run beside it. */
export const INTEGRATION_BASE_PATH = '/integration/v1';

/**
 * How long API Gateway keeps an authorizer's answer for one key: a revoked key keeps working this long at
 * most, and a busy partner's requests cost one registry read per interval instead of one each.
 */
export const PARTNER_AUTHORIZER_TTL = Duration.seconds(30);

/** The partners' routes; the notifier texts the resident of an on-behalf report their tracking link. */
export interface IntegrationRoutesProps extends IntakeWiring {
  readonly api: HttpApi;
  readonly cases: ITableV2;
  readonly registry: ITableV2;
  /** The photo bucket: the case view carries its photos' short-lived URLs. */
  readonly photos: IBucket;
  readonly intakeConcurrency?: number | undefined;
  readonly functionDefaults: Pick<GridworkFunctionProps, 'logLevel' | 'metrics'>;
}

/**
 * The integration API for partner systems (the city's 12345 hotline): a function per route, and a
 * Lambda authorizer (simple responses, cached per key) that checks the partner's key in X-Api-Key against the
 * registry and hands the partner's id to the function. No handler checks keys itself.
 */
export class IntegrationRoutes extends Construct {
  readonly authorizerFunction: GridworkFunction;

  constructor(scope: Construct, id: string, props: IntegrationRoutesProps) {
    super(scope, id);
    const fn = (name: string, entry: string, description: string, more?: Partial<GridworkFunctionProps>) =>
      new GridworkFunction(this, name, { entry, description, ...props.functionDefaults, ...more });

    this.authorizerFunction = fn(
      'PartnerAuthorizer',
      'functions/api/partner-authorizer.ts',
      'Checks a partner API key for the integration routes',
    ).bindRegistryTable(props.registry);
    const authorizer = new HttpLambdaAuthorizer('PartnerKey', this.authorizerFunction.function, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [`$request.header.${PARTNER_KEY_HEADER}`],
      resultsCacheTtl: PARTNER_AUTHORIZER_TTL,
    });

    const create = fn(
      'PartnerCreateCase',
      'functions/api/partner-create-case.ts',
      'POST /integration/v1/cases',
      { reservedConcurrentExecutions: props.intakeConcurrency, notifies: props.notifier.choice },
    )
      .bindCasesTable(props.cases, 'write')
      .bindRegistryTable(props.registry)
      .bindLinkKey(props.linkKey, props.linkKeyRotation)
      .bindPublicUrl(props.publicUrl)
      .bindNotifier(props.notifier.choice, props.notifier.emailFrom, props.notifier.outboxLinks);
    // Reading apart from writing: the route that only reads cannot write.
    const view = fn(
      'PartnerViewCase',
      'functions/api/partner-view-case.ts',
      'GET /integration/v1/cases/{orderNo}',
    )
      .bindCasesTable(props.cases, 'read')
      .bindRegistryTable(props.registry)
      .bindPhotoBucket(props.photos, 'view');
    const route = (method: HttpMethod, path: string, handler: GridworkFunction) =>
      props.api.addRoutes({
        path: `${INTEGRATION_BASE_PATH}${path}`,
        methods: [method],
        integration: new HttpLambdaIntegration(`${handler.node.id}Integration`, handler.function),
        authorizer,
      });
    route(HttpMethod.POST, '/cases', create);
    route(HttpMethod.GET, '/cases/{orderNo}', view);
  }
}
