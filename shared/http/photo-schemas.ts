// The photo routes' request bodies (shared/use-cases/photos.ts says what happens with them).
import * as z from 'zod';
import { PHOTO_KINDS, PHOTO_TYPES } from '#domain/photos.ts';

export const photoUploadBody = z.strictObject({
  kind: z.enum(PHOTO_KINDS).meta({ description: 'report (residents); before or after (workers)' }),
  contentType: z.enum(PHOTO_TYPES),
  size: z.number().int().positive().meta({ description: 'Bytes; at most 10 MiB' }),
});

export const photoAttachBody = z.strictObject({
  uploadId: z.string().min(1).max(64),
  kind: z.enum(PHOTO_KINDS),
});
