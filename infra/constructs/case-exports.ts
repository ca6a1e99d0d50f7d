import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { caseKeys } from '#adapters/dynamodb/keys.ts';
import { EXPORT_MAX_RECEIVES, EXPORTER_TIMEOUT_SECONDS } from '#domain/case-export.ts';
import { GridworkFunction, type GridworkFunctionProps } from './gridwork-function.ts';

export interface CaseExportsProps {
  readonly api: HttpApi;
  /** The supervisors' JWT authorizer (WebRoutes). */
  readonly authorizer: HttpJwtAuthorizer;
  readonly cases: ITableV2;
  readonly registry: ITableV2;
  readonly audit: ITableV2;
  /** Production keeps the bucket when the stack is deleted (its files expire all the same). */
  readonly protectData: boolean;
  readonly functionDefaults: Pick<GridworkFunctionProps, 'logLevel' | 'metrics'>;
}

/** The partition keys of export items (`EXPORT#<id>`), as an IAM pattern. */
const EXPORT_KEYS = caseKeys.caseExport('*').pk;

/** Export files are fetched minutes after they are written; a day later they are deleted. */
export const EXPORT_EXPIRY_DAYS = 1;

/**
 * Case-list exports as jobs (docs/architecture.md, "Case-list exports"): a route records the job and queues it,
 * an exporter streams the file into a private bucket with a multipart upload, and the status route gives the
 * person who asked a short-lived download URL. The HTTP API cannot stream an answer, and a function's answer
 * is at most 6 MB: a bucket has neither limit.
 */
export class CaseExports extends Construct {
  readonly bucket: Bucket;
  readonly queue: Queue;
  readonly parked: Queue;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: CaseExportsProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      lifecycleRules: [
        {
          id: 'ExpireExports',
          expiration: Duration.days(EXPORT_EXPIRY_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Who exported what, under which filter, is in the audit trail; each file lives a day. Object-level ' +
        'CloudTrail data events can be enabled by ops where an audit asks for the downloads too.',
    });

    const secure = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
    this.parked = new Queue(this, 'Parked', { ...secure, retentionPeriod: Duration.days(14) });
    Validations.of(this.parked).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself where failed exports are parked; ops read and re-drive it.',
    });
    this.queue = new Queue(this, 'Jobs', {
      ...secure,
      // Longer than the exporter may run, so a running export's message is not delivered twice at once.
      visibilityTimeout: Duration.seconds(EXPORTER_TIMEOUT_SECONDS + 60),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.parked, maxReceiveCount: EXPORT_MAX_RECEIVES },
    });

    const fn = (name: string, entry: string, description: string, more?: Partial<GridworkFunctionProps>) =>
      new GridworkFunction(this, name, { entry, description, ...props.functionDefaults, ...more });
    const exporter = fn('Exporter', 'functions/queue/export-cases.ts', 'Writes case-list exports', {
      timeout: Duration.seconds(EXPORTER_TIMEOUT_SECONDS),
      // Memory holds the parts in flight (a few 5 MB parts) and a page of cases; it also buys CPU for the CSV.
      memorySize: 1024,
    })
      .bindCasesTable(props.cases, 'write')
      .bindRegistryTable(props.registry);
    this.grantObjects(exporter, ['s3:PutObject', 's3:AbortMultipartUpload']);
    exporter.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 1 }));

    const routes = fn('Routes', 'functions/api/workbench-exports.ts', 'Workbench case-list exports')
      .bindCasesTable(props.cases, 'read')
      // A department supervisor is checked against the registry (its handlers may not export).
      .bindRegistryTable(props.registry)
      .bindAuditTrail(props.audit, 'append');
    // The routes write export items only, never a case: the grant names their partition prefix.
    routes.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [props.cases.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [EXPORT_KEYS] } },
      }),
    );
    // Signing a download URL needs no call, but S3 checks the signer may read the object when it is used.
    this.grantObjects(routes, ['s3:GetObject']);
    this.queue.grantSendMessages(routes.function);
    routes.function.addEnvironment('EXPORT_QUEUE_URL', this.queue.queueUrl);
    const integration = new HttpLambdaIntegration('RoutesIntegration', routes.function);
    const { api, authorizer } = props;
    api.addRoutes({ path: '/workbench/api/exports', methods: [HttpMethod.POST], integration, authorizer });
    api.addRoutes({
      path: '/workbench/api/exports/{exportId}',
      methods: [HttpMethod.GET],
      integration,
      authorizer,
    });

    this.alarms = [
      new cloudwatch.Alarm(this, 'ExportsParked', {
        metric: this.parked.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        alarmDescription: 'Case-list exports failed on every try: see the exporter’s logs, then re-drive',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
  }

  /** `actions` on the export files only, and the bucket's name in EXPORTS_BUCKET. */
  private grantObjects(house: GridworkFunction, actions: string[]): void {
    house.function.addToRolePolicy(
      new iam.PolicyStatement({ actions, resources: [this.bucket.arnForObjects('exports/*')] }),
    );
    house.function.addEnvironment('EXPORTS_BUCKET', this.bucket.bucketName);
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(house).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/exports/*]`,
      reason: 'Export files are named per job at run time; the exports/ prefix of this bucket is the scope.',
    });
  }
}
