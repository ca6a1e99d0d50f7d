// Serves the template's S3 buckets with s3rver (the maintained fork) on 127.0.0.1, objects kept as plain files
// under `${dataDir}/s3`: an answered upload is on disk, so a SIGKILL loses nothing that was answered. Buckets are
// named as the template's Ref resolves locally and get the template's CORS rules, so a page can upload to them.
// Browser uploads (POST Object forms) pass the policy check s3rver lacks (./s3-post-policy.ts) first, and
// presigned URLs the check s3rver gets wrong (./s3-presigned-query.ts).
import type { IncomingMessage, RequestListener } from 'node:http';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from '@20minutes/s3rver';
import Account from '@20minutes/s3rver/lib/models/account.js';
import { type CfnTemplate, isRecord, RESOURCE_TYPES, resourcesOfType } from './cfn-template.ts';
import type { TemplateResolver } from './intrinsics.ts';
import { closeServer, listen } from './net.ts';
import { postPolicyFailure } from './s3-post-policy.ts';
import { presignedForS3rver } from './s3-presigned-query.ts';

export interface BucketSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly corsRules: readonly Record<string, unknown>[];
}

export interface S3Server {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/** The largest form the policy check reads: past any content-length-range a page asks for. */
const MAX_FORM_BYTES = 64 * 1024 * 1024;

/** The template's buckets, named as `Ref` resolves them, with their CORS rules resolved. */
export function bucketSpecsFromTemplate(template: CfnTemplate, resolver: TemplateResolver): BucketSpec[] {
  return resourcesOfType(template, RESOURCE_TYPES.bucket).map(({ logicalId, properties }) => {
    const cors = resolver.resolve(properties.CorsConfiguration ?? {}, `${logicalId}.CorsConfiguration`);
    const rules = isRecord(cors) && Array.isArray(cors.CorsRules) ? cors.CorsRules.filter(isRecord) : [];
    return { logicalId, name: resolver.resolveString({ Ref: logicalId }, logicalId), corsRules: rules };
  });
}

/** S3's CORS document for the rules; `aliases` adds origins beside one a rule names (the loopback names). */
export function corsXml(rules: readonly Record<string, unknown>[], aliases: (origin: string) => string[]) {
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const tags = (tag: string, values: string[]) =>
    values.map((v) => `<${tag}>${escapeXml(v)}</${tag}>`).join('');
  const body = rules.map((rule) => {
    const origins = [...new Set(list(rule.AllowedOrigins).flatMap((origin) => [origin, ...aliases(origin)]))];
    return `<CORSRule>${tags('AllowedOrigin', origins)}${tags('AllowedMethod', list(rule.AllowedMethods))}${tags(
      'AllowedHeader',
      list(rule.AllowedHeaders),
    )}${tags('ExposeHeader', list(rule.ExposedHeaders))}${
      typeof rule.MaxAge === 'number' ? `<MaxAgeSeconds>${rule.MaxAge}</MaxAgeSeconds>` : ''
    }</CORSRule>`;
  });
  return `<CORSConfiguration>${body.join('')}</CORSConfiguration>`;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface S3ServerOptions {
  readonly dataDir: string;
  readonly buckets: readonly BucketSpec[];
  /** The access key the handlers sign with (see localAwsEnvironment) and its secret. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly corsAliases: (origin: string) => string[];
  readonly preferredPort?: number;
}

/** Starts the S3 server with the template's buckets; existing buckets and objects are kept. */
export async function startS3Server(options: S3ServerOptions): Promise<S3Server> {
  Account.DUMMY_ACCOUNT.createKeyPair(options.credentials.accessKeyId, options.credentials.secretAccessKey);
  const s3rver = new S3rver({
    directory: join(options.dataDir, 's3'),
    silent: true,
    // Path-style only: handlers reach the server by IP address, where the SDK never uses bucket host names.
    vhostBuckets: false,
    configureBuckets: options.buckets.map((bucket) => ({
      name: bucket.name,
      configs: bucket.corsRules.length > 0 ? [corsXml(bucket.corsRules, options.corsAliases)] : [],
    })),
  });
  await s3rver.configureBuckets();
  const server = createServer(withPostPolicy(s3rver.callback(), options.credentials.secretAccessKey));
  const port = await listen(server, options.preferredPort ?? 0);
  return { endpoint: `http://127.0.0.1:${port}`, port, close: () => closeServer(server) };
}

/** Checks POST Object forms against their policy, then hands the same bytes to s3rver. */
function withPostPolicy(next: RequestListener, secretKey: string): RequestListener {
  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname.split('/').filter(Boolean);
    const form = (request.headers['content-type'] ?? '').startsWith('multipart/form-data');
    if (request.method !== 'POST' || path.length !== 1 || !form) {
      request.url = presignedForS3rver(
        request.method ?? 'GET',
        request.url ?? '/',
        request.headers,
        secretKey,
      );
      return next(request, response);
    }
    const refuse = (status: number, code: string, message: string) => {
      const origin = request.headers.origin;
      response.writeHead(status, {
        'content-type': 'application/xml',
        ...(origin ? { 'access-control-allow-origin': origin } : {}),
      });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`,
      );
    };
    void readForm(request)
      .then(async (body) => {
        if (!body)
          return refuse(400, 'MaxPostPreDataLengthExceeded', 'Your POST request fields exceeded the limit.');
        const parsed = await new Request('http://local/', {
          method: 'POST',
          headers: { 'content-type': String(request.headers['content-type']) },
          body,
        }).formData();
        const fields = new Map<string, string>();
        let fileSize = 0;
        for (const [name, value] of parsed) {
          if (typeof value === 'string') fields.set(name, value);
          else if (name === 'file') fileSize = value.size;
        }
        const failure = postPolicyFailure({ fields, bucket: path[0] ?? '', fileSize }, secretKey, new Date());
        if (failure) {
          const tooLarge = failure.includes('content-length-range') && fileSize > 0;
          return refuse(tooLarge ? 400 : 403, tooLarge ? 'EntityTooLarge' : 'AccessDenied', failure);
        }
        next(replay(request, body), response);
      })
      .catch((error: unknown) => refuse(400, 'MalformedPOSTRequest', String(error)));
  };
}

async function readForm(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    length += (chunk as Buffer).length;
    if (length > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The request again, its body already read: s3rver parses the form itself. */
function replay(request: IncomingMessage, body: Buffer): IncomingMessage {
  return Object.assign(Readable.from([body]), {
    method: request.method,
    url: request.url,
    headers: request.headers,
    rawHeaders: request.rawHeaders,
    httpVersion: request.httpVersion,
    httpVersionMajor: request.httpVersionMajor,
    httpVersionMinor: request.httpVersionMinor,
    socket: request.socket,
    connection: request.socket,
    complete: true,
  }) as unknown as IncomingMessage;
}
