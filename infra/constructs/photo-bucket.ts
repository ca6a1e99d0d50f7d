import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface PhotoBucketProps {
  /** Production keeps its photos when the stack is deleted. */
  readonly protectData: boolean;
  /** Days a photo is kept; the lifecycle deletes it then. */
  readonly retentionDays: number;
  /** The origins of the pages that upload from the browser (the API's public URL, other sites' origins). */
  readonly uploadOrigins: readonly string[];
}

/** Uploads not attached within a day are deleted: attaching happens minutes after the upload or never. */
export const UPLOAD_EXPIRY_DAYS = 1;
/** Photos are looked at while a case is open (days to weeks); after this they move to infrequent access. */
export const PHOTO_INFREQUENT_AFTER_DAYS = 30;

/**
 * The private bucket of case photos: browsers upload to `uploads/` with presigned POSTs and see `photos/` through
 * presigned GETs only. Nothing in it is public; every request is over TLS.
 */
export class PhotoBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: PhotoBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      cors: [
        {
          // The presigned POST of an upload, and the photos the pages show.
          allowedMethods: [HttpMethods.POST, HttpMethods.GET],
          allowedOrigins: [...props.uploadOrigins],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          id: 'UnattachedUploads',
          prefix: 'uploads/',
          expiration: Duration.days(UPLOAD_EXPIRY_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'CasePhotos',
          prefix: 'photos/',
          transitions: [
            {
              storageClass: StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(PHOTO_INFREQUENT_AFTER_DAYS),
            },
          ],
          expiration: Duration.days(props.retentionDays),
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would need a second bucket and log every thumbnail view; who attached a photo is in ' +
        'the case, and object-level CloudTrail data events can be enabled by ops where an audit asks for them.',
    });
  }
}
