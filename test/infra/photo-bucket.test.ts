// The photo bucket and the function behind the photo routes, as the synthesized template has them.
import { beforeAll, describe, expect, it } from 'vitest';
import { nativeInstallCommand } from '#infra/native-modules.ts';
import {
  bucketPolicyStatements,
  props,
  type Resources,
  referencedIds,
  resourcesOfType,
  synthesizeStage,
} from './template.ts';

let resources: Resources;
let bucketId: string;

beforeAll(() => {
  resources = synthesizeStage({ photoRetentionDays: '400' }).template.Resources;
  const buckets = resourcesOfType(resources, 'AWS::S3::Bucket').filter(([id]) => id.startsWith('PhotoStore'));
  expect(buckets).toHaveLength(1);
  bucketId = buckets[0]?.[0] ?? '';
});

describe('the photo bucket', () => {
  it('is private, encrypted and reachable over TLS only', () => {
    const bucket = props(resources[bucketId] ?? { Type: '' });

    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    const statements = bucketPolicyStatements(resources, bucketId);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('deletes unattached uploads after a day and photos after the stage’s retention, via cheaper storage', () => {
    const rules = (props(resources[bucketId] ?? { Type: '' }).LifecycleConfiguration as { Rules: unknown[] })
      .Rules;

    expect(rules).toEqual([
      expect.objectContaining({
        Id: 'UnattachedUploads',
        Prefix: 'uploads/',
        ExpirationInDays: 1,
        Status: 'Enabled',
      }),
      expect.objectContaining({
        Id: 'CasePhotos',
        Prefix: 'photos/',
        ExpirationInDays: 400,
        Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
      }),
    ]);
  });

  it('lets pages of the API’s origin post uploads and read photos from the browser', () => {
    const cors = props(resources[bucketId] ?? { Type: '' }).CorsConfiguration as {
      CorsRules: Array<Record<string, unknown>>;
    };

    expect(cors.CorsRules).toHaveLength(1);
    expect(cors.CorsRules[0]).toMatchObject({ AllowedMethods: ['POST', 'GET'], AllowedHeaders: ['*'] });
    expect(JSON.stringify(cors.CorsRules[0]?.AllowedOrigins)).toContain('ApiEndpoint');
  });
});

describe('the Photos function', () => {
  it('has the memory to decode photos, and may touch only the uploads and photos prefixes', () => {
    const [, fn] =
      resourcesOfType(resources, 'AWS::Lambda::Function').find(
        ([, candidate]) => candidate.Metadata?.['gridwork:entry'] === 'functions/api/photos.ts',
      ) ?? [];
    const policies = resourcesOfType(resources, 'AWS::IAM::Policy').filter(([, policy]) =>
      referencedIds(props(policy).Roles).has(
        String(
          referencedIds(props(fn ?? { Type: '' }).Role)
            .values()
            .next().value,
        ),
      ),
    );
    const s3Statements = policies
      .flatMap(
        ([, policy]) =>
          (props(policy).PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement,
      )
      .filter((statement) => JSON.stringify(statement.Action).includes('s3:'));

    expect(props(fn ?? { Type: '' }).MemorySize).toBe(1024);
    expect(s3Statements).toHaveLength(1);
    expect(s3Statements[0]?.Action).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    const granted = JSON.stringify(s3Statements[0]?.Resource);
    expect(granted).toContain('/uploads/*');
    expect(granted).toContain('/photos/*');
    expect(granted.match(/\/[a-z]+\/\*/g)?.sort()).toEqual(['/photos/*', '/uploads/*']);
  });

  it('installs sharp for Lambda’s platform at the version package.json pins', () => {
    expect(nativeInstallCommand('/out', ['sharp'])).toBe(
      'npm install --no-save --no-package-lock --omit=dev --os=linux --cpu=arm64 --libc=glibc --prefix "/out" sharp@0.35.5',
    );
    expect(() => nativeInstallCommand('/out', ['left-pad'])).toThrow('left-pad is not a dependency');
  });
});
