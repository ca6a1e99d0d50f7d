// @20minutes/s3rver (the maintained fork of s3rver) ships CommonJS without type declarations; this covers the
// part the local runtime uses.
declare module '@20minutes/s3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    /** Where buckets and objects are kept, as plain files. */
    directory?: string;
    silent?: boolean;
    /** Buckets created (or kept) at start, with their configurations as S3's XML documents. */
    configureBuckets?: Array<{ name: string; configs?: string[] }>;
    /** Answer `bucket.localhost` host names too; off: requests name the bucket in the path. */
    vhostBuckets?: boolean;
  }

  class S3rver {
    constructor(options?: S3rverOptions);
    /** Creates the configured buckets and applies their configurations. */
    configureBuckets(): Promise<void>;
    /** The request handler, for a server of one's own. */
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
  export = S3rver;
}

declare module '@20minutes/s3rver/lib/models/account.js' {
  interface AwsAccount {
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  }
  const Account: { DUMMY_ACCOUNT: AwsAccount };
  export default Account;
}
