import { IssueStateConflictError, OutsideUnitError } from './errors.ts';
import { isUnitLevel, type Level, unitIdAt } from './hierarchy.ts';
import type { Issue } from './issue.ts';
import { verdictOf } from './rating-scale.ts';

/** A supervisor's follow-up call (回访) to a resident who gave a bad rating. */
export interface FollowUp {
  /** Who made the call, as the supervisor records it. */
  readonly caller: string;
  readonly calledAt: string;
  /** What the resident said: kept in the record, never put in a message. */
  readonly residentSaid: string;
  /** Whether the resident is now satisfied. */
  readonly satisfied: boolean;
  /** The signed-in unit that recorded it, and its person when the token names one. */
  readonly recordedBy: {
    readonly scope: Level;
    readonly unitId: string;
    readonly personId?: string | undefined;
  };
  readonly recordedAt: string;
}

/** A case keeps this many follow-ups at most: enough for any real follow-up, and the case item stays small. */
export const MAX_FOLLOW_UPS = 20;

/** Who records a follow-up: a supervisor of a unit above the case's grid (its community, street or district). */
export function requireFollowUpUnit(issue: Issue, unit: { scope: Level; id: string }): void {
  if (!isUnitLevel(unit.scope) || unitIdAt(issue, unit.scope) !== unit.id) {
    throw new OutsideUnitError(unit.scope, unit.id);
  }
}

/**
 * The case with one more follow-up call recorded, and a `followed_up` entry in its timeline that names no
 * resident's words. Only a case whose (latest) rating is bad has a call to follow up.
 */
export function recordFollowUp(issue: Issue, call: Omit<FollowUp, 'recordedAt'>, now: Date): Issue {
  if (!issue.rating || verdictOf(issue.rating).satisfied) {
    throw new IssueStateConflictError('Only a case rated badly is followed up (回访).');
  }
  const followUps = issue.followUps ?? [];
  if (followUps.length >= MAX_FOLLOW_UPS) {
    throw new IssueStateConflictError(`A case keeps at most ${MAX_FOLLOW_UPS} follow-up calls.`);
  }
  if (Date.parse(call.calledAt) > now.getTime()) {
    throw new IssueStateConflictError('A follow-up call is recorded once it was made, not before.');
  }
  const at = now.toISOString();
  return {
    ...issue,
    followUps: [...followUps, { ...call, recordedAt: at }],
    timeline: [...issue.timeline, { at, type: 'followed_up', level: call.recordedBy.scope }],
    updatedAt: at,
    version: issue.version + 1,
  };
}
