import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { IssueLifecycle } from '../workflows/issue-lifecycle.ts';
import { caseStreamReaders } from './case-stream.ts';
import { ContactRetention } from './constructs/contact-retention.ts';
import { DataTables } from './constructs/data-tables.ts';
import { ApiDistribution } from './constructs/edge-firewall.ts';
import { GridworkFunction, type GridworkFunctionProps } from './constructs/gridwork-function.ts';
import { GridworkHttpApi } from './constructs/http-api.ts';
import { GridworkOperations } from './constructs/operations.ts';
import { PhotoBucket } from './constructs/photo-bucket.ts';
import { WebRoutes } from './constructs/web-routes.ts';
import { acknowledgeAcceptedFindings } from './nag-suppressions.ts';
import { partnerDoors } from './partner-doors.ts';
import type { StageConfig } from './stage-config.ts';
import { supervisorsWorkbench } from './workbench.ts';

export interface GridworkStackProps extends StackProps {
  readonly config: StageConfig;
  /** A CLOUDFRONT web ACL (FirewallStack): the API is then reached through CloudFront, and links point there. */
  readonly webAclArn?: string | undefined;
}

/** Everything one stage of Gridwork runs on: tables, functions, the lifecycle workflow and the HTTP API. */
export class GridworkStack extends Stack {
  readonly tables: DataTables;
  readonly lifecycle: IssueLifecycle;
  readonly httpApi: GridworkHttpApi;
  readonly operations: GridworkOperations;
  readonly photos: PhotoBucket;

  constructor(scope: Construct, id: string, props: GridworkStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.tables = new DataTables(this, 'Data', { protectData: config.protectData });
    const { cases, registry } = this.tables;
    this.httpApi = new GridworkHttpApi(this, 'Http', {
      throttle: config.throttle,
      corsOrigins: config.corsOrigins,
    });
    const edge = props.webAclArn
      ? new ApiDistribution(this, 'Edge', { api: this.httpApi.api, webAclArn: props.webAclArn })
      : undefined;
    const publicUrl = edge?.url ?? this.httpApi.api.apiEndpoint;
    new CfnOutput(this, 'ApiUrl', {
      value: publicUrl,
      description: 'The base URL of the API and of every link sent',
    });
    new CfnOutput(this, 'RegistryTableName', {
      value: registry.tableName,
      description: 'Where `npm run registry:import -- <file> --table <name>` loads grids, units and people',
    });
    this.photos = new PhotoBucket(this, 'PhotoStore', {
      protectData: config.protectData,
      retentionDays: config.photoRetentionDays,
      uploadOrigins: [publicUrl, ...config.corsOrigins.filter((origin) => origin !== '*')],
    });
    const photoBucket = this.photos.bucket;
    const linkKey = new Secret(this, 'LinkKey', {
      description:
        'HMAC key of approval links and tracking tokens; rotating it invalidates outstanding links.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    const functionDefaults = { logLevel: config.logLevel, metrics: config.stage !== 'local' };
    const fn = (id: string, entry: string, description: string, more?: Partial<GridworkFunctionProps>) =>
      new GridworkFunction(this, id, { entry, description, ...functionDefaults, ...more });

    // The workflow's steps.
    const step = (id: string, file: string, description: string) =>
      fn(id, `functions/workflow/${file}.ts`, description, { notifies: config.notifier })
        .bindRatingSettings(config.ratingSettings)
        .bindCasesTable(cases, 'write')
        .bindRegistryTable(registry)
        .bindLinkKey(linkKey, config.linkKeyRotation)
        .bindPublicUrl(publicUrl)
        .bindNotifier(config.notifier, config.emailFrom, config.stage === 'local' ? 'full' : 'redacted');
    const offerTask = step('OfferTask', 'offer-task', 'Offers a task and sends its link');
    const settleTask = step('SettleTask', 'settle-task', 'Applies a decision or escalates');
    const awaitRating = step('AwaitRating', 'await-rating', 'Asks the resident to rate');
    const settleRating = step('SettleRating', 'settle-rating', 'Closes or reopens a case');

    this.lifecycle = new IssueLifecycle(this, 'Lifecycle', {
      functions: {
        offerTask: offerTask.function,
        settleTask: settleTask.function,
        awaitRating: awaitRating.function,
        settleRating: settleRating.function,
      },
    });
    const { stateMachine } = this.lifecycle;
    // A step wakes the workflow itself when it finds the decision already made (after a retry or restart).
    for (const callback of [offerTask, awaitRating]) callback.bindTaskCompleter(stateMachine);
    settleTask.bindWorkflowContinuation(stateMachine);

    // The cases' change stream: the figures, new cases taken up, partners' webhooks.
    const { counting, caseChanges, webhooks } = caseStreamReaders(this, {
      cases,
      registry,
      linkKey,
      linkKeyRotation: config.linkKeyRotation,
      stateMachine,
      fn,
    });

    // The API's routes.
    const api = this.httpApi;
    const route = (method: HttpMethod, path: string, handler: GridworkFunction) =>
      api.addRoute(handler.node.id, { method, path, handler });
    route(HttpMethod.GET, '/health', fn('Health', 'functions/api/health.ts', 'GET /health'));
    route(HttpMethod.GET, '/openapi.json', fn('OpenApi', 'functions/api/openapi.ts', 'GET /openapi.json'));
    route(
      HttpMethod.GET,
      '/categories',
      fn('ListCategories', 'functions/api/list-categories.ts', 'GET /categories').bindRegistryTable(registry),
    );
    route(
      HttpMethod.GET,
      '/grids',
      fn('ListGrids', 'functions/api/list-grids.ts', 'GET /grids').bindRegistryTable(registry),
    );
    route(
      HttpMethod.GET,
      '/departments',
      fn('ListDepartments', 'functions/api/list-departments.ts', 'GET /departments').bindRegistryTable(
        registry,
      ),
    );
    route(
      HttpMethod.GET,
      '/addresses',
      fn('SuggestAddresses', 'functions/api/suggest-addresses.ts', 'GET /addresses').bindRegistryTable(
        registry,
      ),
    );
    route(
      HttpMethod.POST,
      '/issues',
      fn('CreateIssue', 'functions/api/create-issue.ts', 'POST /issues', {
        reservedConcurrentExecutions: config.intakeConcurrency,
      })
        .bindCasesTable(cases, 'write')
        .bindRegistryTable(registry)
        .bindLinkKey(linkKey, config.linkKeyRotation),
    );
    route(
      HttpMethod.GET,
      '/issues/{id}',
      // The link key checks a resident's tracking token, which shows them the notes on their case.
      fn('GetIssue', 'functions/api/get-issue.ts', 'GET /issues/{id}')
        .bindCasesTable(cases, 'read')
        .bindRegistryTable(registry)
        .bindLinkKey(linkKey, config.linkKeyRotation)
        .bindPhotoBucket(photoBucket, 'view'),
    );
    route(
      HttpMethod.POST,
      '/issues/{id}/rating',
      fn('RateIssue', 'functions/api/rate-issue.ts', 'POST /issues/{id}/rating')
        .bindRatingSettings(config.ratingSettings)
        .bindCasesTable(cases, 'write')
        .bindLinkKey(linkKey, config.linkKeyRotation)
        .bindTaskCompleter(stateMachine),
    );
    route(
      HttpMethod.GET,
      '/tasks/{linkToken}',
      fn('ViewTask', 'functions/api/view-task.ts', 'GET /tasks/{linkToken}')
        .bindCasesTable(cases, 'read')
        .bindRegistryTable(registry)
        .bindLinkKey(linkKey, config.linkKeyRotation)
        .bindPhotoBucket(photoBucket, 'view'),
    );
    route(
      HttpMethod.POST,
      '/tasks/{linkToken}',
      // Deferral and pause requests send the approver a link of their own.
      fn('ActOnTask', 'functions/api/act-on-task.ts', 'POST /tasks/{linkToken}', {
        notifies: config.notifier,
      })
        .bindRatingSettings(config.ratingSettings)
        .bindCasesTable(cases, 'write')
        .bindRegistryTable(registry)
        .bindLinkKey(linkKey, config.linkKeyRotation)
        .bindPublicUrl(publicUrl)
        .bindNotifier(config.notifier, config.emailFrom, config.stage === 'local' ? 'full' : 'redacted')
        .bindTaskCompleter(stateMachine)
        .bindChangeLimits(config.changeLimits),
    );
    // One function behind the four photo routes: they share the bucket, sharp (a native module, ~9 MB on arm64)
    // and every other dependency, so one bundle and one integration serve them all.
    const photosFn = fn('Photos', 'functions/api/photos.ts', 'Photo uploads and attachments', {
      nativeModules: ['sharp'],
      // libvips decodes a 12 MP photo into ~36 MB per copy; memory also buys the CPU that re-encoding needs.
      memorySize: 1024,
      timeout: Duration.seconds(20),
    })
      .bindCasesTable(cases, 'write')
      .bindLinkKey(linkKey, config.linkKeyRotation)
      .bindPhotoBucket(photoBucket, 'attach');
    const photosIntegration = new HttpLambdaIntegration('PhotosIntegration', photosFn.function);
    for (const path of [
      '/issues/{id}/photo-uploads',
      '/issues/{id}/photos',
      '/tasks/{linkToken}/photo-uploads',
      '/tasks/{linkToken}/photos',
    ]) {
      api.api.addRoutes({ path, methods: [HttpMethod.POST], integration: photosIntegration });
    }
    route(
      HttpMethod.GET,
      '/stats',
      fn('GetStats', 'functions/api/get-stats.ts', 'GET /stats').bindCasesTable(cases, 'read'),
    );
    // What the doors (web, Open311, the hotline, a worker's report, the workbench) need to tell people.
    const intake = { linkKey, linkKeyRotation: config.linkKeyRotation, publicUrl };
    const notifier = {
      choice: config.notifier,
      emailFrom: config.emailFrom,
      outboxLinks: config.stage === 'local' ? ('full' as const) : ('redacted' as const),
    };
    const web = new WebRoutes(this, 'Web', {
      api: api.api,
      cases,
      registry,
      dashboardIdentity: config.dashboardIdentity,
      dashboardPasswordAuth: config.dashboardPasswordAuth,
      functionDefaults,
      photos: photoBucket,
      ratingSettings: config.ratingSettings,
      intake: { ...intake, notifier },
    });
    const workbench = supervisorsWorkbench(this, {
      api: api.api,
      authorizer: web.supervisorAuthorizer,
      cases,
      registry,
      audit: this.tables.audit,
      intake: { ...intake, notifier },
      stateMachine,
      changeLimits: config.changeLimits,
      protectData: config.protectData,
      functionDefaults,
    });
    partnerDoors(this, {
      api: api.api,
      cases,
      registry,
      photos: photoBucket,
      ...intake,
      notifier,
      intakeConcurrency: config.intakeConcurrency,
      functionDefaults,
    });
    // Residents' contacts erased a set time after their cases close, by a daily sweep.
    new ContactRetention(this, 'Retention', {
      cases,
      registry,
      linkKey,
      linkKeyRotation: config.linkKeyRotation,
      functionDefaults,
      retention: config.contactRetention,
    });

    this.operations = new GridworkOperations(this, 'Operations', {
      stateMachine,
      // Every house function in the stack, wherever it was defined, gets its alarms.
      functions: Object.fromEntries(
        this.node
          .findAll()
          .filter((node): node is GridworkFunction => node instanceof GridworkFunction)
          .map((house) => [house.node.path.split('/').slice(1).join(''), house.function]),
      ),
      api: api.api,
      tables: { Cases: cases, Registry: registry },
      countingFailures: counting.failedBatches,
      caseChangeFailures: caseChanges.failedBatches,
      alarmEmails: config.alarmEmails,
    });
    for (const alarm of [...webhooks.alarms, ...workbench.alarms])
      alarm.addAlarmAction(new SnsAction(this.operations.topic));
    acknowledgeAcceptedFindings({
      stateMachine,
      stepFunctions: [offerTask, settleTask, awaitRating, settleRating].map((step) => step.function),
      linkKey,
    });
  }
}
