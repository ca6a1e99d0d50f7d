import { timingSafeEqual } from 'node:crypto';

/** Whether an Authorization header carries exactly `expected` as a Bearer token (compared in constant time). */
export function bearerMatches(header: string | undefined, expected: string | undefined): boolean {
  if (!expected) return false;
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
