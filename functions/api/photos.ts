import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clock } from '#adapters/wiring/clock.ts';
import { images } from '#adapters/wiring/images.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { photos } from '#adapters/wiring/photos.ts';
import { wallClock } from '#adapters/wiring/wall-clock.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { photoAttachBody, photoUploadBody } from '#http/photo-schemas.ts';
import { HttpRequestError } from '#http/problem.ts';
import { parseJson } from '#http/request-body.ts';
import type { PhotoUploadAnswer } from '#http/response-schemas.ts';
import { jsonResponse } from '#http/responses.ts';
import { attachPhoto, type PhotoAuthor, requestPhotoUpload } from '#use-cases/photos.ts';

const deps = await createDeps({ issues, keys, clock, wallClock, photos, images });

function authorOf(event: APIGatewayProxyEventV2): PhotoAuthor {
  const { id, linkToken } = event.pathParameters ?? {};
  if (linkToken !== undefined) return { by: 'worker', linkToken };
  const trackingToken = /^Bearer\s+(\S+)$/i.exec(event.headers.authorization ?? '')?.[1];
  if (!trackingToken) {
    throw new HttpRequestError({
      status: 401,
      title: 'Unauthorized',
      detail: 'Send the tracking token as a Bearer token.',
    });
  }
  return { by: 'resident', issueId: id ?? '', trackingToken };
}

/**
 * The four photo routes in one function (they share the bucket, sharp and every dependency):
 * `POST …/photo-uploads` hands out a presigned upload, `POST …/photos` attaches what was uploaded; each under
 * `/issues/{id}` (the resident, with the tracking token) and `/tasks/{linkToken}` (the worker's open link).
 */
export const handler = apiHandler(async (event) => {
  const author = authorOf(event);
  if (event.routeKey.endsWith('/photo-uploads')) {
    const upload = await requestPhotoUpload(deps, author, parseJson(event, photoUploadBody));
    return jsonResponse(201, upload satisfies PhotoUploadAnswer);
  }
  return jsonResponse(201, await attachPhoto(deps, author, parseJson(event, photoAttachBody)));
});
