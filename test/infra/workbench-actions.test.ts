// The workbench's action route in the synthesized template: behind the supervisors' JWT authorizer, and an audit
// trail no grant in the whole stack may change or delete.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  allStatements,
  lambdaFunctions,
  props,
  type Resources,
  referencedIds,
  resourcesOfType,
  statementsOfRole,
  synthesizeResources,
} from './template.ts';

let resources: Resources;
let auditTableId: string;

beforeAll(() => {
  resources = synthesizeResources();
  const [table] = resourcesOfType(resources, 'AWS::DynamoDB::GlobalTable').filter(([id]) =>
    id.startsWith('DataAuditTrail'),
  );
  if (!table) throw new Error('No audit trail table in the template');
  auditTableId = table[0];
});

describe('the workbench actions route', () => {
  it('is one POST route behind the JWT authorizer, served by the workbench-act function', () => {
    // Act
    const routes = resourcesOfType(resources, 'AWS::ApiGatewayV2::Route')
      .map(([, route]) => props(route))
      .filter((route) => String(route.RouteKey).startsWith('POST /workbench/api/cases/'));
    const fn = lambdaFunctions(resources).find(
      (candidate) => candidate.entry === 'functions/api/workbench-act.ts',
    );

    // Assess
    // Follow-up call records are posted beside the actions, by a function of their own.
    expect(routes.map((route) => [route.RouteKey, route.AuthorizationType])).toEqual([
      ['POST /workbench/api/cases/{caseId}/actions', 'JWT'],
      ['POST /workbench/api/cases/{caseId}/follow-ups', 'JWT'],
    ]);
    expect(fn).toBeDefined();
    const onAudit = statementsOfRole(resources, fn?.roleId)
      .filter((statement) => referencedIds(statement.Resource).has(auditTableId))
      .flatMap(actionsOf);
    expect(onAudit).toEqual(['dynamodb:PutItem']);
  });

  it('leaves no grant on the audit trail but adding entries and reading them (PutItem, Query)', () => {
    // Act
    const granted = new Set(
      allStatements(resources)
        .filter((statement) => statement.Effect === 'Allow')
        .filter((statement) => referencedIds(statement.Resource).has(auditTableId))
        .flatMap(actionsOf),
    );

    // Assess
    expect(granted.has('dynamodb:PutItem')).toBe(true);
    expect([...granted].filter((action) => !['dynamodb:PutItem', 'dynamodb:Query'].includes(action))).toEqual(
      [],
    );
  });
});
