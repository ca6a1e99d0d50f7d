import { chinaDay } from './daily-stats.ts';
import type { Unit } from './registry.ts';

/** The prefix of a district whose registry gives none: still readable, and clearly not a place. */
export const FALLBACK_CASE_PREFIX = 'GW';

/** A case number as people read it out on the phone: district prefix, China date, daily sequence. */
const CASE_NUMBER = /^([A-Z]{1,6})-(\d{8})-(\d{4,})$/;

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

/** Reads a case number as typed on a phone or a hotline form: any case, spaces, full-width digits. */
export function parseCaseNumber(text: string): string | undefined {
  const folded = text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return CASE_NUMBER.test(folded) ? folded : undefined;
}
