// The photo rules without a network: what counts as an image, upload ids, the allowance per kind, the attach
// use-case over in-memory ports, and the local S3 server's policy check.

import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Issue } from '#domain/issue.ts';
import { trackingToken } from '#domain/links.ts';
import {
  MAX_PHOTOS_PER_KIND,
  newUploadId,
  type Photo,
  PhotoLimitError,
  requirePhotoRoom,
  sniffPhotoType,
  uploadExpiry,
  uploadKey,
} from '#domain/photos.ts';
import { postPolicyFailure } from '#local/runtime/s3-post-policy.ts';
import { FAKE_KEYS, FakeRegistry, fakeDeps } from '#test/support/fakes.ts';
import { attachPhoto, requestPhotoUpload } from '#use-cases/photos.ts';
import { reportedIssue } from './fixtures.ts';

const NOW = '2026-11-30T08:00:00.000Z';

describe('sniffPhotoType', () => {
  it('tells JPEG, PNG and WebP by their first bytes, whatever they are called', async () => {
    const image = sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } });

    expect(sniffPhotoType(await image.clone().jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffPhotoType(await image.clone().png().toBuffer())).toBe('image/png');
    expect(sniffPhotoType(await image.clone().webp().toBuffer())).toBe('image/webp');
    expect(sniffPhotoType(await image.clone().gif().toBuffer())).toBeUndefined();
    expect(
      sniffPhotoType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeUndefined();
    expect(
      sniffPhotoType(new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x41, 0x56, 0x49, 0x20])),
    ).toBeUndefined();
    expect(sniffPhotoType(new Uint8Array())).toBeUndefined();
  });
});

describe('upload ids', () => {
  it('carry their expiry to the second, and only ids of this shape are read', () => {
    const expires = new Date('2026-11-30T08:05:00.000Z');

    const id = newUploadId(expires);

    expect(uploadExpiry(id)).toEqual(expires);
    expect(newUploadId(expires)).not.toBe(id);
    expect(uploadExpiry('../../photos/x')).toBeUndefined();
    expect(uploadExpiry(`${id}/extra`)).toBeUndefined();
    expect(uploadKey('gw-aaaaaaaaaaaaaaaa', id)).toBe(`uploads/gw-aaaaaaaaaaaaaaaa/${id}`);
  });
});

describe('requirePhotoRoom', () => {
  it('allows three photos of each kind and refuses a fourth of the same kind', () => {
    const photo = (kind: Photo['kind'], n: number): Photo => ({
      id: `p${n}`,
      kind,
      at: NOW,
      width: 1,
      height: 1,
    });
    const three = [1, 2, 3].map((n) => photo('report', n));

    expect(MAX_PHOTOS_PER_KIND).toBe(3);
    expect(() => requirePhotoRoom(three.slice(0, 2), 'report')).not.toThrow();
    expect(() => requirePhotoRoom(three, 'before')).not.toThrow();
    expect(() => requirePhotoRoom(three, 'report')).toThrow(PhotoLimitError);
  });
});

async function setUp() {
  const deps = fakeDeps(new FakeRegistry(), NOW);
  const issue: Issue = reportedIssue();
  await deps.issues.create(issue);
  const author = {
    by: 'resident',
    issueId: issue.id,
    trackingToken: trackingToken(FAKE_KEYS.linkKey, issue.id),
  } as const;
  return { deps, issue, author };
}

describe('attachPhoto', () => {
  it('stores a cleaned copy and a thumbnail, adds the photo to the case and deletes the upload', async () => {
    const { deps, issue, author } = await setUp();
    const upload = await requestPhotoUpload(deps, author, {
      kind: 'report',
      contentType: 'image/png',
      size: 100,
    });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#f00' } })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '1/1 2/1 3/1' } })
      .png()
      .toBuffer();
    deps.photos.put(uploadKey(issue.id, upload.uploadId), png, 'image/png');

    const view = await attachPhoto(deps, author, { uploadId: upload.uploadId, kind: 'report' });

    expect(view).toMatchObject({ id: upload.uploadId, kind: 'report', width: 40, height: 30 });
    expect([...deps.photos.objects.keys()].sort()).toEqual([
      `photos/${issue.id}/${upload.uploadId}-thumb.jpg`,
      `photos/${issue.id}/${upload.uploadId}.jpg`,
    ]);
    const stored = deps.photos.objects.get(`photos/${issue.id}/${upload.uploadId}.jpg`);
    expect((await sharp(stored?.bytes).metadata()).exif).toBeUndefined();
    expect((await deps.issues.get(issue.id))?.issue.photos).toEqual([
      { id: upload.uploadId, kind: 'report', at: NOW, width: 40, height: 30 },
    ]);
  });

  it('refuses an upload whose URL expired over ten minutes ago, and deletes it', async () => {
    const { deps, issue, author } = await setUp();
    const upload = await requestPhotoUpload(deps, author, {
      kind: 'report',
      contentType: 'image/jpeg',
      size: 100,
    });
    deps.photos.put(uploadKey(issue.id, upload.uploadId), new Uint8Array([0xff, 0xd8, 0xff]), 'image/jpeg');
    deps.clock.set('2026-11-30T08:15:01.000Z');

    await expect(attachPhoto(deps, author, { uploadId: upload.uploadId, kind: 'report' })).rejects.toThrow(
      'This upload expired',
    );
    expect(deps.photos.objects.size).toBe(0);
  });
});

describe('postPolicyFailure', () => {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const form = () =>
    createPresignedPost(client, {
      Bucket: 'photos',
      Key: 'uploads/a/b',
      Fields: { 'Content-Type': 'image/jpeg' },
      Conditions: [
        ['content-length-range', 1, 100],
        ['eq', '$Content-Type', 'image/jpeg'],
      ],
      Expires: 300,
    });
  const check = (fields: Record<string, string>, fileSize = 10, bucket = 'photos', secret = 'local') =>
    postPolicyFailure({ fields: new Map(Object.entries(fields)), bucket, fileSize }, secret, new Date());

  it('accepts the form as signed, and refuses every change S3 refuses', async () => {
    const { fields } = await form();

    expect(check(fields)).toBeUndefined();
    expect(check(fields, 101)).toContain('content-length-range');
    expect(check(fields, 0)).toContain('content-length-range');
    expect(check({ ...fields, key: 'photos/x' })).toContain('"$key"');
    expect(check({ ...fields, 'Content-Type': 'text/html' })).toContain('Content-Type');
    expect(check(fields, 10, 'another-bucket')).toContain('$bucket');
    expect(check({ ...fields, acl: 'public-read' })).toContain('Extra input fields: acl');
    expect(check(fields, 10, 'photos', 'another secret')).toContain('signature');
  });

  it('refuses a form after its policy expired', async () => {
    const { fields } = await form();

    const failure = postPolicyFailure(
      { fields: new Map(Object.entries(fields)), bucket: 'photos', fileSize: 10 },
      'local',
      new Date(Date.now() + 301_000),
    );

    expect(failure).toBe('Invalid according to Policy: Policy expired.');
  });
});
