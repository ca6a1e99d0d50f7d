import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportFiles } from '#domain/case-export.ts';

/** S3's smallest part but the last: what one part buffers. */
export const EXPORT_PART_BYTES = 5 * 1024 * 1024;
/** Parts in flight at once: memory stays near (this + 1) parts whatever the file's length. */
export const EXPORT_PARTS_IN_FLIGHT = 2;

/** The exports bucket on S3 (or on anything the SDK's endpoint settings point it to). */
export class S3ExportFiles implements ExportFiles {
  constructor(
    private readonly bucket: string,
    private readonly client: S3Client = new S3Client({}),
  ) {}

  async write(key: string, chunks: AsyncIterable<string>): Promise<void> {
    // A multipart upload fed by the stream: a part is sent once it is full, and the stream is read on only
    // while fewer than EXPORT_PARTS_IN_FLIGHT parts are on their way. A failure aborts the upload.
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: Readable.from(chunks, { objectMode: false }),
        ContentType: 'text/csv; charset=utf-8',
      },
      partSize: EXPORT_PART_BYTES,
      queueSize: EXPORT_PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  downloadUrl(key: string, fileName: string, ttlSeconds: number): Promise<string> {
    // RFC 6266: an ASCII fallback, and the UTF-8 name (Chinese) for every browser that reads filename*.
    const fallback = fileName.replace(/[^\w.-]+/g, '_');
    const disposition = `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
    return getSignedUrl(
      this.client,
      new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentDisposition: disposition }),
      { expiresIn: ttlSeconds },
    );
  }
}
