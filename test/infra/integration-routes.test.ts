// The integration API in the synthesized template: its routes behind one Lambda authorizer with simple
// responses and a short cache keyed on the key header, an authorizer that can read partner keys and nothing
// else, and the local runtime reading that same authorizer from the template.
import { beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATION_BASE_PATH, PARTNER_AUTHORIZER_TTL } from '#infra/constructs/integration-routes.ts';
import type { CfnTemplate } from '#local/runtime/cfn-template.ts';
import { templateRoutes } from '#local/runtime/http-api/routes.ts';
import { TemplateResolver } from '#local/runtime/intrinsics.ts';
import { collectingLogger } from '#test/local-runtime/helpers.ts';
import {
  actionsOf,
  lambdaFunctions,
  props,
  type Resources,
  referencedId,
  resolveJoin,
  resourcesOfType,
  statementsOfRole,
  synthesizeResources,
} from './template.ts';

const INTEGRATION_ROUTES = [
  `GET ${INTEGRATION_BASE_PATH}/cases/{orderNo}`,
  `POST ${INTEGRATION_BASE_PATH}/cases`,
];

let resources: Resources;

beforeAll(() => {
  resources = synthesizeResources();
});

/** The REQUEST (Lambda) authorizers; the dashboard's JWT authorizer is another kind. */
function lambdaAuthorizers() {
  return resourcesOfType(resources, 'AWS::ApiGatewayV2::Authorizer').filter(
    ([, resource]) => props(resource).AuthorizerType === 'REQUEST',
  );
}

function authorizerFunctionId(): string {
  const [[, authorizer] = []] = lambdaAuthorizers();
  const uri = resolveJoin(props(authorizer ?? { Type: '' }).AuthorizerUri);
  const id = /\{\{(\w+)\}\}/.exec(uri)?.[1];
  if (!id) throw new Error(`No function in the authorizer's URI ${uri}`);
  return id;
}

describe('the integration API', () => {
  it('has one Lambda authorizer: simple responses, cached briefly per X-Api-Key', () => {
    // Act
    const authorizers = lambdaAuthorizers().map(([, resource]) => {
      const { AuthorizerUri: _uri, ApiId: _api, ...rest } = props(resource);
      return rest;
    });

    // Assess
    expect(authorizers).toEqual([
      {
        AuthorizerType: 'REQUEST',
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: true,
        IdentitySource: ['$request.header.x-api-key'],
        AuthorizerResultTtlInSeconds: PARTNER_AUTHORIZER_TTL.toSeconds(),
        Name: expect.any(String),
      },
    ]);
    expect(PARTNER_AUTHORIZER_TTL.toSeconds()).toBeLessThanOrEqual(60);
  });

  it('puts exactly the integration routes behind it', () => {
    // Prepare
    const [[authorizerId] = []] = lambdaAuthorizers();

    // Act
    const custom = resourcesOfType(resources, 'AWS::ApiGatewayV2::Route')
      .map(([, route]) => props(route))
      .filter((route) => route.AuthorizationType === 'CUSTOM');

    // Assess
    expect(custom.map((route) => String(route.RouteKey)).sort()).toEqual(INTEGRATION_ROUTES);
    expect(custom.map((route) => referencedId(route.AuthorizerId))).toEqual([authorizerId, authorizerId]);
  });

  it('lets the authorizer read the registry and nothing more, and API Gateway invoke it', () => {
    // Prepare
    const id = authorizerFunctionId();
    const fn = lambdaFunctions(resources).find((candidate) => candidate.id === id);

    // Act
    const actions = statementsOfRole(resources, fn?.roleId)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap(actionsOf)
      .filter((action) => action.startsWith('dynamodb:') || action.startsWith('states:'));
    const invokers = resourcesOfType(resources, 'AWS::Lambda::Permission')
      .map(([, permission]) => props(permission))
      .filter((permission) => referencedId(permission.FunctionName) === id)
      .map((permission) => permission.Principal);

    // Assess
    expect(fn?.entry).toBe('functions/api/partner-authorizer.ts');
    expect(Object.keys(fn?.environment ?? {})).toContain('REGISTRY_TABLE');
    expect(Object.keys(fn?.environment ?? {})).not.toContain('CASES_TABLE');
    expect([...new Set(actions)].sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
    expect(invokers).toEqual(['apigateway.amazonaws.com']);
  });

  it('is read by the local runtime with the same authorizer, from the template', () => {
    // Prepare
    const template = { Resources: resources } as unknown as CfnTemplate;
    const resolver = new TemplateResolver({ template, region: 'us-east-1', publicUrl: 'http://localhost' });

    // Act
    const routes = templateRoutes(template, resolver, collectingLogger()).filter((route) =>
      INTEGRATION_ROUTES.includes(route.routeKey),
    );

    // Assess
    expect(routes.map((route) => route.target.authorizer).slice(0, 1)).toEqual([
      {
        logicalId: expect.any(String),
        functionName: resolver.resolveString({ 'Fn::GetAtt': [authorizerFunctionId(), 'Arn'] }, 'test'),
        identitySource: ['$request.header.x-api-key'],
        ttlSeconds: PARTNER_AUTHORIZER_TTL.toSeconds(),
        simpleResponses: true,
        payloadFormatVersion: '2.0',
      },
    ]);
    expect(routes).toHaveLength(2);
    expect(routes[1]?.target.authorizer).toEqual(routes[0]?.target.authorizer);
  });
});
