import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGridworkApp } from '#infra/app.ts';
import { readStageConfig } from '#infra/stage-config.ts';
import {
  actionsOf,
  allStatements,
  type LambdaFunction,
  lambdaFunctions,
  props,
  type Resources,
  referencedId,
  resourcesOfType,
  type SynthesizedTemplate,
  synthesizeStage,
} from './template.ts';

/** A production stage outside China with the edge firewall, as ops would deploy it. */
const PROD_FIREWALL = {
  stage: 'prod',
  region: 'ap-east-1',
  account: '123456789012',
  notifier: 'sns-sms',
  alarmEmails: 'ops@example.cn',
  firewall: 'true',
  firewallIntakeLimit: '50',
  logLevel: 'WARN',
};

function synthesizeWithFirewall() {
  const { stack, firewall } = createGridworkApp({ bundling: false, context: PROD_FIREWALL });
  if (!firewall) throw new Error('Expected a firewall stack');
  const toJson = (scope: Stack) => Template.fromStack(scope).toJSON() as SynthesizedTemplate;
  return { stack, firewall, main: toJson(stack), edge: toJson(firewall) };
}

function nagFindings(scope: Parameters<AwsSolutionsChecks['validateScope']>[0]): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} ${resource.constructPath}`),
  );
}

let dev: Resources;
let devFunctions: LambdaFunction[];
let guarded: ReturnType<typeof synthesizeWithFirewall>;

beforeAll(() => {
  dev = synthesizeStage({}).template.Resources;
  devFunctions = lambdaFunctions(dev);
  guarded = synthesizeWithFirewall();
});

describe('least privilege', () => {
  it('lets no function scan a table', () => {
    // Act
    const scans = allStatements(dev).filter((statement) => actionsOf(statement).includes('dynamodb:Scan'));

    // Assess
    expect(allStatements(dev).length).toBeGreaterThan(0);
    expect(scans).toEqual([]);
  });

  it('gives the dashboard client SRP sign-in only, unless the stage asks for passwords', () => {
    // Act
    const flowsOf = (resources: Resources) =>
      resourcesOfType(resources, 'AWS::Cognito::UserPoolClient').map(
        ([, client]) => props(client).ExplicitAuthFlows,
      );
    const asked = synthesizeStage({ stage: 'test', dashboardPasswordAuth: 'true' }).template.Resources;

    // Assess
    expect(flowsOf(dev)).toEqual([['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']]);
    expect(flowsOf(asked)).toEqual([
      ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    ]);
  });
});

describe('function logs and metrics', () => {
  it('log JSON at the stage level, with one metric namespace per stage', () => {
    // Act
    const settings = (functions: LambdaFunction[]) => [
      ...new Set(
        functions.map((fn) => {
          const logging = props(fn.resource).LoggingConfig as Record<string, unknown>;
          return JSON.stringify({
            format: logging.LogFormat,
            level: logging.ApplicationLogLevel,
            namespace: fn.environment.POWERTOOLS_METRICS_NAMESPACE,
          });
        }),
      ),
    ];
    // The house functions; CDK's own cross-region reference reader is not one.
    const prod = lambdaFunctions(guarded.main.Resources).filter((fn) => fn.entry !== undefined);

    // Assess
    expect(devFunctions.length).toBeGreaterThan(0);
    expect(settings(devFunctions)).toEqual([
      JSON.stringify({ format: 'JSON', level: 'INFO', namespace: 'Gridwork-dev' }),
    ]);
    expect(settings(prod)).toEqual([
      JSON.stringify({ format: 'JSON', level: 'WARN', namespace: 'Gridwork-prod' }),
    ]);
  });
});

describe('the edge firewall', () => {
  it('is off unless a stage asks for it', () => {
    // Assess
    expect(resourcesOfType(dev, 'AWS::CloudFront::Distribution')).toEqual([]);
    expect(resourcesOfType(dev, 'AWS::WAFv2::WebACL')).toEqual([]);
  });

  it('is refused for the local stage and in the China regions', () => {
    // Act
    const attempt = (context: Record<string, unknown>) => () =>
      readStageConfig({ firewall: 'true', ...context });

    // Assess
    expect(attempt({ stage: 'local' })).toThrow(/-c firewall: the local stage/);
    expect(attempt({ stage: 'test', region: 'cn-northwest-1', account: '123456789012' })).toThrow(
      /-c firewall: a CloudFront web ACL lives in us-east-1/,
    );
    expect(attempt({ stage: 'test' })).toThrow(/-c firewall: name -c account and -c region/);
  });

  it('limits each client IP on intake and on the link routes, in a CLOUDFRONT web ACL in us-east-1', () => {
    // Act
    const acls = resourcesOfType(guarded.edge.Resources, 'AWS::WAFv2::WebACL').map(([, acl]) => props(acl));

    // Assess
    expect(guarded.firewall.region).toBe('us-east-1');
    expect(acls).toHaveLength(1);
    const [acl = {}] = acls;
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    const rules = acl.Rules as {
      Name: string;
      Action: unknown;
      Statement: { RateBasedStatement: unknown };
    }[];
    const byteMatch = (field: object, constraint: string, value: string) => ({
      ByteMatchStatement: {
        FieldToMatch: field,
        PositionalConstraint: constraint,
        SearchString: value,
        TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      },
    });
    const blocked = { Block: { CustomResponse: { ResponseCode: 429 } } };
    expect(rules.map(({ Name, Action, Statement }) => ({ Name, Action, Statement }))).toEqual([
      {
        Name: 'IntakePerClient',
        Action: blocked,
        Statement: {
          RateBasedStatement: {
            AggregateKeyType: 'IP',
            Limit: 50,
            EvaluationWindowSec: 300,
            ScopeDownStatement: {
              AndStatement: {
                Statements: [
                  byteMatch({ Method: {} }, 'EXACTLY', 'POST'),
                  byteMatch({ UriPath: {} }, 'EXACTLY', '/issues'),
                ],
              },
            },
          },
        },
      },
      {
        Name: 'LinksPerClient',
        Action: blocked,
        Statement: {
          RateBasedStatement: {
            AggregateKeyType: 'IP',
            Limit: 300,
            EvaluationWindowSec: 300,
            ScopeDownStatement: byteMatch({ UriPath: {} }, 'STARTS_WITH', '/tasks/'),
          },
        },
      },
    ]);
  });

  it('puts CloudFront with the web ACL in front of the API, and sends every link through it', () => {
    // Act
    const [[distributionId, distribution] = ['', { Type: '' }]] = resourcesOfType(
      guarded.main.Resources,
      'AWS::CloudFront::Distribution',
    );
    const config = props(distribution).DistributionConfig as Record<string, unknown>;
    const behavior = config.DefaultCacheBehavior as Record<string, unknown>;
    const publicUrls = new Set(
      lambdaFunctions(guarded.main.Resources)
        .filter((fn) => 'PUBLIC_URL' in fn.environment)
        .map((fn) => JSON.stringify(fn.environment.PUBLIC_URL)),
    );

    // Assess
    // The web ACL's ARN, read from us-east-1 by CDK's cross-region reference.
    const reader = guarded.main.Resources[referencedId(config.WebACLId) ?? ''];
    expect(reader?.Type).toBe('Custom::CrossRegionExportReader');
    expect(behavior.ViewerProtocolPolicy).toBe('https-only');
    expect(behavior.AllowedMethods).toContain('POST');
    expect(publicUrls.size).toBe(1);
    expect([...publicUrls][0]).toContain(distributionId);
    expect(referencedId(behavior.ResponseHeadersPolicyId)).toBeDefined();
  });

  it("adds HSTS and nosniff to every answer at the edge, the gateway's own included", () => {
    // Act
    const policies = resourcesOfType(guarded.main.Resources, 'AWS::CloudFront::ResponseHeadersPolicy').map(
      ([, policy]) => props(policy).ResponseHeadersPolicyConfig as Record<string, unknown>,
    );

    // Assess
    expect(policies).toHaveLength(1);
    expect(policies[0]?.SecurityHeadersConfig).toEqual({
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 31_536_000,
        IncludeSubdomains: true,
        Override: true,
      },
      ContentTypeOptions: { Override: true },
    });
  });

  it('leaves cdk-nag nothing unacknowledged in either stack', () => {
    // Assess
    expect(nagFindings(guarded.stack)).toEqual([]);
    expect(nagFindings(guarded.firewall)).toEqual([]);
  });
});
