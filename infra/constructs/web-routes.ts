import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, Mfa, StringAttribute, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { GridworkFunction, type GridworkFunctionProps } from './gridwork-function.ts';
import type { IntakeWiring } from './intake-wiring.ts';

export interface WebRoutesProps {
  readonly api: HttpApi;
  readonly cases: ITableV2;
  readonly registry: ITableV2;
  /** An external OpenID Connect issuer for the dashboard; without one the stack creates a Cognito user pool. */
  readonly dashboardIdentity?: { readonly issuer: string; readonly audience: readonly string[] } | undefined;
  /** Whether the Cognito client also accepts a bare password (USER_PASSWORD_AUTH); SRP only otherwise. */
  readonly dashboardPasswordAuth?: boolean;
  /** The stage's settings every function shares (log level, metrics). */
  readonly functionDefaults: Pick<GridworkFunctionProps, 'logLevel' | 'metrics'>;
  /** The photo bucket, whose origin the resident and tracking pages allow in their Content-Security-Policy. */
  readonly photos: IBucket;
  /** The stage's rating settings: the tracking page's form shows the configured scale. */
  readonly ratingSettings?: Readonly<Record<string, string>> | undefined;
  /** What a signed-in grid worker's report needs; a report for a resident texts them their tracking link. */
  readonly intake: IntakeWiring;
}

/**
 * The web pages (resident, tracking, supervisor dashboard), the script modules they load, and the dashboard's
 * read routes behind a JWT authorizer: a Cognito user pool of supervisors, or an external OpenID Connect issuer
 * where a stage names one (Cognito user pools are not offered in the China regions). The approval-link page
 * stays with the task routes.
 */
export class WebRoutes extends Construct {
  /** Who may call the supervisors' routes (dashboard, workbench): the stage's JWT authorizer. */
  readonly supervisorAuthorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: WebRoutesProps) {
    super(scope, id);
    const { api, cases, registry, intake } = props;
    const authorizer = props.dashboardIdentity
      ? new HttpJwtAuthorizer('SupervisorJwt', props.dashboardIdentity.issuer, {
          jwtAudience: [...props.dashboardIdentity.audience],
        })
      : this.cognitoAuthorizer(props.dashboardPasswordAuth ?? false);
    this.supervisorAuthorizer = authorizer;

    const route = (
      name: string,
      path: string,
      handler: GridworkFunction,
      secured = false,
      method: HttpMethod = HttpMethod.GET,
    ) =>
      api.addRoutes({
        path,
        methods: [method],
        integration: new HttpLambdaIntegration(`${name}Integration`, handler.function),
        ...(secured ? { authorizer } : {}),
      });
    const fn = (
      name: string,
      entry: string,
      description: string,
      extra: Partial<GridworkFunctionProps> = {},
    ) => new GridworkFunction(this, name, { entry, description, ...props.functionDefaults, ...extra });

    // The pages name the categories, which are registry data.
    route(
      'ResidentPage',
      '/',
      fn('ResidentPage', 'functions/api/resident-page.ts', 'GET /')
        .bindRegistryTable(registry)
        .bindPhotoBucket(props.photos, 'origin'),
    );
    route(
      'TrackPage',
      '/track/{id}',
      fn('TrackPage', 'functions/api/track-page.ts', 'GET /track/{id}')
        .bindRatingSettings(props.ratingSettings ?? {})
        .bindRegistryTable(registry)
        .bindPhotoBucket(props.photos, 'origin'),
    );
    // The dashboard's shell and its printable monthly report's: one function, two routes.
    const dashboardPage = fn(
      'DashboardPage',
      'functions/api/dashboard-page.ts',
      'GET /dashboard',
    ).bindRegistryTable(registry);
    route('DashboardPage', '/dashboard', dashboardPage);
    api.addRoutes({
      path: '/dashboard/report',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('DashboardReportPageIntegration', dashboardPage.function),
    });
    route(
      'WorkbenchPage',
      '/workbench',
      fn('WorkbenchPage', 'functions/api/workbench-page.ts', 'GET /workbench').bindRegistryTable(registry),
    );
    // Its bundle carries the page modules, built before any function is bundled (shared/http/pages/build-scripts.ts).
    route('Asset', '/assets/{name}', fn('Asset', 'functions/api/asset.ts', 'GET /assets/{name}'));
    route(
      'DashboardFigures',
      '/dashboard/api/figures',
      fn('DashboardFigures', 'functions/api/dashboard-figures.ts', 'GET /dashboard/api/figures')
        .bindRegistryTable(registry)
        .bindCasesTable(cases, 'read'),
      true,
    );
    route(
      'DashboardOverdue',
      '/dashboard/api/overdue',
      fn('DashboardOverdue', 'functions/api/dashboard-overdue.ts', 'GET /dashboard/api/overdue')
        .bindRegistryTable(registry)
        .bindCasesTable(cases, 'read'),
      true,
    );
    route(
      'DashboardExport',
      '/dashboard/api/export.csv',
      fn('DashboardExport', 'functions/api/dashboard-export.ts', 'GET /dashboard/api/export.csv')
        .bindRegistryTable(registry)
        .bindCasesTable(cases, 'read'),
      true,
    );
    route(
      'DashboardDaily',
      '/dashboard/api/daily',
      fn('DashboardDaily', 'functions/api/dashboard-daily.ts', 'GET /dashboard/api/daily')
        .bindRegistryTable(registry)
        .bindCasesTable(cases, 'read'),
      true,
    );
    route(
      'DashboardReport',
      '/dashboard/api/report',
      fn('DashboardReport', 'functions/api/dashboard-report.ts', 'GET /dashboard/api/report')
        .bindRegistryTable(registry)
        .bindCasesTable(cases, 'read'),
      true,
    );
    route(
      'DashboardStats',
      '/dashboard/api/stats',
      fn('DashboardStats', 'functions/api/dashboard-stats.ts', 'GET /dashboard/api/stats')
        .bindRegistryTable(registry)
        .bindCasesTable(cases, 'read'),
      true,
    );
    // A grid worker's own reports (巡查上报, 即报即办, 代报), signed in like the supervisors.
    route(
      'WorkerCreateCase',
      '/worker/cases',
      fn('WorkerCreateCase', 'functions/api/worker-create-case.ts', 'POST /worker/cases', {
        notifies: intake.notifier.choice,
      })
        .bindCasesTable(cases, 'write')
        .bindRegistryTable(registry)
        .bindLinkKey(intake.linkKey, intake.linkKeyRotation)
        .bindPublicUrl(intake.publicUrl)
        .bindNotifier(intake.notifier.choice, intake.notifier.emailFrom, intake.notifier.outboxLinks),
      true,
      HttpMethod.POST,
    );
  }

  /** A user pool of supervisors and the authorizer that trusts its tokens. */
  private cognitoAuthorizer(passwordAuth: boolean): HttpJwtAuthorizer {
    // Supervisors are added by ops; nobody signs up.
    const pool = new UserPool(this, 'Supervisors', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // The person's registry id, which ID tokens carry as `custom:person` (read by principalOf). A grid worker
      // signs in with it set and a `unit:grid:<id>` group; supervisors need only their unit group.
      customAttributes: { person: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Threat protection needs the Plus plan (COG3, COG8), a cost for ops to choose per stage.
    for (const id of ['AwsSolutions-COG3', 'AwsSolutions-COG8']) {
      Validations.of(pool).acknowledge({
        id,
        reason:
          'A few dozen supervisors created by ops (no sign-up), strong passwords and required TOTP; ' +
          'threat protection (Plus plan) is left to each stage.',
      });
    }
    const client = pool.addClient('Dashboard', {
      // SRP never sends the password; a stage that needs USER_PASSWORD_AUTH (scripts, tests) asks for it.
      authFlows: { userSrp: true, userPassword: passwordAuth },
      generateSecret: false,
    });
    const authorizer = new HttpJwtAuthorizer(
      'SupervisorJwt',
      `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${pool.userPoolId}`,
      { jwtAudience: [client.userPoolClientId] },
    );
    new CfnOutput(this, 'SupervisorUserPoolId', { value: pool.userPoolId });
    new CfnOutput(this, 'DashboardClientId', { value: client.userPoolClientId });
    return authorizer;
  }
}
