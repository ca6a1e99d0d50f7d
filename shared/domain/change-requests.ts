import { answerAppeal } from './appeals.ts';
import { termsOf } from './case-deadlines.ts';
import { durationToMs } from './duration.ts';
import {
  ActionNotAllowedError,
  InvalidChangeDateError,
  IssueStateConflictError,
  LinkUsedError,
} from './errors.ts';
import { nextUp } from './escalation.ts';
import { LEVELS, type Level } from './hierarchy.ts';
import type { Assignee, Issue, Task, TimelineEvent } from './issue.ts';
import { publicViewOf } from './public-view.ts';
import { instantAfter, timeBetween, type WorkCalendar } from './working-time.ts';

/**
 * A holder's request for more time or a pause, or their appeal (申诉) against a bad rating, answered through an
 * approval link one level up.
 */
export interface ChangeRequest {
  readonly kind: 'defer' | 'pause' | 'appeal';
  /** The holder's task it was asked on; the approval link is signed with `nonce`. */
  readonly seq: number;
  readonly nonce: string;
  readonly by: Assignee;
  readonly approver: Assignee;
  readonly approverLevel: Level;
  readonly reason: string;
  /** A deferral's or pause's date; an appeal has none. */
  readonly until?: string | undefined;
  readonly at: string;
  readonly status: 'pending' | 'approved' | 'refused';
}

/** How far deferrals (延期) and pauses (挂起) may go; a district may set its own (`Policy`). */
export interface ChangeLimits {
  /** Approved deferrals per case. */
  readonly maxDeferrals: number;
  /** How far past the current resolve deadline a deferral may move it (ISO 8601). */
  readonly maxDeferral: string;
  /** How long a pause may last (ISO 8601). */
  readonly maxPause: string;
}

export const DEFAULT_CHANGE_LIMITS: ChangeLimits = { maxDeferrals: 1, maxDeferral: 'P30D', maxPause: 'P60D' };

/**
 * Who answers a request: a deferral or an appeal one level above the holder, a pause the street (or above, if
 * higher).
 */
export function approverLevelOf(kind: ChangeRequest['kind'], holderLevel: Level): Level {
  if (kind === 'defer' || kind === 'appeal') return nextUp(holderLevel);
  return LEVELS.indexOf(holderLevel) < LEVELS.indexOf('street') ? 'street' : nextUp(holderLevel);
}

function stamp(issue: Issue, now: string, changes: Partial<Issue>, event: TimelineEvent): Issue {
  return {
    ...issue,
    ...changes,
    timeline: [...issue.timeline, event],
    updatedAt: now,
    version: issue.version + 1,
  };
}

function checkUntil(
  issue: Issue,
  kind: ChangeRequest['kind'],
  until: string,
  now: string,
  limits: ChangeLimits,
) {
  if (until <= now) throw new InvalidChangeDateError('The date must lie in the future.');
  if (kind === 'pause') {
    const latest = new Date(Date.parse(now) + durationToMs(limits.maxPause)).toISOString();
    if (until > latest) throw new InvalidChangeDateError(`A pause lasts at most ${limits.maxPause}.`);
    return;
  }
  const deadline = issue.resolveDeadline ?? now;
  if (until <= deadline) throw new InvalidChangeDateError('A deferral must move the deadline later.');
  const latest = new Date(Date.parse(deadline) + durationToMs(limits.maxDeferral)).toISOString();
  if (until > latest)
    throw new InvalidChangeDateError(`A deferral moves the deadline at most ${limits.maxDeferral}.`);
}

export interface NewRequest {
  readonly kind: ChangeRequest['kind'];
  readonly task: Task;
  readonly reason: string;
  readonly until: string;
  readonly approver: Assignee;
  readonly approverLevel: Level;
  readonly nonce: string;
  readonly now: string;
  readonly limits: ChangeLimits;
}

/**
 * Records the holder's request for a deferral or a pause; their link keeps working, the workflow is not
 * woken. One request at a time; deferrals up to the limit; a paused case is resumed, not deferred.
 */
export function requestChange(issue: Issue, request: NewRequest): Issue {
  const { task, kind, now } = request;
  if (task.kind !== 'resolve') throw new ActionNotAllowedError(kind, ['accept']);
  if (issue.request?.status === 'pending') {
    throw new IssueStateConflictError('A deferral or pause request is already waiting for its answer.');
  }
  if (issue.pause) throw new IssueStateConflictError('The case is paused; resume it first.');
  if (kind === 'defer' && (issue.deferrals ?? 0) >= request.limits.maxDeferrals) {
    throw new IssueStateConflictError(
      `A case may be deferred at most ${request.limits.maxDeferrals} time(s).`,
    );
  }
  checkUntil(issue, kind, request.until, now, request.limits);
  const pending: ChangeRequest = {
    kind,
    seq: task.seq,
    nonce: request.nonce,
    by: task.assignee,
    approver: request.approver,
    approverLevel: request.approverLevel,
    reason: request.reason,
    until: request.until,
    at: now,
    status: 'pending',
  };
  return stamp(
    issue,
    now,
    { request: pending },
    {
      at: now,
      type: 'requested',
      by: task.assignee,
      reason: kind,
      until: request.until,
      note: request.reason,
    },
  );
}

export interface ChangeAnswer {
  readonly approve: boolean;
  readonly until?: string | undefined;
  readonly note?: string | undefined;
  readonly now: string;
  readonly limits: ChangeLimits;
}

/**
 * The approver's answer. A refusal changes nothing else. An approval spends the holder's task, so the
 * workflow wakes and gives them a fresh link: a deferral with the resolve deadline moved (and not overdue), a
 * pause whose clock and reminders stop until its date or until the holder resumes.
 */
export function answerChange(issue: Issue, answer: ChangeAnswer): Issue {
  const request = issue.request;
  if (request?.status !== 'pending') throw new LinkUsedError(issue.id, publicViewOf(issue, answer.now));
  if (request.kind === 'appeal') return answerAppeal(issue, answer);
  const { now } = answer;
  const note = answer.note ? { note: answer.note } : {};
  const by = request.approver;
  if (!answer.approve) {
    return stamp(
      issue,
      now,
      { request: { ...request, status: 'refused' } },
      { at: now, type: 'refused', by, reason: request.kind, ...note },
    );
  }
  const task = issue.task;
  if (task?.seq !== request.seq || task.status !== 'open') {
    throw new IssueStateConflictError('The case moved on since the request; it no longer applies.');
  }
  const until = answer.until ?? request.until ?? '';
  checkUntil(issue, request.kind, until, now, answer.limits);
  const spent: Task = { ...task, status: 'used', decision: { action: request.kind, at: now, ...note } };
  const approved: ChangeRequest = { ...request, status: 'approved', until };
  if (request.kind === 'defer') {
    return stamp(
      issue,
      now,
      {
        task: spent,
        request: approved,
        deferrals: (issue.deferrals ?? 0) + 1,
        deferredUntil: until,
        deferReason: request.reason,
        resolveDeadline: until,
      },
      { at: now, type: 'deferred', by, until, note: request.reason },
    );
  }
  return stamp(
    issue,
    now,
    { task: spent, request: approved, pauses: (issue.pauses ?? 0) + 1, pause: { since: now, until } },
    { at: now, type: 'paused', by, until, note: request.reason },
  );
}

/**
 * Ends a pause: the resolve deadline moves on by the time the case was paused, counted on the case's own
 * clock, so working time paused is given back as working time (a pause over a holiday gives back none of it).
 */
export function resumed(
  issue: Issue,
  now: string,
  calendar: WorkCalendar,
  by?: Assignee,
): Pick<Issue, 'pause' | 'resolveDeadline'> & {
  event: TimelineEvent;
} {
  const pause = issue.pause;
  const { timeBasis } = termsOf(issue);
  const paused = pause ? timeBetween(new Date(pause.since), new Date(now), timeBasis, calendar) : 0;
  const deadline = new Date(issue.resolveDeadline ?? now);
  return {
    pause: undefined,
    resolveDeadline: instantAfter(deadline, paused, timeBasis, calendar).toISOString(),
    event: { at: now, type: 'resumed', ...(by ? { by } : {}) },
  };
}
