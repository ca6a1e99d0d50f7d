import type { Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_METADATA_KEY } from '#contract/template.ts';
import { CONTACT_RETENTION } from '#domain/retention.ts';
import { MAX_BODY_BYTES } from '#http/request-body.ts';
import { ACCESS_LOG_FIELDS } from '#infra/constructs/http-api.ts';
import { synthesizeTemplate } from '#infra/synth.ts';
import {
  actionsOf,
  allStatements,
  asList,
  type Definition,
  type LambdaFunction,
  lambdaFunctions,
  props,
  type Resources,
  referencedId,
  resolveJoin,
  resourcesOfType,
  type SynthesizedTemplate,
  statementsOfRole,
  synthesizeStage,
} from './template.ts';

/** A production stage in a China region, sending SMS and e-mail, as ops would deploy it. */
const PROD_CN = {
  stage: 'prod',
  region: 'cn-northwest-1',
  account: '123456789012',
  notifier: 'sns-sms,ses-email',
  emailFrom: 'noreply@grid.example.cn',
  alarmEmails: 'ops@example.cn,duty@example.cn',
  throttleRate: '20',
  throttleBurst: '40',
  corsOrigins: 'https://grid.example.cn',
  intakeConcurrency: '10',
  dashboardIssuer: 'https://login.grid.example.cn',
  dashboardAudience: 'gridwork-dashboard',
  maxDeferrals: '2',
  maxPause: 'P90D',
  contactRetention: 'P365D',
};

const WORKFLOW_STEPS = [
  'functions/workflow/await-rating.ts',
  'functions/workflow/offer-task.ts',
  'functions/workflow/settle-rating.ts',
  'functions/workflow/settle-task.ts',
];

/**
 * The functions that send SMS and e-mail: the workflow steps; acting on a link, which sends a deferral's or pause's
 * approval link at once (the holder's task stays open, so no step follows to send it); and the partner intake, which
 * texts a resident reported for (代报) their tracking link.
 */
const SENDERS = [
  'functions/api/act-on-task.ts',
  'functions/api/partner-create-case.ts',
  'functions/api/worker-create-case.ts',
  'functions/api/workbench-act.ts',
  ...WORKFLOW_STEPS,
].sort();

interface Stage {
  readonly stack: Stack;
  readonly template: SynthesizedTemplate;
  readonly resources: Resources;
  readonly functions: LambdaFunction[];
}

function stageOf(context: Record<string, unknown>): Stage {
  const { stack, template } = synthesizeStage(context);
  return { stack, template, resources: template.Resources, functions: lambdaFunctions(template.Resources) };
}

/** Synthesized once for the whole file. */
let dev: Stage;
let prod: Stage;

beforeAll(() => {
  dev = stageOf({});
  prod = stageOf(PROD_CN);
});

function only(stage: Stage, type: string): Record<string, unknown> {
  const found = resourcesOfType(stage.resources, type);
  expect(found, type).toHaveLength(1);
  return props(found[0]?.[1] ?? { Type: type });
}

function notifyingStatements(stage: Stage, fn: LambdaFunction) {
  return statementsOfRole(stage.resources, fn.roleId).filter((statement) =>
    actionsOf(statement).some((action) => action.startsWith('sns:') || action.startsWith('ses:')),
  );
}

describe('the dashboard in a China region', () => {
  it('trusts the stage issuer and creates no Cognito user pool', () => {
    // Act
    const text = JSON.stringify(prod.template);

    // Assess
    expect(text).not.toContain('AWS::Cognito::UserPool');
    expect(text).toContain('https://login.grid.example.cn');
  });
});

describe('cdk-nag AwsSolutions checks', () => {
  it.each([
    ['dev', () => dev],
    ['prod in cn-northwest-1', () => prod],
  ])('find nothing unacknowledged in %s', (_name, stage) => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(stage().stack);

    // Assess
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} ${resource.constructPath}`),
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });
});

describe('partitions', () => {
  it('build every ARN of a China stage in aws-cn, never with a hard-coded arn:aws:', () => {
    // Act
    const text = JSON.stringify(prod.template);

    // Assess
    expect(text).not.toContain('arn:aws:');
    expect(text).toContain('arn:aws-cn:ses:cn-northwest-1:123456789012:identity/noreply@grid.example.cn');
  });

  it('leave the partition to CloudFormation when the region is not known at synth', () => {
    // Act
    const text = JSON.stringify(dev.template);

    // Assess
    expect(text).not.toMatch(/arn:aws(-cn)?:/);
    expect(text).toContain('"Ref":"AWS::Partition"');
  });
});

describe('the tables of a production stage', () => {
  it('are retained, protected from deletion and encrypted with the AWS-managed key', () => {
    // Act
    const tables = resourcesOfType(prod.resources, 'AWS::DynamoDB::GlobalTable').map(([, table]) => ({
      deletion: (table as { DeletionPolicy?: string }).DeletionPolicy,
      sse: props(table).SSESpecification,
      protection: asList(props(table).Replicas as Record<string, unknown>[]).map(
        (replica) => replica.DeletionProtectionEnabled,
      ),
    }));

    // Assess
    const expected = { deletion: 'Retain', sse: { SSEEnabled: true, SSEType: 'KMS' }, protection: [true] };
    expect(tables).toEqual([expected, expected, expected]);
  });

  it('are deleted with a development stack', () => {
    // Act
    const policies = resourcesOfType(dev.resources, 'AWS::DynamoDB::GlobalTable').map(
      ([, table]) => (table as { DeletionPolicy?: string }).DeletionPolicy,
    );

    // Assess
    expect(policies).toEqual(['Delete', 'Delete', 'Delete']);
  });

  it('name the registry table in a stack output for the import command', () => {
    // Act
    const output = prod.template.Outputs?.RegistryTableName?.Value;

    // Assess
    const [[registryId] = []] = resourcesOfType(prod.resources, 'AWS::DynamoDB::GlobalTable').filter(([id]) =>
      id.includes('Registry'),
    );
    expect(output).toEqual({ Ref: registryId });
  });
});

describe('the HTTP API stage', () => {
  it('throttles and allows the origins the stage configures', () => {
    // Act
    const stage = only(prod, 'AWS::ApiGatewayV2::Stage');
    const api = only(prod, 'AWS::ApiGatewayV2::Api');

    // Assess
    expect(stage.StageName).toBe('$default');
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    expect(api.CorsConfiguration).toMatchObject({ AllowOrigins: ['https://grid.example.cn'] });
  });

  it('has no CORS unless the stage names origins, since the pages are served by the API itself', () => {
    // Act
    const api = only(dev, 'AWS::ApiGatewayV2::Api');

    // Assess
    expect(api.CorsConfiguration).toBeUndefined();
  });

  it('records on every route the body limit of its handler, for the local gateway', () => {
    // Act
    const routes = resourcesOfType(dev.resources, 'AWS::ApiGatewayV2::Route');

    // Assess
    expect(routes.length).toBeGreaterThan(10);
    for (const [, route] of routes) expect(route.Metadata?.[BODY_LIMIT_METADATA_KEY]).toBe(MAX_BODY_BYTES);
  });

  it('logs each request by route key, without paths, query strings, overrides or bodies', () => {
    // Prepare
    const settings = only(dev, 'AWS::ApiGatewayV2::Stage').AccessLogSettings as {
      DestinationArn: unknown;
      Format: string;
    };

    // Act
    const fields = JSON.parse(settings.Format) as Record<string, string>;

    // Assess
    expect(fields).toEqual(ACCESS_LOG_FIELDS);
    expect(fields.routeKey).toBe('$context.routeKey');
    expect(settings.Format).not.toMatch(
      /\$context\.(path|requestOverride|responseOverride|querystring|requestBody)|\$input|\$request/i,
    );
    const logGroupId = referencedId(settings.DestinationArn) ?? '';
    expect(dev.resources[logGroupId]?.Type).toBe('AWS::Logs::LogGroup');
    expect(props(dev.resources[logGroupId] ?? { Type: '' }).RetentionInDays).toBeGreaterThan(0);
  });
});

describe('the functions', () => {
  it('give the link and workbench functions the stage’s deferral and pause limits, and leave the defaults where none is set', () => {
    // Act
    const limitsOf = (stage: Stage) =>
      stage.functions
        .filter((fn) => {
          const variables = (props(fn.resource).Environment as { Variables?: object } | undefined)?.Variables;
          return Object.keys(variables ?? {}).some((name) => name.startsWith('MAX_'));
        })
        .map((fn) => {
          const variables = (props(fn.resource).Environment as { Variables: Record<string, unknown> })
            .Variables;
          return [fn.entry, variables.MAX_DEFERRALS, variables.MAX_DEFERRAL, variables.MAX_PAUSE];
        });

    // Assess
    expect(limitsOf(prod)).toEqual([
      ['functions/api/act-on-task.ts', '2', undefined, 'P90D'],
      ['functions/api/workbench-act.ts', '2', undefined, 'P90D'],
    ]);
    expect(limitsOf(dev)).toEqual([]);
  });

  it('give the retention sweep, and only it, the stage’s CONTACT_RETENTION, or the district default', () => {
    // Act
    const retentionOf = (stage: Stage) =>
      stage.functions.flatMap((fn) => {
        const variables = (
          props(fn.resource).Environment as { Variables?: Record<string, unknown> } | undefined
        )?.Variables;
        return variables?.CONTACT_RETENTION === undefined ? [] : [[fn.entry, variables.CONTACT_RETENTION]];
      });

    // Assess
    expect(retentionOf(prod)).toEqual([['functions/schedule/erase-contacts.ts', 'P365D']]);
    expect(retentionOf(dev)).toEqual([['functions/schedule/erase-contacts.ts', CONTACT_RETENTION]]);
  });

  it('each write to a log group of their own with retention, under a role with no managed policy', () => {
    // Act
    const setups = prod.functions.map((fn) => {
      const logGroupId = referencedId(
        (props(fn.resource).LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup,
      );
      const role = prod.resources[fn.roleId ?? ''];
      return {
        retention: props(prod.resources[logGroupId ?? ''] ?? { Type: '' }).RetentionInDays,
        managedPolicies: role ? props(role).ManagedPolicyArns : 'no role',
      };
    });

    // Assess
    expect(setups.length).toBeGreaterThanOrEqual(13);
    expect(new Set(setups.map((setup) => JSON.stringify(setup)))).toEqual(
      new Set([JSON.stringify({ retention: 90, managedPolicies: undefined })]),
    );
  });

  it('reserve the configured concurrency for the intake doors only (POST /issues, Open311 and partner POSTs)', () => {
    // Act
    const reserved = prod.functions
      .filter((fn) => props(fn.resource).ReservedConcurrentExecutions !== undefined)
      .map((fn) => [fn.entry, props(fn.resource).ReservedConcurrentExecutions]);

    // Assess
    expect(reserved).toEqual([
      ['functions/api/create-issue.ts', 10],
      ['functions/api/open311-create-request.ts', 10],
      ['functions/api/partner-create-case.ts', 10],
    ]);
  });
});

describe('notifications', () => {
  it('go through SMS and e-mail from the workflow steps, the link actions and the on-behalf intakes only, when the stage chose both', () => {
    // Act
    const notifiers = prod.functions
      .filter((fn) => 'NOTIFIER' in fn.environment || notifyingStatements(prod, fn).length > 0)
      .map((fn) => ({
        entry: fn.entry,
        notifier: fn.environment.NOTIFIER,
        from: fn.environment.NOTIFY_EMAIL_FROM,
        hasRegistry: 'REGISTRY_TABLE' in fn.environment,
        allowed: notifyingStatements(prod, fn)
          .filter((statement) => statement.Effect === 'Allow')
          .flatMap(actionsOf)
          .filter((action) => action.startsWith('sns:') || action.startsWith('ses:'))
          .sort(),
        denied: notifyingStatements(prod, fn)
          .filter((statement) => statement.Effect === 'Deny')
          .map((statement) => ({ actions: actionsOf(statement), resource: statement.Resource })),
      }))
      .sort((a, b) => String(a.entry).localeCompare(String(b.entry)));

    // Assess
    expect(notifiers).toEqual(
      SENDERS.map((entry) => ({
        entry,
        notifier: 'sns-sms,ses-email',
        from: 'noreply@grid.example.cn',
        hasRegistry: true,
        allowed: ['ses:SendEmail', 'sns:Publish'],
        // SMS only: a Publish to any topic or endpoint (an ARN) is refused.
        denied: [{ actions: ['sns:Publish'], resource: 'arn:aws-cn:sns:*:*:*' }],
      })),
    );
  });

  it('may send e-mail only from the configured sender or its domain', () => {
    // Act
    const resources = prod.functions.flatMap((fn) =>
      notifyingStatements(prod, fn)
        .filter((statement) => actionsOf(statement).includes('ses:SendEmail'))
        .flatMap((statement) => asList(statement.Resource as unknown[])),
    );

    // Assess
    expect(new Set(resources.map((resource) => JSON.stringify(resource)))).toEqual(
      new Set(
        ['noreply@grid.example.cn', 'grid.example.cn'].map((identity) =>
          JSON.stringify(`arn:aws-cn:ses:cn-northwest-1:123456789012:identity/${identity}`),
        ),
      ),
    );
  });

  it('stay in the outbox, with no SNS or SES access, in development and local stages', () => {
    // Prepare
    const local = lambdaFunctions(synthesizeTemplate('local').Resources as Resources);

    // Act
    const choices = [...dev.functions, ...local]
      .filter((fn) => 'NOTIFIER' in fn.environment)
      .map((fn) => `${fn.environment.NOTIFIER} ${fn.environment.OUTBOX_LINKS}`);
    const granted = dev.functions.flatMap((fn) => notifyingStatements(dev, fn));

    // Assess: only the local outbox, the way people read their links there, keeps them whole
    expect(choices).toEqual([
      ...Array(SENDERS.length).fill('outbox redacted'),
      ...Array(SENDERS.length).fill('outbox full'),
    ]);
    expect(granted).toEqual([]);
  });

  it('write metric lines everywhere but on the local stage, where no CloudWatch reads them', () => {
    // Prepare
    const local = lambdaFunctions(synthesizeTemplate('local').Resources as Resources);
    const disabled = (functions: typeof local) =>
      new Set(functions.map((fn) => fn.environment.POWERTOOLS_METRICS_DISABLED ?? 'enabled'));

    // Assess
    expect([...disabled(dev.functions)]).toEqual(['enabled']);
    expect([...disabled(local)]).toEqual(['true']);
  });

  it('allow no wildcard action, and "*" as a resource only for log delivery and SMS', () => {
    // Act
    const unscoped = allStatements(prod.resources)
      .filter((statement) => asList(statement.Resource as unknown).includes('*'))
      .flatMap(actionsOf)
      .filter((action) => !action.startsWith('logs:'));

    const wildcardActions = allStatements(prod.resources)
      .flatMap(actionsOf)
      .filter((action) => action === '*' || action.endsWith(':*'));

    // Assess
    expect(new Set(unscoped)).toEqual(new Set(['sns:Publish']));
    expect(wildcardActions).toEqual([]);
  });
});

describe('the lifecycle workflow', () => {
  it('retries every Lambda task with exponential backoff and full jitter', () => {
    // Prepare
    const definition = JSON.parse(
      resolveJoin(only(prod, 'AWS::StepFunctions::StateMachine').DefinitionString),
    ) as Definition;

    // Act
    const retries = Object.entries(definition.States)
      .filter(([, state]) => state.Type === 'Task')
      .map(([name, state]) => [name, state.Retry]);

    // Assess
    expect(retries).toHaveLength(4);
    for (const [name, retry] of retries) {
      expect(retry, String(name)).toContainEqual(
        expect.objectContaining({
          ErrorEquals: ['States.TaskFailed'],
          BackoffRate: 2,
          JitterStrategy: 'FULL',
          MaxAttempts: expect.any(Number),
        }),
      );
    }
  });

  it('logs errors only, without execution data', () => {
    // Act
    const logging = only(prod, 'AWS::StepFunctions::StateMachine').LoggingConfiguration;

    // Assess
    expect(logging).toMatchObject({ Level: 'ERROR', IncludeExecutionData: false });
  });
});

describe('alarms', () => {
  it('watch executions, every function, the API, both tables, uncounted changes, unstarted cases and parked messages, and tell the topic', () => {
    // Prepare
    const [[topicId] = []] = resourcesOfType(prod.resources, 'AWS::SNS::Topic');

    // Act
    const alarms = resourcesOfType(prod.resources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => {
      const properties = props(alarm);
      const metrics = asList(properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]);
      return {
        metric: String(
          properties.MetricName ?? metrics.flatMap((m) => m.MetricStat?.Metric.MetricName ?? []).join('+'),
        ),
        actions: (properties.AlarmActions as unknown[]).map(referencedId),
      };
    });
    const count = (metric: string) => alarms.filter((alarm) => alarm.metric === metric).length;

    // Assess
    expect(count('ExecutionsFailed')).toBe(1);
    expect(count('ExecutionsTimedOut')).toBe(1);
    expect(count('Errors')).toBe(prod.functions.length);
    // One throttling alarm per ten functions, each watching every one of its ten.
    const throttles = alarms.filter((alarm) => /^Throttles(\+Throttles)*$/.test(alarm.metric));
    expect(throttles).toHaveLength(Math.ceil(prod.functions.length / 10));
    expect(throttles.reduce((n, alarm) => n + alarm.metric.split('+').length, 0)).toBe(prod.functions.length);
    expect(count('5xx')).toBe(1);
    expect(count('ReadThrottleEvents+WriteThrottleEvents')).toBe(2);
    expect(count('UndeliverableMessages')).toBe(1);
    // Counting's and the case changes' failed batches; webhook deliveries and case exports parked.
    expect(count('ApproximateNumberOfMessagesVisible')).toBe(4);
    expect(alarms).toHaveLength(10 + prod.functions.length + Math.ceil(prod.functions.length / 10));
    expect(alarms.every((alarm) => alarm.actions.length === 1 && alarm.actions[0] === topicId)).toBe(true);
  });

  it('reach every configured address, over TLS only', () => {
    // Act
    const subscriptions = resourcesOfType(prod.resources, 'AWS::SNS::Subscription').map(([, s]) => [
      props(s).Protocol,
      props(s).Endpoint,
    ]);
    const policy = only(prod, 'AWS::SNS::TopicPolicy').PolicyDocument as {
      Statement: { Effect: string; Condition?: unknown }[];
    };

    // Assess
    expect(subscriptions).toEqual([
      ['email', 'ops@example.cn'],
      ['email', 'duty@example.cn'],
    ]);
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('come with a dashboard of issues received and closed beside the same figures', () => {
    // Act
    const body = JSON.stringify(only(prod, 'AWS::CloudWatch::Dashboard').DashboardBody);

    // Assess
    for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'Errors', '5xx']) {
      expect(body).toContain(metric);
    }
  });
});
