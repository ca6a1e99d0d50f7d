import type { Unit } from './registry.ts';
import { chinaDay } from './working-time.ts';

/** The prefix of a district whose registry gives none: still readable, and clearly not a place. */
export const FALLBACK_CASE_PREFIX = 'GW';

/** The prefix of a district's case numbers: its registry code, upper-cased, or the fallback. */
export function casePrefixOf(district: Pick<Unit, 'code'> | undefined): string {
  return district?.code?.toUpperCase() ?? FALLBACK_CASE_PREFIX;
}

/** The day a case number counts in (China Standard Time), as `yyyymmdd`. */
export function caseNumberDay(createdAt: string): string {
  return chinaDay(createdAt).replaceAll('-', '');
}

/** `LS-20261130-0042`: four digits for the sequence, more on a day with over 9,999 reports. */
export function formatCaseNumber(prefix: string, day: string, seq: number): string {
  return `${prefix}-${day}-${String(seq).padStart(4, '0')}`;
}
