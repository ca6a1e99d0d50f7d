// Photos end to end over real HTTP: presigned uploads to the local S3 server from the template's bucket, the
// attach route's checks, the views; and every bad input refused with a problem and nothing left behind.
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUploadId } from '#domain/photos.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

let system: TestGridwork;
let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '60' });
  const runtime = system.gridwork.runtime;
  s3 = new S3Client({
    endpoint: runtime.s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  bucket = Object.values(runtime.functionEnv).find((env) => env.PHOTOS_BUCKET)?.PHOTOS_BUCKET ?? '';
});

afterAll(async () => {
  s3?.destroy();
  await system?.stop();
});

/** A JPEG as a phone writes it: with EXIF, including where it was taken. */
function phonePhoto(width = 1200, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .withExif({
      IFD0: { Make: 'Gridphone', Model: 'G1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '27/1 50/1 1234/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '113/1 9/1 0/1',
      },
    })
    .jpeg()
    .toBuffer();
}

async function newCase(gridId = 'g-070') {
  const receipt = await system.api.report({
    category: 'sanitation',
    description: '下水道堵塞，污水外溢',
    location: { gridId },
  });
  expect(receipt.status).toBe(201);
  return receipt.body;
}

interface Upload {
  uploadId: string;
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function askUpload(base: string, headers: Record<string, string>, body: Record<string, unknown>) {
  return system.api.request<Upload & { type?: string }>('POST', `${base}/photo-uploads`, {
    json: body,
    headers,
  });
}

/** The browser's part: the form fields, then the file, posted straight to the bucket. */
async function postToBucket(upload: Pick<Upload, 'url' | 'fields'>, bytes: Uint8Array, name = 'photo.jpg') {
  const form = new FormData();
  for (const [field, value] of Object.entries(upload.fields)) form.append(field, value);
  form.append('file', new Blob([bytes]), name);
  const response = await fetch(upload.url, { method: 'POST', body: form });
  return { status: response.status, text: await response.text() };
}

function attach(base: string, headers: Record<string, string>, uploadId: string, kind = 'report') {
  return system.api.request<Record<string, unknown>>('POST', `${base}/photos`, {
    json: { uploadId, kind },
    headers,
  });
}

async function uploaded(base: string, headers: Record<string, string>, bytes: Uint8Array, kind = 'report') {
  const asked = await askUpload(base, headers, { kind, contentType: 'image/jpeg', size: bytes.length });
  expect(asked.status).toBe(201);
  expect((await postToBucket(asked.body, bytes)).status).toBe(204);
  return asked.body;
}

/** Which of the keys the bucket holds. */
async function stored(...keys: string[]): Promise<string[]> {
  const found = await Promise.all(
    keys.map((key) =>
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
        () => key,
        () => undefined,
      ),
    ),
  );
  return found.filter((key) => key !== undefined);
}

/** Every copy an upload may leave: the upload itself, the photo and its thumbnail. */
const copiesOf = (issueId: string, uploadId: string) => [
  `uploads/${issueId}/${uploadId}`,
  `photos/${issueId}/${uploadId}.jpg`,
  `photos/${issueId}/${uploadId}-thumb.jpg`,
];

describe('a resident’s photo', () => {
  it('uploads straight to the bucket, attaches stripped of EXIF and GPS, and shows with a thumbnail', async () => {
    // Prepare
    const { id, trackingToken } = await newCase();
    const base = `/issues/${id}`;
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();

    // Act
    const upload = await uploaded(base, bearer(trackingToken), original);
    const attached = await attach(base, bearer(trackingToken), upload.uploadId);
    const view = await system.api.request<{ photos: Array<Record<string, string>> }>('GET', base);

    // Assess
    expect(upload.maxBytes).toBe(10 * 1024 * 1024);
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({ id: upload.uploadId, kind: 'report', width: 1200, height: 900 });
    expect(view.body.photos).toHaveLength(1);
    const [photo] = view.body.photos;
    const full = Buffer.from(await (await fetch(photo?.url ?? '')).arrayBuffer());
    const thumbnail = await fetch(photo?.thumbnailUrl ?? '');
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    const fullMeta = await sharp(full).metadata();
    expect(fullMeta).toMatchObject({ format: 'jpeg', width: 1200, height: 900 });
    expect(fullMeta.exif).toBeUndefined();
    expect(full.includes(Buffer.from('Gridphone'))).toBe(false);
    const thumbMeta = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect(thumbMeta).toMatchObject({ width: 320, height: 320 });
    expect(await stored(...copiesOf(id, upload.uploadId))).toEqual(copiesOf(id, upload.uploadId).slice(1));
  });
});

describe('bad photo input', () => {
  it('refuses a file that is not the image it claims to be, by its content, and deletes the upload', async () => {
    const { id, trackingToken } = await newCase();
    const base = `/issues/${id}`;
    const text = new TextEncoder().encode('#!/bin/sh\necho this is no photo\n');
    const upload = await uploaded(base, bearer(trackingToken), text);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const pngAsJpeg = await uploaded(base, bearer(trackingToken), png);

    const refused = await attach(base, bearer(trackingToken), upload.uploadId);
    const mislabelled = await attach(base, bearer(trackingToken), pngAsJpeg.uploadId);

    expect(refused.status).toBe(422);
    expect(refused.contentType).toBe('application/problem+json');
    expect(refused.body).toMatchObject({
      type: 'urn:problem:gridwork:photo-type',
      errors: [{ path: 'file', message: expect.stringContaining('checked by its content') }],
    });
    expect(mislabelled.body).toMatchObject({ status: 422, type: 'urn:problem:gridwork:photo-type' });
    expect(await stored(...copiesOf(id, upload.uploadId), ...copiesOf(id, pngAsJpeg.uploadId))).toEqual([]);
    expect((await system.api.request<{ photos: unknown[] }>('GET', base)).body.photos).toEqual([]);
  });

  it('refuses a declared size over the cap, and the bucket refuses an actual file over it', async () => {
    const { id, trackingToken } = await newCase();
    const base = `/issues/${id}`;

    const tooLarge = await askUpload(base, bearer(trackingToken), {
      kind: 'report',
      contentType: 'image/jpeg',
      size: 10 * 1024 * 1024 + 1,
    });
    const small = await askUpload(base, bearer(trackingToken), {
      kind: 'report',
      contentType: 'image/jpeg',
      size: 10,
    });
    const oversized = await postToBucket(small.body, new Uint8Array(10 * 1024 * 1024 + 1).fill(0xff));

    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body).toMatchObject({
      type: 'urn:problem:gridwork:photo-too-large',
      errors: [{ path: 'size' }],
    });
    expect(oversized.status).toBe(400);
    expect(oversized.text).toContain('EntityTooLarge');
    expect(await stored(...copiesOf(id, small.body.uploadId))).toEqual([]);
  });

  it('refuses a fourth photo, at the upload and at the attach', async () => {
    const { id, trackingToken } = await newCase();
    const base = `/issues/${id}`;
    const photo = await phonePhoto(64, 48);
    const uploads = [];
    for (let i = 0; i < 4; i++) uploads.push(await uploaded(base, bearer(trackingToken), photo));
    for (const upload of uploads.slice(0, 3)) {
      expect((await attach(base, bearer(trackingToken), upload.uploadId)).status).toBe(201);
    }

    const fourthUpload = await askUpload(base, bearer(trackingToken), {
      kind: 'report',
      contentType: 'image/jpeg',
      size: photo.length,
    });
    const fourthAttach = await attach(base, bearer(trackingToken), uploads[3]?.uploadId ?? '');

    expect(fourthUpload.status).toBe(409);
    expect(fourthUpload.body).toMatchObject({ type: 'urn:problem:gridwork:photo-limit' });
    expect(fourthAttach.status).toBe(409);
    expect(fourthAttach.body).toMatchObject({ type: 'urn:problem:gridwork:photo-limit' });
    expect(await stored(...uploads.flatMap((upload) => copiesOf(id, upload.uploadId)))).toEqual(
      uploads.slice(0, 3).flatMap((upload) => copiesOf(id, upload.uploadId).slice(1)),
    );
  });

  it('refuses an upload URL used again and an upload attached twice', async () => {
    const { id, trackingToken } = await newCase();
    const base = `/issues/${id}`;
    const photo = await phonePhoto(64, 48);
    const upload = await uploaded(base, bearer(trackingToken), photo);
    expect((await attach(base, bearer(trackingToken), upload.uploadId)).status).toBe(201);

    const again = await postToBucket(upload, photo);
    const reattached = await attach(base, bearer(trackingToken), upload.uploadId);

    // The bucket cannot tell a second POST of a valid form from the first; the case can.
    expect(again.status).toBe(204);
    expect(reattached.status).toBe(409);
    expect(reattached.body).toMatchObject({ type: 'urn:problem:gridwork:upload-used' });
    expect((await system.api.request<{ photos: unknown[] }>('GET', base)).body.photos).toHaveLength(1);
  });

  it('refuses an expired upload URL at the bucket, and an expired upload at the attach', async () => {
    const { id, trackingToken } = await newCase();
    const base = `/issues/${id}`;
    const key = `uploads/${id}/${newUploadId(new Date(Date.now() - 3_600_000))}`;
    const expiredForm = await createPresignedPost(s3, {
      Bucket: bucket,
      Key: key,
      Fields: { 'Content-Type': 'image/jpeg' },
      Conditions: [
        ['content-length-range', 1, 1000],
        ['eq', '$Content-Type', 'image/jpeg'],
      ],
      Expires: -60,
    });

    const late = await postToBucket(expiredForm, await phonePhoto(16, 16));
    const lateAttach = await attach(base, bearer(trackingToken), key.split('/').pop() ?? '');

    expect(late.status).toBe(403);
    expect(late.text).toContain('Policy expired');
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).rejects.toThrow();
    expect(lateAttach.status).toBe(410);
    expect(lateAttach.body).toMatchObject({ type: 'urn:problem:gridwork:upload-expired' });
  });

  it('refuses a form altered to store elsewhere or as another type', async () => {
    const { id, trackingToken } = await newCase();
    const asked = await askUpload(`/issues/${id}`, bearer(trackingToken), {
      kind: 'report',
      contentType: 'image/jpeg',
      size: 100,
    });
    const photo = await phonePhoto(16, 16);

    const elsewhere = await postToBucket(
      { ...asked.body, fields: { ...asked.body.fields, key: 'photos/x.jpg' } },
      photo,
    );
    const html = await postToBucket(
      { ...asked.body, fields: { ...asked.body.fields, 'Content-Type': 'text/html' } },
      photo,
    );

    expect([elsewhere.status, html.status]).toEqual([403, 403]);
    expect(await stored('photos/x.jpg', ...copiesOf(id, asked.body.uploadId))).toEqual([]);
  });

  it('refuses a photo attached to someone else’s case', async () => {
    const mine = await newCase();
    const theirs = await newCase();
    const upload = await uploaded(`/issues/${mine.id}`, bearer(mine.trackingToken), await phonePhoto(32, 32));

    const withMyToken = await attach(`/issues/${theirs.id}`, bearer(mine.trackingToken), upload.uploadId);
    const withTheirToken = await attach(
      `/issues/${theirs.id}`,
      bearer(theirs.trackingToken),
      upload.uploadId,
    );
    const noToken = await attach(`/issues/${theirs.id}`, {}, upload.uploadId);

    expect(withMyToken.status).toBe(403);
    expect(withTheirToken.status).toBe(404);
    expect(withTheirToken.body).toMatchObject({ type: 'urn:problem:gridwork:upload-not-found' });
    expect(noToken.status).toBe(401);
    expect(
      (await system.api.request<{ photos: unknown[] }>('GET', `/issues/${theirs.id}`)).body.photos,
    ).toEqual([]);
  });
});

describe('a worker’s photos', () => {
  it('attach before and after through the open link, and show on the link page; residents’ kinds are refused', async () => {
    const { id } = await newCase('g-071');
    const { link } = await system.api.waitForTaskLink(id);
    const base = new URL(link).pathname;
    const photo = await phonePhoto(200, 100);

    const before = await uploaded(base, {}, photo, 'before');
    const attached = await attach(base, {}, before.uploadId, 'before');
    const wrongKind = await askUpload(base, {}, { kind: 'report', contentType: 'image/jpeg', size: 10 });
    const page = await system.api.request<string>('GET', base);
    const json = await system.api.request<{ photos: unknown[] }>('GET', base, {
      headers: { accept: 'application/json' },
    });

    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({ kind: 'before', width: 200, height: 100 });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body).toMatchObject({ errors: [{ path: 'kind' }] });
    expect(page.body).toContain('<ul class="photos">');
    expect(page.headers.get('content-security-policy')).toContain(
      `img-src 'self' data: ${system.gridwork.runtime.s3Endpoint}`,
    );
    expect(json.body.photos).toHaveLength(1);
  });
});
