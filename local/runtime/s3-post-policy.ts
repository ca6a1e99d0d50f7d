// Checks a browser upload (an S3 POST Object form) against its signed policy, as S3 does and s3rver does not:
// the signature, the expiry and every condition (exact fields, prefixes, the size range). Without this a local
// run would accept what AWS refuses: a late upload, another key, another type, an oversized file.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PostUpload {
  /** The form's fields other than the file, names as sent. */
  readonly fields: ReadonlyMap<string, string>;
  readonly bucket: string;
  readonly fileSize: number;
}

type Condition = Record<string, string> | [string, ...unknown[]];

/** Fields the policy does not have to name (AWS: the signature, the policy itself, the file, x-ignore-*). */
const UNCHECKED = new Set(['policy', 'x-amz-signature', 'file', 'bucket']);

/** Why S3 would refuse the upload, or undefined when it would store it. */
export function postPolicyFailure(upload: PostUpload, secretKey: string, now: Date): string | undefined {
  const field = (name: string) =>
    [...upload.fields].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const policy = field('policy');
  const signature = field('x-amz-signature');
  const credential = field('x-amz-credential');
  if (!policy || !signature || !credential) return 'Bucket POST must contain a policy and its signature.';
  const [, date = '', region = '', service = ''] = credential.split('/');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, date), region), service), 'aws4_request');
  const expected = Buffer.from(hmac(key, policy).toString('hex'));
  const presented = Buffer.from(signature);
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
    return 'The request signature we calculated does not match the signature you provided.';
  }
  let document: { expiration?: string; conditions?: Condition[] };
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return 'Invalid Policy: Invalid JSON.';
  }
  if (!document.expiration || Date.parse(document.expiration) <= now.getTime()) {
    return 'Invalid according to Policy: Policy expired.';
  }
  const named = new Set<string>();
  const formValue = (name: string) => (name === 'bucket' ? upload.bucket : field(name));
  for (const condition of document.conditions ?? []) {
    const failure = conditionFailure(condition, formValue, upload.fileSize, named);
    if (failure) return `Invalid according to Policy: Policy Condition failed: ${failure}`;
  }
  const unnamed = [...upload.fields.keys()].filter(
    (name) => !UNCHECKED.has(name.toLowerCase()) && !name.toLowerCase().startsWith('x-ignore-'),
  );
  const extra = unnamed.find((name) => !named.has(name.toLowerCase()));
  return extra ? `Invalid according to Policy: Extra input fields: ${extra}` : undefined;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function conditionFailure(
  condition: Condition,
  formValue: (name: string) => string | undefined,
  fileSize: number,
  named: Set<string>,
): string | undefined {
  if (!Array.isArray(condition)) {
    for (const [name, expected] of Object.entries(condition)) {
      named.add(name.toLowerCase());
      if (formValue(name) !== expected) return JSON.stringify(['eq', `$${name}`, expected]);
    }
    return undefined;
  }
  const [operator, subject, operand] = condition;
  if (operator === 'content-length-range') {
    const [min, max] = [Number(subject), Number(operand)];
    return fileSize < min || fileSize > max ? JSON.stringify(condition) : undefined;
  }
  const name = String(subject).replace(/^\$/, '');
  named.add(name.toLowerCase());
  const value = formValue(name) ?? '';
  if (operator === 'eq') return value === operand ? undefined : JSON.stringify(condition);
  if (operator === 'starts-with')
    return value.startsWith(String(operand)) ? undefined : JSON.stringify(condition);
  return `unknown operator ${String(operator)}`;
}
