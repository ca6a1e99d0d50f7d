import { ConcurrentUpdateError, IssueNotFoundError, TrackingTokenMismatchError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { isIssueId, trackingTokenMatches } from '#domain/links.ts';
import {
  ATTACH_GRACE_SECONDS,
  MAX_PHOTO_BYTES,
  newUploadId,
  type Photo,
  type PhotoKind,
  PhotoKindError,
  PhotoTooLargeError,
  type PhotoType,
  PhotoTypeError,
  photoKeys,
  requirePhotoRoom,
  sniffPhotoType,
  UPLOAD_TTL_SECONDS,
  UploadExpiredError,
  UploadNotFoundError,
  UploadUsedError,
  uploadExpiry,
  uploadKey,
  VIEW_TTL_SECONDS,
} from '#domain/photos.ts';
import { requireOpenTask } from '#domain/task-transitions.ts';
import type { PhotoStorage, StoredIssue } from '#ports';
import type { Deps } from './deps.ts';
import { findLinkedIssue } from './find-linked-issue.ts';

/** Who adds a photo: the resident with the tracking token, or the holder of an open resolve link. */
export type PhotoAuthor =
  | { readonly by: 'resident'; readonly issueId: string; readonly trackingToken: string }
  | { readonly by: 'worker'; readonly linkToken: string };

/** The kinds each author may add: residents show the problem, workers the work. */
const KINDS_OF = { resident: ['report'], worker: ['before', 'after'] } as const;

type PhotoDeps = Pick<Deps, 'issues' | 'keys' | 'clock' | 'wallClock' | 'photos'>;

/** The case an author may add photos to; a wrong token or a spent link is refused as on every other route. */
async function caseOf(deps: Omit<PhotoDeps, 'photos'>, author: PhotoAuthor): Promise<StoredIssue> {
  if (author.by === 'worker') {
    const { stored, seq } = await findLinkedIssue(deps, author.linkToken);
    requireOpenTask(stored.issue, seq, deps.clock.now().toISOString());
    return stored;
  }
  const stored = isIssueId(author.issueId) ? await deps.issues.get(author.issueId) : undefined;
  if (!stored) throw new IssueNotFoundError(author.issueId);
  if (!trackingTokenMatches(deps.keys.linkKey, author.issueId, author.trackingToken)) {
    throw new TrackingTokenMismatchError();
  }
  return stored;
}

function requireKind(author: PhotoAuthor, kind: PhotoKind): void {
  const allowed: readonly PhotoKind[] = KINDS_OF[author.by];
  if (!allowed.includes(kind)) throw new PhotoKindError(kind, allowed);
}

export interface UploadRequest {
  readonly kind: PhotoKind;
  readonly contentType: PhotoType;
  readonly size: number;
}

/**
 * A presigned POST for one photo: the bucket itself refuses another key, another type, an empty or oversized
 * file, and anything after the URL expires. Nothing is stored on the case until the upload is attached.
 */
export async function requestPhotoUpload(deps: PhotoDeps, author: PhotoAuthor, request: UploadRequest) {
  requireKind(author, request.kind);
  if (request.size > MAX_PHOTO_BYTES) throw new PhotoTooLargeError(request.size);
  const { issue } = await caseOf(deps, author);
  requirePhotoRoom(issue.photos ?? [], request.kind);
  // The bucket ends the presigned upload in real time, so its window is counted in real time too.
  const expiresAt = new Date(deps.wallClock.now().getTime() + UPLOAD_TTL_SECONDS * 1000);
  const uploadId = newUploadId(expiresAt);
  const form = await deps.photos.presignUpload(
    uploadKey(issue.id, uploadId),
    request.contentType,
    MAX_PHOTO_BYTES,
    UPLOAD_TTL_SECONDS,
  );
  return {
    uploadId,
    url: form.url,
    fields: form.fields,
    expiresAt: expiresAt.toISOString(),
    maxBytes: MAX_PHOTO_BYTES,
  };
}

const MAX_ATTEMPTS = 3;

/**
 * Checks an upload by its content, strips its metadata, makes the thumbnail and adds the photo to the case.
 * A refused upload is deleted; the case changes only when everything passed.
 */
export async function attachPhoto(
  deps: PhotoDeps & Pick<Deps, 'images'>,
  author: PhotoAuthor,
  request: { readonly uploadId: string; readonly kind: PhotoKind },
) {
  requireKind(author, request.kind);
  let stored = await caseOf(deps, author);
  const { id: issueId } = stored.issue;
  const expiry = uploadExpiry(request.uploadId);
  if (!expiry) throw new UploadNotFoundError();
  if ((stored.issue.photos ?? []).some((photo) => photo.id === request.uploadId)) {
    throw new UploadUsedError(request.uploadId);
  }
  const source = uploadKey(issueId, request.uploadId);
  const refuse = async (error: Error): Promise<never> => {
    await deps.photos.remove(source);
    throw error;
  };
  if (deps.wallClock.now().getTime() > expiry.getTime() + ATTACH_GRACE_SECONDS * 1000) {
    return refuse(new UploadExpiredError());
  }
  try {
    requirePhotoRoom(stored.issue.photos ?? [], request.kind);
  } catch (error) {
    return refuse(error as Error);
  }
  const upload = await deps.photos.read(source, MAX_PHOTO_BYTES).catch((error: unknown) => {
    if (error instanceof RangeError) return refuse(new PhotoTooLargeError(MAX_PHOTO_BYTES + 1));
    throw error;
  });
  if (!upload) throw new UploadNotFoundError();
  const sniffed = sniffPhotoType(upload.bytes);
  if (!sniffed || (upload.contentType && upload.contentType !== sniffed)) {
    return refuse(new PhotoTypeError(upload.contentType));
  }
  const cleaned = await deps.images.clean(upload.bytes);
  if (!cleaned) return refuse(new PhotoTypeError(upload.contentType));

  const keys = photoKeys(issueId, request.uploadId);
  await deps.photos.write(keys.full, cleaned.full, 'image/jpeg');
  await deps.photos.write(keys.thumbnail, cleaned.thumbnail, 'image/jpeg');
  const photo: Photo = {
    id: request.uploadId,
    kind: request.kind,
    at: deps.clock.now().toISOString(),
    width: cleaned.width,
    height: cleaned.height,
  };
  try {
    for (let attempt = 1; ; attempt++) {
      const photos = stored.issue.photos ?? [];
      if (photos.some((p) => p.id === photo.id)) throw new UploadUsedError(photo.id);
      requirePhotoRoom(photos, photo.kind);
      const next: Issue = {
        ...stored.issue,
        photos: [...photos, photo],
        updatedAt: photo.at,
        version: stored.issue.version + 1,
      };
      try {
        await deps.issues.save(next, stored.issue.version);
        break;
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError) || attempt >= MAX_ATTEMPTS) throw error;
        stored = await caseOf(deps, author);
      }
    }
  } catch (error) {
    // Not on the case: the copies go, so a refused photo leaves nothing anyone could be shown.
    await Promise.all([deps.photos.remove(keys.full), deps.photos.remove(keys.thumbnail)]);
    throw error;
  }
  await deps.photos.remove(source);
  return (await photoViews(deps.photos, issueId, [photo]))[0];
}

/** A photo as pages and clients see it: short-lived URLs of the cleaned photo and of its thumbnail. */
export interface PhotoView {
  readonly id: string;
  readonly kind: PhotoKind;
  readonly at: string;
  readonly width: number;
  readonly height: number;
  readonly url: string;
  readonly thumbnailUrl: string;
}

/** View URLs of a case's photos (the one function other interfaces, such as Open311's media_url, use). */
export function photoViews(
  storage: PhotoStorage,
  issueId: string,
  photos: readonly Photo[] = [],
): Promise<PhotoView[]> {
  return Promise.all(
    photos.map(async (photo) => {
      const keys = photoKeys(issueId, photo.id);
      const [url, thumbnailUrl] = await Promise.all([
        storage.viewUrl(keys.full, VIEW_TTL_SECONDS),
        storage.viewUrl(keys.thumbnail, VIEW_TTL_SECONDS),
      ]);
      return { ...photo, url, thumbnailUrl };
    }),
  );
}
