import { createHmac } from 'node:crypto';
import { type LadderPosition, LEVELS, type Level, unitIdAt } from './hierarchy.ts';
import type { Issue } from './issue.ts';

/** A phone number as one string of digits: separators dropped, China's country code (+86, 0086) cut off. */
export function normalizedPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.replace(/^(?:0086|86)(?=1\d{10}$)/, '');
}

/**
 * The search key of a phone number: a keyed hash (HMAC-SHA-256 under the link key) of its normalized digits,
 * so that the table never holds the number in clear, nor a hash anyone could reverse by hashing every number.
 */
export function contactKeyOf(linkKey: Uint8Array, phone: string): string {
  return createHmac('sha256', linkKey)
    .update(`contact:${normalizedPhone(phone)}`)
    .digest('base64url');
}

/** A phone number masked as residents see it on paper: the first three and last four digits (138****5678). */
export function maskPhone(phone: string): string {
  const digits = normalizedPhone(phone);
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** A supervisor's unit (or a grid): what a signed-in person acts for. */
export interface UnitRef {
  readonly scope: Level;
  readonly id: string;
}

/** A functional department (职能部门) as the unit its supervisor signs in for. */
export interface DepartmentRef {
  readonly scope: 'department';
  readonly id: string;
}

/** Whom the workbench serves: a unit of the ladder, or a department. */
export type WorkbenchUnit = UnitRef | DepartmentRef;

/** The case as the reach rule reads it: where it sits on the ladder, and its latest transfer. */
type CaseInReach = LadderPosition & Pick<Issue, 'transfer'>;

/**
 * Whether a case lies within a unit's part of the tree (a district's, a street's, a community's, a grid's), or,
 * for a department, whether the department got its latest transfer: it holds the case now, or held it (returned
 * to the sender, climbed past the department, closed) until a later transfer gives it to another department.
 */
export function caseInUnit(issue: CaseInReach, unit: WorkbenchUnit): boolean {
  if (unit.scope === 'department') return issue.transfer?.department.id === unit.id;
  return unitIdAt(issue, unit.scope) === unit.id;
}

/**
 * Whether a unit holds a case: the case lies in the unit and its current holder sits at the unit's level or
 * below (a case escalated above the unit, or held by a functional department, is someone else's). A department
 * holds a case while one of its desks (handler or supervisor) has the case's task, until it returns or closes.
 * Only the holder sees the resident's phone number in full.
 */
export function unitHoldsCase(issue: Issue, unit: WorkbenchUnit): boolean {
  if (!caseInUnit(issue, unit)) return false;
  if (unit.scope === 'department') {
    return issue.status !== 'closed' && !issue.transfer?.returned && issue.task?.department?.id === unit.id;
  }
  if (issue.task?.department) return false;
  return LEVELS.indexOf(issue.level) <= LEVELS.indexOf(unit.scope);
}
