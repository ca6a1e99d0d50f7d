// The OpenAPI document against the synthesized template: the same routes, both ways, and schemas a JSON Schema
// 2020-12 validator compiles with every reference resolved.
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '#http/openapi.ts';
import { type OpenApiDocument, OpenApiValidator } from '#test/support/openapi-validator.ts';
import { props, resourcesOfType, synthesizeResources } from './template.ts';

let templateRoutes: string[];
let jwtRoutes: string[];
const document = openApiDocument() as unknown as OpenApiDocument;

beforeAll(() => {
  const routes = resourcesOfType(synthesizeResources(), 'AWS::ApiGatewayV2::Route').map(([, route]) =>
    props(route),
  );
  templateRoutes = routes.map((route) => String(route.RouteKey)).sort();
  jwtRoutes = routes
    .filter((route) => route.AuthorizationType === 'JWT')
    .map((route) => String(route.RouteKey))
    .sort();
});

function documentedRoutes(): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe('the OpenAPI document', () => {
  it('describes exactly the routes of the synthesized template', () => {
    expect(templateRoutes.length).toBeGreaterThan(0);
    expect(documentedRoutes()).toEqual(templateRoutes);
  });

  it('asks for the supervisor JWT on exactly the routes behind the JWT authorizer', () => {
    const secured = Object.entries(document.paths)
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([, operation]) => JSON.stringify(operation).includes('"supervisorJwt"'))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(jwtRoutes.length).toBeGreaterThan(0);
    expect(secured).toEqual(jwtRoutes);
  });

  it('is served by one of those routes', () => {
    expect(templateRoutes).toContain('GET /openapi.json');
  });

  it('compiles every component and every answer of every route', () => {
    // Prepare
    const validator = new OpenApiValidator(document);
    const answers = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        Object.entries(operation.responses).flatMap(([status, response]) =>
          Object.keys(response.content ?? {}).map((media) => ({
            method,
            path,
            status: Number(status),
            media,
          })),
        ),
      ),
    );

    // Act
    const compiled = [
      ...Object.keys(document.components.schemas).map((name) => validator.component(name)),
      ...answers.map(({ method, path, status, media }) => validator.response(method, path, status, media)),
    ];

    // Assess
    expect(answers.length).toBeGreaterThan(templateRoutes.length * 2);
    expect(compiled.every((validate) => typeof validate === 'function')).toBe(true);
  });

  it('says who answers each failure: problem+json from the handler, {"message"} from the gateway', () => {
    const createIssue = document.paths['/issues']?.post?.responses ?? {};
    const figures = document.paths['/dashboard/api/figures']?.get?.responses ?? {};
    expect(Object.keys(createIssue['422']?.content ?? {})).toEqual(['application/problem+json']);
    expect(Object.keys(createIssue['413']?.content ?? {}).sort()).toEqual([
      'application/json',
      'application/problem+json',
    ]);
    expect(Object.keys(createIssue['429']?.content ?? {})).toEqual(['application/json']);
    expect(Object.keys(figures['401']?.content ?? {})).toEqual(['application/json']);
  });
});
