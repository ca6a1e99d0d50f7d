// The web routes as synthesized: which are public, which sit behind the supervisors' JWT authorizer.
import { beforeAll, describe, expect, it } from 'vitest';
import { props, type Resources, resourcesOfType, synthesizeResources } from '#test/infra/template.ts';

let resources: Resources;

beforeAll(() => {
  resources = synthesizeResources();
});

function routes(): Map<string, Record<string, unknown>> {
  return new Map(
    resourcesOfType(resources, 'AWS::ApiGatewayV2::Route').map(([, route]) => [
      String(props(route).RouteKey),
      props(route),
    ]),
  );
}

describe('the web routes', () => {
  it('serve the pages and their modules without authorization', () => {
    for (const key of [
      'GET /',
      'GET /track/{id}',
      'GET /dashboard',
      'GET /workbench',
      'GET /assets/{name}',
      'GET /tasks/{linkToken}',
    ]) {
      expect(routes().get(key)?.AuthorizationType ?? 'NONE', key).toBe('NONE');
    }
  });

  it('put every dashboard read route behind a JWT authorizer of the supervisors’ user pool', () => {
    // Prepare
    const [authorizerId, authorizer] = resourcesOfType(resources, 'AWS::ApiGatewayV2::Authorizer')[0] ?? [];
    const [poolId] = resourcesOfType(resources, 'AWS::Cognito::UserPool')[0] ?? [];

    // Assess
    expect(props(authorizer as never)).toMatchObject({ AuthorizerType: 'JWT' });
    expect(JSON.stringify(props(authorizer as never).JwtConfiguration)).toContain(String(poolId));
    for (const key of [
      'GET /dashboard/api/figures',
      'GET /dashboard/api/overdue',
      'GET /dashboard/api/daily',
    ]) {
      expect(routes().get(key), key).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it('lets nobody sign up to the supervisors’ pool and requires a second factor', () => {
    const [, pool] = resourcesOfType(resources, 'AWS::Cognito::UserPool')[0] ?? [];
    expect(props(pool as never)).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
  });
});
