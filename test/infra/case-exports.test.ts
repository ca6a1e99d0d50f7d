// The case-list exports as the synthesized template has them: a private bucket whose files expire, a job queue
// with a dead-letter queue ops are alarmed on, and grants that let each function do its one part.
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_MAX_RECEIVES, EXPORTER_TIMEOUT_SECONDS } from '#domain/case-export.ts';
import {
  actionsOf,
  bucketPolicyStatements,
  type IamStatement,
  type LambdaFunction,
  lambdaFunctions,
  props,
  type Resources,
  referencedId,
  referencedIds,
  resourcesOfType,
  statementsOfRole,
  synthesizeResources,
} from './template.ts';

let resources: Resources;
let functions: LambdaFunction[];
let bucketId: string;

const idOf = (prefix: string) => {
  const found = Object.keys(resources).find((id) => id.startsWith(prefix));
  if (!found) throw new Error(`no resource ${prefix}*`);
  return found;
};
const byEntry = (entry: string) => {
  const found = functions.find((fn) => fn.entry === entry);
  if (!found) throw new Error(`no function ${entry}`);
  return found;
};
/** A function's statements that name the exports bucket, as action lists by resource. */
const bucketGrants = (fn: LambdaFunction) =>
  statementsOfRole(resources, fn.roleId)
    .filter((statement) => referencedIds(statement.Resource).has(bucketId))
    .map((statement) => ({ actions: actionsOf(statement).sort(), resource: statement.Resource }));

beforeAll(() => {
  resources = synthesizeResources();
  functions = lambdaFunctions(resources);
  bucketId = idOf('ExportsFiles');
});

describe('the exports bucket', () => {
  it('is private, encrypted, reachable over TLS only, and forgets its files after a day', () => {
    // Prepare
    const bucket = props(resources[bucketId] ?? { Type: '' });
    const statements = bucketPolicyStatements(resources, bucketId);

    // Assess
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(bucket.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'ExpireExports',
          ExpirationInDays: 1,
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          Status: 'Enabled',
        },
      ],
    });
    expect(bucket.CorsConfiguration).toBeUndefined();
  });
});

describe('the export jobs', () => {
  it('run one message at a time from a queue that parks them after their tries, and ops are alarmed', () => {
    // Prepare
    const exporter = byEntry('functions/queue/export-cases.ts');
    const [, mapping] =
      resourcesOfType(resources, 'AWS::Lambda::EventSourceMapping').find(
        ([, m]) => referencedId(props(m).FunctionName) === exporter.id,
      ) ?? [];
    const alarms = resourcesOfType(resources, 'AWS::CloudWatch::Alarm').filter(([, alarm]) =>
      JSON.stringify(props(alarm).Dimensions ?? []).includes(idOf('ExportsParked')),
    );

    // Assess
    expect(props(resources[idOf('ExportsJobs')] ?? { Type: '' })).toMatchObject({
      VisibilityTimeout: EXPORTER_TIMEOUT_SECONDS + 60,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [idOf('ExportsParked'), 'Arn'] },
        maxReceiveCount: EXPORT_MAX_RECEIVES,
      },
    });
    expect(props(exporter.resource).Timeout).toBe(EXPORTER_TIMEOUT_SECONDS);
    expect(props(mapping ?? { Type: '' })).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [idOf('ExportsJobs'), 'Arn'] },
      BatchSize: 1,
    });
    expect(alarms).toHaveLength(1);
    expect(props(alarms[0]?.[1] ?? { Type: '' })).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      AlarmActions: [{ Ref: expect.stringMatching(/^OperationsAlarmTopic/) }],
    });
  });
});

describe('the grants on the exports bucket', () => {
  it('let the exporter only put export files, and the routes only read them (to sign download URLs)', () => {
    // Prepare
    const exporter = byEntry('functions/queue/export-cases.ts');
    const routes = byEntry('functions/api/workbench-exports.ts');
    const files = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/exports/*']] };
    const others = functions
      .filter((fn) => fn !== exporter && fn !== routes && bucketGrants(fn).length > 0)
      .map((fn) => fn.entry);

    // Assess
    expect(bucketGrants(exporter)).toEqual([
      { actions: ['s3:AbortMultipartUpload', 's3:PutObject'], resource: files },
    ]);
    expect(bucketGrants(routes)).toEqual([{ actions: ['s3:GetObject'], resource: files }]);
    expect(others).toEqual([]);
    expect(exporter.environment.EXPORTS_BUCKET).toEqual({ Ref: bucketId });
    expect(routes.environment.EXPORTS_BUCKET).toEqual({ Ref: bucketId });
  });

  it('let the routes write export items only, and only they send jobs', () => {
    // Prepare
    const routes = byEntry('functions/api/workbench-exports.ts');
    const casesId = referencedId(routes.environment.CASES_TABLE) ?? '';
    const writes = statementsOfRole(resources, routes.roleId).filter(
      (statement: IamStatement) =>
        referencedIds(statement.Resource).has(casesId) &&
        actionsOf(statement).some((action) => ['dynamodb:PutItem', 'dynamodb:UpdateItem'].includes(action)),
    );
    const senders = functions
      .filter((fn) =>
        statementsOfRole(resources, fn.roleId).some(
          (statement) =>
            actionsOf(statement).includes('sqs:SendMessage') &&
            referencedIds(statement.Resource).has(idOf('ExportsJobs')),
        ),
      )
      .map((fn) => fn.entry);

    // Assess
    expect(writes).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EXPORT#*'] } },
      }),
    ]);
    expect(casesId).toMatch(/^DataCases/);
    expect(senders).toEqual(['functions/api/workbench-exports.ts']);
  });
});
