// The photo routes as the OpenAPI document describes them (./openapi-routes.ts lists them with the others).
import type { Operation } from './openapi-routes.ts';

/** The two photo routes of one author (resident or worker): ask for a presigned upload, then attach it. */
export function photoOperations(
  badBody: Readonly<Record<number, string>>,
  base: string,
  tag: Operation['tag'],
  access: Readonly<Record<number, string>>,
): Operation[] {
  const resident = base.startsWith('/issues');
  const common = {
    tag,
    ...(resident ? { auth: 'tracking' as const } : {}),
  };
  const conflict = access[409] ? `${access[409]} ` : '';
  return [
    {
      ...common,
      method: 'POST',
      path: `${base}/photo-uploads`,
      summary: resident
        ? 'A presigned upload for a photo of the report (kind `report`, at most 3)'
        : 'A presigned upload for a photo of the work (kind `before` or `after`, at most 3 each), while the resolve link is open',
      description:
        'POST the returned `fields` and then the file (`file`) as multipart/form-data to `url` within 5 minutes; ' +
        'the bucket refuses another type, more than `maxBytes` and a late upload. Then attach it.',
      body: { schema: 'PhotoUploadBody' },
      ok: { status: 201, description: 'Where and how to upload', json: 'PhotoUpload' },
      problems: {
        ...badBody,
        ...access,
        409: `${conflict}The case already has 3 photos of this kind (\`urn:problem:gridwork:photo-limit\`).`,
        415: 'The body is not `application/json`.',
        422: 'Invalid fields; a `size` over 10 MiB (`…:photo-too-large`); a kind this author does not take.',
      },
    },
    {
      ...common,
      method: 'POST',
      path: `${base}/photos`,
      summary: 'Attach an uploaded photo: checked by content, stripped of EXIF/GPS, re-encoded, thumbnailed',
      body: { schema: 'PhotoAttachBody' },
      ok: { status: 201, description: 'The photo as pages show it', json: 'PhotoView' },
      problems: {
        ...badBody,
        ...access,
        409:
          `${conflict}The upload was attached already (\`…:upload-used\`); the case has 3 photos of this kind ` +
          '(`…:photo-limit`).',
        410: `${access[410] ? `${access[410]} ` : ''}The upload URL expired over 10 minutes ago (\`…:upload-expired\`).`,
        415: 'The body is not `application/json`.',
        422: 'Invalid fields; the file is not a JPEG, PNG or WebP image by its content (`…:photo-type`).',
      },
    },
  ];
}
