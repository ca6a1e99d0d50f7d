// The export files' writer against the local S3 server: a long stream goes up as a multipart upload, part by
// part, reading ahead of S3 by no more than the parts in flight; the download URL names the file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_PART_BYTES, EXPORT_PARTS_IN_FLIGHT, S3ExportFiles } from '#adapters/s3/export-files.ts';
import { LOCAL_CREDENTIALS } from '#local/runtime/function-env.ts';
import { type S3Server, startS3Server } from '#local/runtime/s3-server.ts';

const BUCKET = 'exports-test';
let dataDir: string;
let server: S3Server;
let client: S3Client;
/** Bytes S3 has taken in answered UploadPart calls. */
let uploaded = 0;
/** The parts S3 took, by part number. */
const parts: { number: number; size: number }[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gridwork-exports-'));
  server = await startS3Server({
    dataDir,
    buckets: [{ logicalId: 'Files', name: BUCKET, corsRules: [] }],
    credentials: LOCAL_CREDENTIALS,
    corsAliases: () => [],
  });
  client = new S3Client({
    endpoint: server.endpoint,
    region: 'cn-north-1',
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'UploadPartCommand') {
        const input = args.input as { Body?: Uint8Array; PartNumber?: number };
        parts.push({ number: input.PartNumber ?? 0, size: input.Body?.byteLength ?? 0 });
        uploaded += input.Body?.byteLength ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'countParts' },
  );
});

afterAll(async () => {
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A CSV-like line of about 300 bytes, numbered. */
const line = (n: number) => `${String(n).padStart(8, '0')},${'荷花路'.repeat(30)},${'x'.repeat(200)}\r\n`;

describe('the export files', () => {
  it('stream a long file up part by part, never reading more than the parts in flight ahead of S3', async () => {
    // Prepare: ~17 MB in 8 KB chunks, the read-ahead measured as each chunk is asked for
    const files = new S3ExportFiles(BUCKET, client);
    const lines = 60_000;
    let produced = 0;
    let mostAhead = 0;
    async function* chunks() {
      let chunk = '';
      for (let n = 0; n < lines; n += 1) {
        chunk += line(n);
        if (chunk.length < 4096 && n < lines - 1) continue;
        mostAhead = Math.max(mostAhead, produced - uploaded);
        produced += Buffer.byteLength(chunk);
        yield chunk;
        chunk = '';
      }
    }

    // Act
    await files.write('exports/long.csv', chunks());
    const url = await files.downloadUrl('exports/long.csv', '案件-s-1-2026-11-30.csv', 60);
    const download = await fetch(url);
    const text = await download.text();

    // Assess
    expect(parts.length).toBe(Math.ceil(produced / EXPORT_PART_BYTES));
    const sizes = parts.sort((a, b) => a.number - b.number).map((part) => part.size);
    expect(sizes.slice(0, -1).every((size) => size === EXPORT_PART_BYTES)).toBe(true);
    expect(mostAhead).toBeLessThanOrEqual((EXPORT_PARTS_IN_FLIGHT + 1) * EXPORT_PART_BYTES + 16_384);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="_-s-1-2026-11-30.csv"; filename*=UTF-8''${encodeURIComponent('案件-s-1-2026-11-30.csv')}`,
    );
    expect(Buffer.byteLength(text)).toBe(produced);
    expect(text.startsWith(line(0))).toBe(true);
    expect(text.endsWith(line(lines - 1))).toBe(true);
  });

  it('write a short file in one request, and refuse a download URL once it has expired', async () => {
    // Prepare
    const files = new S3ExportFiles(BUCKET, client);
    const before = parts.length;
    async function* chunks() {
      yield '\uFEFF案件编号\r\n';
    }

    // Act
    await files.write('exports/short.csv', chunks());
    const fresh = await fetch(await files.downloadUrl('exports/short.csv', 'a.csv', 60));
    const expired = await fetch(await files.downloadUrl('exports/short.csv', 'a.csv', -1));

    // Assess
    expect(parts.length).toBe(before);
    // The bytes, not text(): a decoder drops the byte order mark.
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await fresh.arrayBuffer())).toBe(
      '\uFEFF案件编号\r\n',
    );
    expect(expired.status).toBe(403);
    await expired.body?.cancel();
  });
});
