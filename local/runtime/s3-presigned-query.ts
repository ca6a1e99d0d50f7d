// A presigned URL whose query carries one of !'()* (a Content-Disposition override naming a file as RFC 6266
// does: filename*=UTF-8''…) fails s3rver's check, which encodes query values with encodeURIComponent where
// S3 and every SDK use RFC 3986. Such a URL is checked here the S3 way and handed on signed the s3rver way;
// any other request goes on as it came, and a wrong signature is left for s3rver to refuse.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * The request URL to hand to s3rver: re-signed when it is a SigV4 presigned URL that S3 would accept but whose
 * query s3rver canonicalizes differently, else `url` unchanged.
 */
export function presignedForS3rver(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  secretKey: string,
): string {
  const parsed = new URL(url, 'http://local');
  const query = parsed.searchParams;
  const signature = query.get('X-Amz-Signature');
  const credential = query.get('X-Amz-Credential');
  const date = query.get('X-Amz-Date');
  const signed = query.get('X-Amz-SignedHeaders');
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || !signature || !credential || !date || !signed) {
    return url;
  }
  const params = [...query].filter(([name]) => name !== 'X-Amz-Signature');
  const canonicalQuery = (encode: (text: string) => string) =>
    params
      .map(([name, value]) => `${encode(name)}=${encode(value)}`)
      .sort()
      .join('&');
  const [aws, s3rver] = [canonicalQuery(rfc3986), canonicalQuery(encodeURIComponent)];
  if (aws === s3rver) return url;

  const [, day = '', region = '', service = ''] = credential.split('/');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, day), region), service), 'aws4_request');
  const headerLines = signed
    .split(';')
    .map((name) => `${name}:${String(headers[name] ?? '').trim()}\n`)
    .join('');
  const signatureOf = (canonical: string) => {
    const request = [method, parsed.pathname, canonical, headerLines, signed, 'UNSIGNED-PAYLOAD'].join('\n');
    const scope = `${day}/${region}/${service}/aws4_request`;
    const digest = createHash('sha256').update(request, 'utf8').digest('hex');
    return hmac(key, ['AWS4-HMAC-SHA256', date, scope, digest].join('\n')).toString('hex');
  };
  const expected = Buffer.from(signatureOf(aws));
  const presented = Buffer.from(signature);
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return url;
  query.set('X-Amz-Signature', signatureOf(s3rver));
  return `${parsed.pathname}?${query.toString()}`;
}
