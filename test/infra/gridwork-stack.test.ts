import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PERMANENT_STEP_ERRORS } from '#domain/errors.ts';
import { REPO_ROOT } from '#infra/paths.ts';
import { LifecycleStates } from '#workflows/state-names.ts';
import {
  actionsOf,
  allStatements,
  asList,
  type CfnResource,
  type Definition,
  exportsHandler,
  type IamStatement,
  keysOf,
  type LambdaFunction,
  lambdaFunctions,
  props,
  type Resources,
  referencedId,
  referencedIds,
  resolveJoin,
  resourcesOfType,
  type State,
  statementsOfRole,
  successors,
  synthesizeResources,
} from './template.ts';

const ROUTES: Record<string, string> = {
  'GET /health': 'functions/api/health.ts',
  'GET /openapi.json': 'functions/api/openapi.ts',
  'GET /categories': 'functions/api/list-categories.ts',
  'GET /grids': 'functions/api/list-grids.ts',
  'GET /departments': 'functions/api/list-departments.ts',
  'GET /addresses': 'functions/api/suggest-addresses.ts',
  'POST /issues': 'functions/api/create-issue.ts',
  'GET /issues/{id}': 'functions/api/get-issue.ts',
  'POST /issues/{id}/rating': 'functions/api/rate-issue.ts',
  'GET /tasks/{linkToken}': 'functions/api/view-task.ts',
  'POST /tasks/{linkToken}': 'functions/api/act-on-task.ts',
  'POST /issues/{id}/photo-uploads': 'functions/api/photos.ts',
  'POST /issues/{id}/photos': 'functions/api/photos.ts',
  'POST /tasks/{linkToken}/photo-uploads': 'functions/api/photos.ts',
  'POST /tasks/{linkToken}/photos': 'functions/api/photos.ts',
  'GET /stats': 'functions/api/get-stats.ts',
  'GET /': 'functions/api/resident-page.ts',
  'GET /track/{id}': 'functions/api/track-page.ts',
  'GET /dashboard': 'functions/api/dashboard-page.ts',
  'GET /dashboard/report': 'functions/api/dashboard-page.ts',
  'GET /workbench': 'functions/api/workbench-page.ts',
  'GET /assets/{name}': 'functions/api/asset.ts',
  'GET /dashboard/api/figures': 'functions/api/dashboard-figures.ts',
  'GET /dashboard/api/overdue': 'functions/api/dashboard-overdue.ts',
  'GET /dashboard/api/daily': 'functions/api/dashboard-daily.ts',
  'GET /dashboard/api/export.csv': 'functions/api/dashboard-export.ts',
  'GET /dashboard/api/report': 'functions/api/dashboard-report.ts',
  'GET /dashboard/api/stats': 'functions/api/dashboard-stats.ts',
  'POST /worker/cases': 'functions/api/worker-create-case.ts',
  'POST /workbench/api/cases/{caseId}/actions': 'functions/api/workbench-act.ts',
  // Open311 routes share a function per concern: a format is a route of its own (see Open311Routes).
  'GET /open311/v2/discovery.xml': 'functions/api/open311-services.ts',
  'GET /open311/v2/discovery.json': 'functions/api/open311-services.ts',
  'GET /open311/v2/services.xml': 'functions/api/open311-services.ts',
  'GET /open311/v2/services.json': 'functions/api/open311-services.ts',
  'GET /open311/v2/services/{service_code}': 'functions/api/open311-services.ts',
  'GET /open311/v2/requests.xml': 'functions/api/open311-requests.ts',
  'GET /open311/v2/requests.json': 'functions/api/open311-requests.ts',
  'GET /open311/v2/requests/{service_request_id}': 'functions/api/open311-requests.ts',
  'GET /open311/v2/tokens/{token}': 'functions/api/open311-requests.ts',
  'POST /open311/v2/requests.xml': 'functions/api/open311-create-request.ts',
  'POST /open311/v2/requests.json': 'functions/api/open311-create-request.ts',
  'POST /integration/v1/cases': 'functions/api/partner-create-case.ts',
  'GET /integration/v1/cases/{orderNo}': 'functions/api/partner-view-case.ts',
  // The workbench's reads share one function; the audit enquiry has its own (the only reader of the trail).
  'GET /workbench/api/cases': 'functions/api/workbench-cases.ts',
  'GET /workbench/api/cases/{caseId}': 'functions/api/workbench-cases.ts',
  'GET /workbench/api/audit': 'functions/api/workbench-audit.ts',
  'POST /workbench/api/cases/{caseId}/follow-ups': 'functions/api/follow-ups.ts',
  'GET /workbench/api/cases/{caseId}/follow-ups': 'functions/api/list-follow-ups.ts',
  // Starting an export and reading how it stands share a function; the exporter reads the queue.
  'POST /workbench/api/exports': 'functions/api/workbench-exports.ts',
  'GET /workbench/api/exports/{exportId}': 'functions/api/workbench-exports.ts',
};

/** Functions API Gateway calls before a route's handler: the integration routes' Lambda authorizer. */
const AUTHORIZERS = ['functions/api/partner-authorizer.ts'];

/** Each route handler once, however many routes lead to it. */
const ROUTE_HANDLERS = [...new Set(Object.values(ROUTES))];

const WORKFLOW_STEPS = [
  'functions/workflow/await-rating.ts',
  'functions/workflow/offer-task.ts',
  'functions/workflow/settle-rating.ts',
  'functions/workflow/settle-task.ts',
];

/** The consumers of table streams. */
const STREAM_CONSUMERS = ['functions/stream/count-changes.ts', 'functions/stream/case-changes.ts'];
/** The functions an EventBridge schedule runs: the daily contact retention sweep. */
const SCHEDULED = ['functions/schedule/erase-contacts.ts'];
/** Partner webhooks: the queue's consumer (the case-changes stream reader queues them). */
const WEBHOOK_FUNCTIONS = ['functions/queue/deliver-webhook.ts'];
/** The consumer of the case-list export queue. */
const EXPORTER = ['functions/queue/export-cases.ts'];

/** The functions that wake a waiting workflow with SendTaskSuccess. */
const TASK_COMPLETERS = [
  'functions/api/act-on-task.ts',
  'functions/api/rate-issue.ts',
  'functions/api/workbench-act.ts',
  'functions/workflow/await-rating.ts',
  'functions/workflow/offer-task.ts',
];

const DYNAMODB_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * The variable each adapter factory a handler imports (one module each in `shared/adapters/wiring/`) cannot
 * start without; null for one that has defaults or needs a permission only (the task completer).
 */
const SETTING_OF_FACTORY: Record<string, string | null> = {
  issues: 'CASES_TABLE',
  audit: 'AUDIT_TABLE',
  idempotency: 'CASES_TABLE',
  'case-numbers': 'CASES_TABLE',
  'open-cases': 'CASES_TABLE',
  'closed-cases': 'CASES_TABLE',
  'contact-retention': 'CONTACT_RETENTION',
  stats: 'CASES_TABLE',
  'slowest-cases': 'CASES_TABLE',
  notifier: 'NOTIFIER',
  registry: 'REGISTRY_TABLE',
  categories: 'REGISTRY_TABLE',
  calendars: 'REGISTRY_TABLE',
  'workflow-starter': 'STATE_MACHINE_ARN',
  'task-completer': null,
  clock: null,
  'wall-clock': null,
  policy: null,
  keys: 'LINK_KEY_SECRET_ARN',
  metrics: null,
  'public-url': 'PUBLIC_URL',
  'partner-keys': 'REGISTRY_TABLE',
  'case-listing': 'CASES_TABLE',
  photos: 'PHOTOS_BUCKET',
  images: null,
  'case-index': 'CASES_TABLE',
  'case-exports': 'CASES_TABLE',
  'export-queue': 'EXPORT_QUEUE_URL',
  'export-files': 'EXPORTS_BUCKET',
};

/** Each handler once: the photo routes share one function. */

/** The longest a Standard workflow may run: one year. */
const MAX_EXECUTION_SECONDS = 31_536_000;

/** Synthesized once for the whole file. */
let resources: Resources;
let functions: LambdaFunction[];
let machine: CfnResource;
let definition: Definition;

beforeAll(() => {
  resources = synthesizeResources();
  functions = lambdaFunctions(resources);
  const machines = resourcesOfType(resources, 'AWS::StepFunctions::StateMachine');
  const [only] = machines;
  if (machines.length !== 1 || !only) throw new Error(`Expected one state machine, found ${machines.length}`);
  machine = only[1];
  definition = JSON.parse(resolveJoin(props(machine).DefinitionString)) as Definition;
});

function byEntry(entry: string): LambdaFunction {
  const found = functions.find((fn) => fn.entry === entry);
  if (!found) throw new Error(`No function runs ${entry}`);
  return found;
}

/** Whether any statement allows an action starting with `prefix` on the resource `resourceId`. */
/** Whether a statement is limited to items whose partition keys start with `prefix`. */
function leadingKeysOnly(statement: IamStatement, prefix: string): boolean {
  const condition = (statement as { Condition?: Record<string, Record<string, unknown>> }).Condition;
  const keys = condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
  const patterns = Array.isArray(keys) ? keys : [keys];
  return keys !== undefined && patterns.every((key) => String(key).startsWith(prefix));
}

function grants(statements: IamStatement[], resourceId: string, prefix: string): boolean {
  return statements.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      actionsOf(statement).some((action) => action.startsWith(prefix)) &&
      referencedIds(statement.Resource).has(resourceId),
  );
}

describe('the Lambda functions', () => {
  it('are one per handler: one per route (routes may share one), one per authorizer, one per workflow step, one per stream consumer and one per schedule', () => {
    // Act
    const entries = functions.map((fn) => fn.entry).sort();

    // Assess
    expect(entries).toEqual(
      [
        ...ROUTE_HANDLERS,
        ...AUTHORIZERS,
        ...WORKFLOW_STEPS,
        ...STREAM_CONSUMERS,
        ...WEBHOOK_FUNCTIONS,
        ...EXPORTER,
        ...SCHEDULED,
      ].sort(),
    );
  });

  it('all run Node.js 22 on arm64, untraced', () => {
    // Act
    const settings = Object.fromEntries(
      functions.map((fn) => [
        fn.id,
        {
          runtime: props(fn.resource).Runtime,
          architectures: props(fn.resource).Architectures,
          tracing: props(fn.resource).TracingConfig,
        },
      ]),
    );

    // Assess
    const expected = { runtime: 'nodejs22.x', architectures: ['arm64'], tracing: undefined };
    expect(settings).toEqual(Object.fromEntries(functions.map((fn) => [fn.id, expected])));
  });

  it("runs the tests on the Lambda runtime's Node.js major", () => {
    // Act
    const runtimes = new Set(functions.map((fn) => props(fn.resource).Runtime));

    // Assess
    expect([...runtimes]).toEqual([`nodejs${process.versions.node.split('.')[0]}.x`]);
  });

  it('each name in gridwork:entry a source file that exports handler', () => {
    // Act
    const entries = Object.fromEntries(
      functions.map((fn) => [
        fn.id,
        { entry: fn.entry, exportsHandler: fn.entry ? exportsHandler(fn.entry) : false },
      ]),
    );

    // Assess
    for (const [id, { entry, exportsHandler: exported }] of Object.entries(entries)) {
      expect(entry, id).toMatch(/^functions\/(api|workflow|stream|queue|schedule)\/[a-z0-9-]+\.ts$/);
      expect(exported, `${id}: ${entry}`).toBe(true);
    }
  });

  it('agree on the value of every environment variable they share', () => {
    // Prepare
    const values = new Map<string, Set<string>>();

    // Act
    for (const fn of functions) {
      for (const [name, value] of Object.entries(fn.environment)) {
        const seen = values.get(name) ?? new Set<string>();
        seen.add(JSON.stringify(value));
        values.set(name, seen);
      }
    }

    // Assess
    const conflicting = [...values]
      .filter(([, seen]) => seen.size > 1)
      .map(([name, seen]) => [name, [...seen]]);
    expect(conflicting).toEqual([]);
    expect([...values.keys()]).toEqual(
      expect.arrayContaining(['CASES_TABLE', 'REGISTRY_TABLE', 'PUBLIC_URL']),
    );
  });

  it('each get the settings that the adapters their handler asks for need', () => {
    // Prepare
    const missing: string[] = [];

    // Act
    for (const fn of functions) {
      const entry = join(REPO_ROOT, fn.entry ?? '');
      let source = readFileSync(entry, 'utf8');
      // Workflow steps share their adapters in one module.
      if (source.includes("from './step-deps.ts'"))
        source = readFileSync(join(entry, '..', 'step-deps.ts'), 'utf8');
      const factories = [...source.matchAll(/from '#adapters\/wiring\/([a-z-]+)\.ts'/g)].map(
        (match) => match[1] ?? '',
      );
      if (source.includes('createDeps(') && factories.length === 0)
        missing.push(`${fn.entry} calls createDeps with no factory from #adapters/wiring/`);
      for (const factory of factories) {
        const setting = SETTING_OF_FACTORY[factory];
        if (setting === undefined)
          missing.push(`${fn.entry} imports ${factory}, which this test does not know`);
        else if (setting !== null && !(setting in fn.environment))
          missing.push(`${fn.entry} needs ${setting} for ${factory}`);
      }
    }

    // Assess
    expect(missing).toEqual([]);
    expect(byEntry('functions/stream/case-changes.ts').environment).toHaveProperty('STATE_MACHINE_ARN');
    expect(byEntry('functions/api/create-issue.ts').environment).not.toHaveProperty('STATE_MACHINE_ARN');
  });
});

describe('the tables', () => {
  it('are billed on demand with point-in-time recovery', () => {
    // Prepare
    const tables = [
      ...resourcesOfType(resources, 'AWS::DynamoDB::GlobalTable'),
      ...resourcesOfType(resources, 'AWS::DynamoDB::Table'),
    ];

    // Act
    const settings = tables.map(([id, table]) => {
      const properties = props(table);
      const replicas = asList(properties.Replicas as Record<string, unknown>[] | undefined);
      const pitr = [
        properties.PointInTimeRecoverySpecification,
        ...replicas.map((r) => r.PointInTimeRecoverySpecification),
      ].filter((spec) => spec !== undefined);
      return { id, billing: properties.BillingMode, pitr };
    });

    // Assess
    // Cases, registry and the audit trail.
    expect(settings).toHaveLength(3);
    for (const { id, billing, pitr } of settings) {
      expect(billing, id).toBe('PAY_PER_REQUEST');
      expect(pitr.length, id).toBeGreaterThan(0);
      expect(pitr, id).toEqual(pitr.map(() => ({ PointInTimeRecoveryEnabled: true })));
    }
  });

  it('give the cases table the keys-only casesByGrid, casesByCategory, casesByNumber and casesByStreet indexes and the expiresAt time to live', () => {
    // Prepare
    const casesId = referencedId(byEntry('functions/api/create-issue.ts').environment.CASES_TABLE);
    const cases = resources[casesId ?? ''];

    // Act
    const properties = cases ? props(cases) : {};

    // Assess
    expect(properties.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: 'casesByGrid',
        Projection: { ProjectionType: 'KEYS_ONLY' },
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
      }),
      expect.objectContaining({
        IndexName: 'casesByCategory',
        Projection: { ProjectionType: 'KEYS_ONLY' },
        KeySchema: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
      }),
      expect.objectContaining({
        IndexName: 'casesByNumber',
        Projection: { ProjectionType: 'KEYS_ONLY' },
        KeySchema: [{ AttributeName: 'caseNumber', KeyType: 'HASH' }],
      }),
      expect.objectContaining({
        IndexName: 'casesByStreet',
        Projection: { ProjectionType: 'KEYS_ONLY' },
        KeySchema: [
          { AttributeName: 'gsi3pk', KeyType: 'HASH' },
          { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
        ],
      }),
      expect.objectContaining({
        IndexName: 'casesByDepartment',
        Projection: { ProjectionType: 'KEYS_ONLY' },
        KeySchema: [
          { AttributeName: 'gsi4pk', KeyType: 'HASH' },
          { AttributeName: 'gsi4sk', KeyType: 'RANGE' },
        ],
      }),
    ]);
    expect(properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });
});

describe('physical names', () => {
  it('are never hard-coded', () => {
    // Prepare
    const named = ['TableName', 'FunctionName', 'StateMachineName', 'RoleName', 'LogGroupName', 'TopicName'];

    // Act
    const literal = Object.entries(resources).flatMap(([id, resource]) =>
      named
        .filter((name) => typeof props(resource)[name] === 'string')
        .map((name) => `${id}.${name} = ${String(props(resource)[name])}`),
    );

    // Assess
    expect(literal).toEqual([]);
  });
});

describe('access', () => {
  it('grants every function with CASES_TABLE DynamoDB access to that table', () => {
    // Prepare
    const users = functions.filter((fn) => 'CASES_TABLE' in fn.environment);

    // Act
    const withoutGrant = users
      .filter((fn) => {
        const tableId = referencedId(fn.environment.CASES_TABLE);
        return !tableId || !grants(statementsOfRole(resources, fn.roleId), tableId, 'dynamodb:');
      })
      .map((fn) => fn.entry);

    // Assess
    expect(users.map((fn) => fn.entry).sort()).toEqual(
      [...WORKFLOW_STEPS, ...STREAM_CONSUMERS, ...SCHEDULED, ...EXPORTER, ...ROUTE_HANDLERS]
        .filter(
          (entry) =>
            !/health|openapi|list-categories|list-grids|list-departments|suggest-addresses|resident-page|track-page|dashboard-page|workbench-page|asset|open311-services|workbench-audit/.test(
              entry,
            ),
        )
        .sort(),
    );
    expect(withoutGrant).toEqual([]);
  });

  it('grants every bound resource the access its variable stands for', () => {
    // Prepare
    const expectations: [string, string][] = [
      ['REGISTRY_TABLE', 'dynamodb:GetItem'],
      ['LINK_KEY_SECRET_ARN', 'secretsmanager:GetSecretValue'],
      ['STATE_MACHINE_ARN', 'states:StartExecution'],
    ];

    // Act
    const missing = functions.flatMap((fn) =>
      expectations
        .filter(([variable]) => variable in fn.environment)
        .filter(([variable, action]) => {
          const target = referencedId(fn.environment[variable]);
          return !target || !grants(statementsOfRole(resources, fn.roleId), target, action);
        })
        .map(([variable, action]) => `${fn.entry}: ${variable} without ${action}`),
    );

    // Assess
    expect(missing).toEqual([]);
  });

  it('gives the functions of GET routes no write access to the cases table', () => {
    // Prepare
    const readers = Object.entries(ROUTES)
      .filter(([route]) => route.startsWith('GET '))
      .map(([, entry]) => byEntry(entry));

    const casesId = referencedId(byEntry('functions/api/create-issue.ts').environment.CASES_TABLE) ?? '';

    // Act: a GET route may append to the audit trail (a contact view is recorded), or write items of its own
    // partitions that its grant names (an export job), never write a case.
    const writers = readers
      .filter((fn) =>
        statementsOfRole(resources, fn.roleId).some(
          (statement) =>
            referencedIds(statement.Resource).has(casesId) &&
            actionsOf(statement).some((action) => DYNAMODB_WRITES.includes(action)) &&
            !leadingKeysOnly(statement, 'EXPORT#'),
        ),
      )
      .map((fn) => fn.entry);

    // Assess
    expect(writers).toEqual([]);
  });

  it('lets only the functions that complete tasks send task responses, to the lifecycle only', () => {
    // Prepare
    const [[machineId] = []] = resourcesOfType(resources, 'AWS::StepFunctions::StateMachine');

    // Act
    const senders = functions
      .map((fn) => ({
        entry: fn.entry,
        statements: statementsOfRole(resources, fn.roleId).filter((statement) =>
          actionsOf(statement).some((action) => action.startsWith('states:SendTask')),
        ),
      }))
      .filter(({ statements }) => statements.length > 0);

    // Assess
    expect(senders.map(({ entry }) => entry).sort()).toEqual(TASK_COMPLETERS);
    for (const { entry, statements } of senders) {
      for (const statement of statements) {
        expect(referencedId(statement.Resource), entry).toBe(machineId);
      }
    }
  });

  it('has no IAM statement that allows every action, or every action of a service', () => {
    // Act
    const wildcards = allStatements(resources)
      .flatMap(actionsOf)
      .filter((action) => action === '*' || action.endsWith(':*'));

    // Assess
    expect(allStatements(resources).length).toBeGreaterThan(0);
    expect(wildcards).toEqual([]);
  });

  it('allows a resource of "*" only for log delivery', () => {
    // Act
    const unscoped = allStatements(resources)
      .filter((statement) => asList(statement.Resource as unknown).includes('*'))
      .flatMap(actionsOf)
      .filter((action) => !action.startsWith('logs:'));

    // Assess
    expect(unscoped).toEqual([]);
  });
});

describe('the HTTP API', () => {
  it('has exactly the API routes, each on a Lambda integration of its own handler', () => {
    // Prepare
    const routes = resourcesOfType(resources, 'AWS::ApiGatewayV2::Route');

    // Act
    const targets = Object.fromEntries(
      routes.map(([, route]) => {
        const integrationId = [...referencedIds(props(route).Target)][0] ?? '';
        const integration = resources[integrationId];
        const functionId = integration ? referencedId(props(integration).IntegrationUri) : undefined;
        const fn = functions.find((candidate) => candidate.id === functionId);
        return [props(route).RouteKey, { type: integration?.Type, entry: fn?.entry }];
      }),
    );

    // Assess
    expect(routes).toHaveLength(Object.keys(ROUTES).length);
    expect(targets).toEqual(
      Object.fromEntries(
        Object.entries(ROUTES).map(([route, entry]) => [
          route,
          { type: 'AWS::ApiGatewayV2::Integration', entry },
        ]),
      ),
    );
  });

  it('may invoke every function behind a route', () => {
    // Prepare
    const permissions = resourcesOfType(resources, 'AWS::Lambda::Permission').map(([, permission]) =>
      props(permission),
    );

    // Act
    const invocable = ROUTE_HANDLERS.filter((entry) =>
      permissions.some(
        (permission) =>
          permission.Action === 'lambda:InvokeFunction' &&
          permission.Principal === 'apigateway.amazonaws.com' &&
          referencedId(permission.FunctionName) === byEntry(entry).id,
      ),
    );

    // Assess
    expect(invocable).toEqual(ROUTE_HANDLERS);
  });
});

function states(): [string, State][] {
  return Object.entries(definition.States);
}

function tasks(): [string, State][] {
  return states().filter(([, state]) => state.Type === 'Task');
}

function callbackTasks(): [string, State][] {
  return tasks().filter(([, state]) => state.Resource?.endsWith('.waitForTaskToken'));
}

function state(name: string): State {
  const found = definition.States[name];
  if (!found) throw new Error(`No state ${name}`);
  return found;
}

describe('the stack', () => {
  it("stays well below CloudFormation's 500 resources per stack", () => {
    expect(Object.keys(resources).length).toBeLessThanOrEqual(450);
  });
});

describe('the lifecycle state machine', () => {
  it('is a Standard workflow, untraced, with logs that leave out execution data', () => {
    // Act
    const properties = props(machine);

    // Assess
    expect(properties.StateMachineType).toBe('STANDARD');
    expect(properties.TracingConfiguration).toEqual({ Enabled: false });
    expect(properties.LoggingConfiguration).toMatchObject({ IncludeExecutionData: false });
    expect((properties.LoggingConfiguration as { Destinations?: unknown[] }).Destinations).toHaveLength(1);
  });

  it('times the whole execution out within the one-year limit of a Standard workflow', () => {
    // Act
    const timeout = definition.TimeoutSeconds;

    // Assess
    expect(timeout).toBeGreaterThan(0);
    expect(timeout).toBeLessThanOrEqual(MAX_EXECUTION_SECONDS);
  });

  it('uses JSONPath only', () => {
    // Act
    const keys = keysOf(definition);

    // Assess
    for (const jsonata of ['QueryLanguage', 'Arguments', 'Output', 'Assign']) {
      expect(keys.has(jsonata), jsonata).toBe(false);
    }
  });

  it('names its states exactly as LifecycleStates does', () => {
    // Act: the co-handling Map's own states included.
    const nested = states().flatMap(([, each]) => Object.keys(each.ItemProcessor?.States ?? {}));
    const names = [...Object.keys(definition.States), ...nested].sort();

    // Assess
    expect(names).toEqual(Object.values(LifecycleStates).sort());
  });

  it('starts by offering the task and reaches every state from there', () => {
    // Prepare
    const reached = new Set<string>([definition.StartAt]);
    const queue = [definition.StartAt];

    // Act
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      for (const next of successors(state(name))) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }

    // Assess
    expect(definition.StartAt).toBe(LifecycleStates.OfferTask);
    expect([...reached].sort()).toEqual(Object.keys(definition.States).sort());
  });

  it('waits for a task token in exactly OfferTask and AwaitRating', () => {
    // Act
    const names = callbackTasks()
      .map(([name]) => name)
      .sort();

    // Assess
    expect(names).toEqual([LifecycleStates.AwaitRating, LifecycleStates.OfferTask]);
  });

  it('bounds every callback task with a timeout and hands it the task token', () => {
    // Act
    const callbacks = callbackTasks().map(([name, task]) => ({
      name,
      bounded: task.TimeoutSeconds !== undefined || task.TimeoutSecondsPath !== undefined,
      token: Object.entries((task.Parameters?.Payload ?? {}) as Record<string, unknown>).filter(
        ([key, value]) => key.endsWith('.$') && value === '$$.Task.Token',
      ),
    }));

    // Assess
    expect(callbacks).toHaveLength(2);
    for (const { name, bounded, token } of callbacks) {
      expect(bounded, name).toBe(true);
      expect(token, name).toHaveLength(1);
    }
  });

  it('takes the callback deadline from the step the previous settle chose', () => {
    // Act
    const paths = callbackTasks().map(([, task]) => task.TimeoutSecondsPath);

    // Assess
    expect(paths).toEqual(['$.step.timeoutSeconds', '$.step.timeoutSeconds']);
  });

  it('retries every task, but never on a timeout', () => {
    // Act
    const retries = tasks().map(([name, task]) => ({
      name,
      count: task.Retry?.length ?? 0,
      errors: (task.Retry ?? []).flatMap((retrier) => retrier.ErrorEquals),
    }));

    // Assess
    expect(retries).toHaveLength(4);
    for (const { name, count, errors } of retries) {
      expect(count, name).toBeGreaterThan(0);
      expect(errors, name).not.toContain('States.Timeout');
      expect(errors, name).not.toContain('States.ALL');
    }
  });

  it('fails at once, before the transient retries, on a business error a retry cannot mend', () => {
    // Act
    const orders = tasks().map(([name, task]) => {
      const retriers = task.Retry ?? [];
      const permanent = retriers.findIndex((retrier) => retrier.ErrorEquals.includes('NoAssigneeError'));
      const transient = retriers.findIndex((retrier) => retrier.ErrorEquals.includes('States.TaskFailed'));
      return { name, permanent, transient, retrier: retriers[permanent] };
    });

    // Assess
    for (const { name, permanent, transient, retrier } of orders) {
      expect(retrier, name).toEqual({ ErrorEquals: [...PERMANENT_STEP_ERRORS], MaxAttempts: 0 });
      expect(permanent, name).toBeLessThan(transient);
    }
  });

  it('settles a callback task that timed out, keeping the step, before any catch-all', () => {
    // Prepare
    const settles: Record<string, string> = {
      [LifecycleStates.OfferTask]: LifecycleStates.SettleTask,
      [LifecycleStates.AwaitRating]: LifecycleStates.SettleRating,
    };

    // Act
    const catches = callbackTasks().map(([name, task]) => {
      const catchers = task.Catch ?? [];
      const timeout = catchers.findIndex((catcher) => catcher.ErrorEquals.includes('States.Timeout'));
      const all = catchers.findIndex((catcher) => catcher.ErrorEquals.includes('States.ALL'));
      return { name, timeout, all, catcher: catchers[timeout] };
    });

    // Assess
    for (const { name, timeout, all, catcher } of catches) {
      expect(timeout, name).toBeGreaterThanOrEqual(0);
      expect(all === -1 || timeout < all, name).toBe(true);
      expect(catcher, name).toEqual({
        ErrorEquals: ['States.Timeout'],
        ResultPath: null,
        Next: settles[name],
      });
    }
  });

  it('sends a task that keeps failing to WorkflowFailed with the error kept apart from the step', () => {
    // Act
    const catchAlls = tasks().map(([name, task]) => ({
      name,
      catcher: (task.Catch ?? []).find((catcher) => catcher.ErrorEquals.includes('States.ALL')),
      last: (task.Catch ?? []).at(-1),
    }));

    // Assess
    for (const { name, catcher, last } of catchAlls) {
      expect(catcher, name).toEqual({
        ErrorEquals: ['States.ALL'],
        ResultPath: '$.failure',
        Next: 'WorkflowFailed',
      });
      expect(last, name).toBe(catcher);
    }
  });

  it('routes on the step the settle functions return', () => {
    // Prepare
    const choice = state(LifecycleStates.WhatNext);

    // Act
    const routes = (choice.Choices ?? []).map((rule) => [rule.Variable, rule.StringEquals, rule.Next]);

    // Assess
    expect(choice.Type).toBe('Choice');
    expect(routes).toEqual([
      ['$.step.next', 'offer', LifecycleStates.OfferTask],
      ['$.step.next', 'cohandle', LifecycleStates.CoHandle],
      ['$.step.next', 'rating', LifecycleStates.AwaitRating],
      ['$.step.next', 'continued', LifecycleStates.ContinuedInNewExecution],
    ]);
    expect(choice.Default).toBe(LifecycleStates.IssueClosed);
    expect(state(LifecycleStates.IssueClosed).Type).toBe('Succeed');
    expect(state(LifecycleStates.ContinuedInNewExecution).Type).toBe('Succeed');
  });

  it('waits for co-handlers side by side in a Map of callback tasks, each against its own deadline', () => {
    // Prepare
    const map = state(LifecycleStates.CoHandle);
    const entryOf = new Map(functions.map((fn) => [fn.id, fn.entry]));

    // Act
    const iteration = map.ItemProcessor?.States[LifecycleStates.AwaitCoHandler];
    const target = String(iteration?.Parameters?.FunctionName ?? '');
    const timeoutCatch = iteration?.Catch?.find((rule) => rule.ErrorEquals.includes('States.Timeout'));

    // Assess
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.step.coHandlers', ResultPath: null });
    expect(map.Next).toBe(LifecycleStates.SettleTask);
    expect(map.ItemSelector).toEqual({ 'issueId.$': '$.issueId', 'coHandler.$': '$$.Map.Item.Value' });
    expect(map.ItemProcessor?.StartAt).toBe(LifecycleStates.AwaitCoHandler);
    expect(iteration).toMatchObject({
      Resource: expect.stringMatching(/waitForTaskToken$/),
      TimeoutSecondsPath: '$.coHandler.timeoutSeconds',
      End: true,
    });
    expect(iteration?.Parameters?.Payload).toMatchObject({ 'taskToken.$': '$$.Task.Token' });
    expect(entryOf.get(/^\{\{(.+)\}\}$/.exec(target)?.[1] ?? '')).toBe('functions/workflow/offer-task.ts');
    expect(timeoutCatch?.Next).toBe(LifecycleStates.CoHandlerOverdue);
    expect(map.Catch?.map((rule) => rule.Next)).toEqual([LifecycleStates.WorkflowFailed]);
  });

  it('lets SettleTask start a fresh execution of the lifecycle, named in the execution context', () => {
    // Prepare
    const settle = state(LifecycleStates.SettleTask);

    // Act: the function is invoked directly (its response is the step), so the parameters are its payload.
    const payload = settle.Parameters;

    // Assess
    expect(payload).toMatchObject({
      'stateMachineArn.$': '$$.StateMachine.Id',
      'round.$': '$.step.round',
      'ended.$': '$.step.next',
    });
  });

  it('invokes, in each task, the function of the same name', () => {
    // Prepare
    const entryOf = new Map(functions.map((fn) => [fn.id, fn.entry]));
    const expected: Record<string, string> = {
      [LifecycleStates.OfferTask]: 'functions/workflow/offer-task.ts',
      [LifecycleStates.SettleTask]: 'functions/workflow/settle-task.ts',
      [LifecycleStates.AwaitRating]: 'functions/workflow/await-rating.ts',
      [LifecycleStates.SettleRating]: 'functions/workflow/settle-rating.ts',
    };

    // Act
    const invoked = Object.fromEntries(
      tasks().map(([name, task]) => {
        const target = String(task.Parameters?.FunctionName ?? task.Resource ?? '');
        const id = /^\{\{(.+)\}\}$/.exec(target)?.[1] ?? '';
        return [name, entryOf.get(id)];
      }),
    );

    // Assess
    expect(invoked).toEqual(expected);
  });
});
