import { readSettings } from '#adapters/config.ts';
import { S3PhotoStorage } from '#adapters/s3/photo-storage.ts';
import type { PhotoStorage } from '#ports';

/** The photo bucket (PHOTOS_BUCKET). */
export const photos = (): PhotoStorage => new S3PhotoStorage(readSettings(['PHOTOS_BUCKET']).PHOTOS_BUCKET);

/**
 * The origin of the bucket's presigned URLs, for the pages' Content-Security-Policy: taken from a URL the SDK
 * signs (no request is made), so it is right wherever the SDK's endpoint settings point.
 */
export const photoOrigin = async (): Promise<string> => new URL(await photos().viewUrl('origin', 60)).origin;
