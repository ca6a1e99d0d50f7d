// Photos of a case: what may be uploaded, how many, and where each copy lives in the bucket. Pure rules; the
// bucket and the image library are behind the PhotoStorage and ImageProcessor ports.
import { randomBytes } from 'node:crypto';
import { DomainError } from './errors.ts';

/** Who took a photo and when: the resident with the report, the worker before and after the work. */
export const PHOTO_KINDS = ['report', 'before', 'after'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** The image types a phone's camera or gallery gives; checked again by content when the photo is attached. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** At most this many photos of each kind on one case. */
export const MAX_PHOTOS_PER_KIND = 3;
/** 10 MB: a full-resolution phone photo fits; a video renamed .jpg does not. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** How long a presigned upload is valid: long enough for a slow phone connection, short enough to be useless later. */
export const UPLOAD_TTL_SECONDS = 300;
/** An upload may be attached this long after its URL expired (the upload itself started before). */
export const ATTACH_GRACE_SECONDS = 600;
/** How long a presigned view URL works: a page refreshes them every time it loads the case. */
export const VIEW_TTL_SECONDS = 900;

/** A photo attached to a case. Its id is the id of the upload it came from, so an upload attaches once. */
export interface Photo {
  readonly id: string;
  readonly kind: PhotoKind;
  readonly at: string;
  readonly width: number;
  readonly height: number;
}

const UPLOAD_ID = /^([0-9a-z]{1,12})-([A-Za-z0-9_-]{22})$/;

/** A new upload id: its expiry (seconds, base 36) and 128 random bits. The bucket key binds it to one case. */
export function newUploadId(expiresAt: Date): string {
  return `${Math.floor(expiresAt.getTime() / 1000).toString(36)}-${randomBytes(16).toString('base64url')}`;
}

/** When an upload id's presigned URL expires, or undefined when the id is not one of ours. */
export function uploadExpiry(uploadId: string): Date | undefined {
  const match = UPLOAD_ID.exec(uploadId);
  return match ? new Date(Number.parseInt(match[1] as string, 36) * 1000) : undefined;
}

/** Where the browser uploads to; nothing there is shown to anyone until it is checked and attached. */
export function uploadKey(issueId: string, uploadId: string): string {
  return `uploads/${issueId}/${uploadId}`;
}

/** Where an attached photo and its thumbnail live (both re-encoded, without metadata). */
export function photoKeys(issueId: string, photoId: string): { full: string; thumbnail: string } {
  return { full: `photos/${issueId}/${photoId}.jpg`, thumbnail: `photos/${issueId}/${photoId}-thumb.jpg` };
}

/** The image type the bytes really are (by their magic numbers), whatever the name or declared type say. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | undefined {
  const at = (offset: number, ...expected: number[]) => expected.every((b, i) => bytes[offset + i] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}

/** The bytes are not an image of an accepted type, or not the type the upload declared. */
export class PhotoTypeError extends DomainError {
  constructor(readonly declared: string | undefined) {
    super(
      declared
        ? `The file is not a ${declared} image (checked by its content); send a JPEG, PNG or WebP photo.`
        : 'The file is not a JPEG, PNG or WebP image (checked by its content).',
    );
  }
}

/** The case already has its allowance of photos of this kind. */
export class PhotoLimitError extends DomainError {
  constructor(readonly kind: PhotoKind) {
    super(`A case takes at most ${MAX_PHOTOS_PER_KIND} photos of kind ${kind}.`);
  }
}

/** A kind of photo this author does not take (a resident's "after", a worker's "report"). */
export class PhotoKindError extends DomainError {
  constructor(
    readonly kind: string,
    readonly allowed: readonly PhotoKind[],
  ) {
    super(`Photos of kind ${kind} are not taken here; allowed: ${allowed.join(', ')}`);
  }
}

/** An upload over the size cap. */
export class PhotoTooLargeError extends DomainError {
  constructor(readonly bytes: number) {
    super(`The photo is ${bytes} bytes; at most ${MAX_PHOTO_BYTES} are accepted.`);
  }
}

/** No upload with this id for this case: never issued, never finished, or issued for another case. */
export class UploadNotFoundError extends DomainError {
  constructor() {
    super('No finished upload with this id belongs to this case.');
  }
}

/** The upload was already attached; each upload URL gives one photo. */
export class UploadUsedError extends DomainError {
  constructor(readonly photoId: string) {
    super('This upload was already attached.');
  }
}

/** The upload's URL expired too long ago to attach what was sent with it. */
export class UploadExpiredError extends DomainError {
  constructor() {
    super('This upload expired; ask for a new upload URL.');
  }
}

/** Throws when a case may not take another photo of `kind`. */
export function requirePhotoRoom(photos: readonly Photo[], kind: PhotoKind): void {
  if (photos.filter((photo) => photo.kind === kind).length >= MAX_PHOTOS_PER_KIND) {
    throw new PhotoLimitError(kind);
  }
}
