import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE_VARIABLE } from '#adapters/metrics-contract.ts';
import { ENTRY_METADATA_KEY, type NotifierChoice } from '#contract/template.ts';
import { BUNDLING } from '../bundling.ts';
import { nativeInstallCommand } from '../native-modules.ts';
import { unusedNotificationClients } from '../notification-clients.ts';
import { REPO_ROOT } from '../paths.ts';
import type { ChangeLimitSettings, LogLevel } from '../stage-config.ts';
import { metricsNamespace } from './metrics-namespace.ts';

// What the functions call on their tables (shared/adapters/dynamodb). No Scan: only the stats rebuild scans,
// and it runs with ops' credentials, not as a function.
const TABLE_READS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

export interface GridworkFunctionProps {
  /** The handler module, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly reservedConcurrentExecutions?: number;
  readonly logRetention?: logs.RetentionDays;
  /** The lowest level of the function's own log lines that Lambda keeps (default INFO). */
  readonly logLevel?: LogLevel;
  /** False where no CloudWatch reads the metric lines (the local stage): they would only crowd the console. */
  readonly metrics?: boolean;
  /** The stage's notification channels (bindNotifier): the bundle carries their SDK clients and no others. */
  readonly notifies?: NotifierChoice;
  /** Native packages (sharp) esbuild cannot bundle: installed beside the bundle for linux-arm64, as pinned. */
  readonly nativeModules?: readonly string[];
}

/**
 * The one way Gridwork defines a Lambda function: Node.js 22 on arm64, an ESM bundle with the AWS SDK clients
 * it uses bundled in (pinned, tree-shaken), JSON logs filtered by level, and a log group with retention. The
 * `bind…` methods set a variable and grant exactly the access it stands for, so neither happens without the other.
 */
export class GridworkFunction extends Construct {
  readonly function: NodejsFunction;
  private readonly notifies: NotifierChoice | undefined;

  constructor(scope: Construct, id: string, props: GridworkFunctionProps) {
    super(scope, id);
    this.notifies = props.notifies;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    // A role of its own instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    logGroup.grantWrite(role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}/${props.entry}`,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}/package-lock.json`,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      // No X-Ray. Tracing worth having means tracing every SDK call (Powertools Tracer), whose X-Ray SDK adds
      // ~124 KB to every bundle and, measured like the cold-start benchmark (on a busy machine), ~390 ms to
      // module init with tracing on. Request ids in the logs, the business metrics and Step Functions' own
      // execution history cover what traces showed.
      tracing: lambda.Tracing.DISABLED,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role,
      logGroup,
      // Lambda's own lines (START, REPORT) become JSON like the handlers' Powertools lines, and lines below
      // the level are dropped before they are stored.
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel ?? 'INFO'],
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        // One metric namespace per stage, so stages sharing an account keep their figures apart.
        [METRICS_NAMESPACE_VARIABLE]: metricsNamespace(this),
        ...(props.metrics === false ? { POWERTOOLS_METRICS_DISABLED: 'true' } : {}),
      },
      bundling: {
        ...BUNDLING,
        // OutputFormat is a string enum of esbuild's own format names.
        format: BUNDLING.format as OutputFormat,
        mainFields: [...BUNDLING.mainFields],
        // Bundle the SDK clients rather than use the runtime's copy: pinned versions and smaller cold starts.
        // A client no channel of the stage uses is never imported (~80 KB each): leave it out.
        externalModules: [...unusedNotificationClients(props.notifies), ...(props.nativeModules ?? [])],
        ...(props.nativeModules?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_input: string, output: string) => [
                  nativeInstallCommand(output, props.nativeModules ?? []),
                ],
              },
            }
          : {}),
      },
    });
    (this.function.node.defaultChild as lambda.CfnFunction).addMetadata(ENTRY_METADATA_KEY, props.entry);
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The functions run nodejs22.x, the Node.js major the tests, npm start and the bundles (target node22) ' +
        'run on (the pinned `node` package); nodejs24.x is newer and comes with that package, in this construct.',
    });
  }

  private setEnv(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }

  /** The stage's rating policy (scale, appeal window, re-invitation), for the functions that apply it. */
  bindRatingSettings(settings: Readonly<Record<string, string>>): this {
    for (const [name, value] of Object.entries(settings)) this.setEnv(name, value);
    return this;
  }

  bindCasesTable(table: ITableV2, access: 'read' | 'write'): this {
    table.grant(this.function, ...(access === 'read' ? TABLE_READS : [...TABLE_READS, ...TABLE_WRITES]));
    this.acknowledgeIndexGrant(table, "the cases table's own indexes (casesByGrid and the others)");
    return this.setEnv('CASES_TABLE', table.tableName);
  }

  bindRegistryTable(table: ITableV2): this {
    table.grant(this.function, ...TABLE_READS);
    return this.setEnv('REGISTRY_TABLE', table.tableName);
  }

  /**
   * The audit trail: `append` may only add entries (PutItem; the store's condition keeps an entry as first
   * written), `read` may only Query. No grant on this table ever includes an update or a delete.
   */
  bindAuditTrail(table: ITableV2, access: 'append' | 'read'): this {
    table.grant(this.function, access === 'append' ? 'dynamodb:PutItem' : 'dynamodb:Query');
    this.acknowledgeIndexGrant(table, "the audit trail's own index (auditByCase)");
    return this.setEnv('AUDIT_TABLE', table.tableName);
  }

  /** A table grant names the table's indexes too (`<arn>/index/*`), whichever the actions: cdk-nag is told so. */
  private acknowledgeIndexGrant(table: ITableV2, indexes: string): void {
    const tableId = Stack.of(this).getLogicalId(table.node.defaultChild as CfnElement);
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason: `The grant covers ${indexes} and nothing else.`,
    });
  }

  /** Lets the function start lifecycle executions. */
  bindWorkflowStarter(stateMachine: IStateMachine): this {
    stateMachine.grantStartExecution(this.function);
    return this.setEnv('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
  }

  /**
   * Lets the function complete the callback tasks of one state machine (states:SendTask*). The grant is a
   * policy of its own: in the role's default policy it would make the function wait for a state machine that
   * waits for the function.
   */
  bindTaskCompleter(stateMachine: IStateMachine): this {
    return this.policyOfItsOwn('CompleteTasks', stateMachine.stateMachineArn, [
      'states:SendTaskSuccess',
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
    ]);
  }

  /**
   * Lets a workflow step start a fresh execution of its own state machine, whose ARN it reads from the
   * execution's context; a policy of its own for the same reason as `bindTaskCompleter`.
   */
  bindWorkflowContinuation(stateMachine: IStateMachine): this {
    return this.policyOfItsOwn('ContinueWorkflow', stateMachine.stateMachineArn, ['states:StartExecution']);
  }

  /** A grant in a policy of its own rather than the role's default policy (see `bindTaskCompleter`). */
  private policyOfItsOwn(id: string, resource: string, actions: string[]): this {
    const role = this.function.role;
    if (!role) throw new Error(`${this.node.path} has no role to grant ${id} to`);
    new iam.Policy(this, id, {
      roles: [role],
      statements: [new iam.PolicyStatement({ actions, resources: [resource] })],
    });
    return this;
  }

  /**
   * Lets the function read the link key (again every five minutes, so a rotation needs no deploy); a new
   * `rotation` label replaces every such function at once.
   */
  bindLinkKey(secret: ISecret, rotation?: string): this {
    secret.grantRead(this.function);
    if (rotation) this.setEnv('LINK_KEY_ROTATION', rotation);
    return this.setEnv('LINK_KEY_SECRET_ARN', secret.secretArn);
  }

  /**
   * Lets the function send notifications through the stage's channels: the outbox needs the cases table
   * (bound separately); SMS and e-mail look people up in the registry (bound separately) and get the one
   * action they call. `outboxLinks` says whether an outbox keeps whole links (`full`, the local stage only) or where each led.
   */
  bindNotifier(
    notifier: NotifierChoice,
    emailFrom?: string,
    outboxLinks: 'full' | 'redacted' = 'redacted',
  ): this {
    if (this.notifies !== notifier)
      throw new Error(`${this.node.path}: construct it with notifies: '${notifier}' to bundle its clients`);
    const statements: iam.PolicyStatement[] = [];
    if (notifier.includes('sns-sms')) {
      // SNS authorizes a Publish to a phone number against no resource: "*" is the only resource it accepts.
      // Publishing to a topic or an endpoint names its ARN, so denying every SNS ARN leaves SMS alone.
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'SNS Publish to a phone number accepts no resource: AWS requires "*" (Publish to any SNS ARN is ' +
          'denied). No other action here has an unscoped resource.',
      });
      statements.push(
        new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }),
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          actions: ['sns:Publish'],
          resources: [`arn:${Stack.of(this).partition}:sns:*:*:*`],
        }),
      );
    }
    if (notifier.includes('ses-email')) {
      if (!emailFrom) throw new Error(`${this.node.path}: ses-email needs a sender address`);
      // SES checks the identity the mail is sent from: the address itself, or its verified domain.
      const identity = (name: string) =>
        Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: name });
      const domain = emailFrom.slice(emailFrom.lastIndexOf('@') + 1);
      statements.push(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [identity(emailFrom), identity(domain)],
        }),
      );
      this.setEnv('NOTIFY_EMAIL_FROM', emailFrom);
    }
    for (const statement of statements) this.function.addToRolePolicy(statement);
    if (notifier === 'outbox') this.setEnv('OUTBOX_LINKS', outboxLinks);
    return this.setEnv('NOTIFIER', notifier);
  }

  /**
   * The photo bucket: `attach` reads uploads, writes the cleaned copies and deletes what it refused; `view`
   * signs GET URLs (read); `origin` only names the bucket, for a page's Content-Security-Policy (signing a URL
   * needs no permission).
   */
  bindPhotoBucket(bucket: IBucket, access: 'attach' | 'view' | 'origin'): this {
    const objects = (prefix: string) => bucket.arnForObjects(`${prefix}/*`);
    const allow = (actions: string[], resources: string[]) =>
      this.function.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
    if (access === 'attach') {
      // A presigned POST is signed with the function's credentials, so they must be allowed the upload's put.
      allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], [objects('uploads'), objects('photos')]);
    }
    if (access === 'view') allow(['s3:GetObject'], [objects('photos')]);
    if (access !== 'origin') {
      const bucketId = Stack.of(this).getLogicalId(bucket.node.defaultChild as CfnElement);
      for (const prefix of access === 'attach' ? ['uploads', 'photos'] : ['photos']) {
        Validations.of(this).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}/*]`,
          reason: `Object keys under ${prefix}/ are made per case and upload at run time; the prefix is the scope.`,
        });
      }
    }
    return this.setEnv('PHOTOS_BUCKET', bucket.bucketName);
  }

  bindPublicUrl(url: string): this {
    return this.setEnv('PUBLIC_URL', url);
  }

  /** The stage's own deferral and pause limits; what it leaves unset keeps the district default. */
  bindChangeLimits(limits: ChangeLimitSettings | undefined): this {
    if (limits?.maxDeferrals !== undefined) this.setEnv('MAX_DEFERRALS', String(limits.maxDeferrals));
    if (limits?.maxDeferral) this.setEnv('MAX_DEFERRAL', limits.maxDeferral);
    if (limits?.maxPause) this.setEnv('MAX_PAUSE', limits.maxPause);
    return this;
  }
}
