import { durationToMs } from './duration.ts';
import type { Issue } from './issue.ts';

/**
 * How long residents' contact details are kept after their case closes (PIPL: no longer than needed), unless a
 * deployment sets `CONTACT_RETENTION`: half a year covers appeals, follow-up calls and the hotline's checks.
 */
export const CONTACT_RETENTION = 'P180D';

/** When the case last closed: the newest `closed` or `handed_back` event of its timeline. */
export function closedAt(issue: Pick<Issue, 'timeline'>): string | undefined {
  for (let index = issue.timeline.length - 1; index >= 0; index--) {
    const event = issue.timeline[index];
    if (event?.type === 'closed' || event?.type === 'handed_back') return event.at;
  }
  return undefined;
}

/** Whether the case holds anything that reaches a resident: a phone, an e-mail address, a name. */
export function holdsContacts(issue: Pick<Issue, 'reporter'>): boolean {
  const reporter = issue.reporter;
  return Boolean(reporter && (reporter.phone || reporter.email || reporter.name));
}

/**
 * Whether the case's contacts fall due for erasure at `now`: it is closed, still holds them, and closed at
 * least `retention` (ISO 8601) ago. A reopened case is open again, so it is never due.
 */
export function contactsDue(issue: Issue, retention: string, now: Date): boolean {
  if (issue.status !== 'closed' || issue.contactsErasedAt !== undefined) return false;
  const closed = closedAt(issue);
  if (closed === undefined) return false;
  return Date.parse(closed) + durationToMs(retention) <= now.getTime();
}

/**
 * The case without its resident's contact details, marked with when they went: the record, figures and
 * timeline stay whole. One new version, so writing it is one conditional write on the version read.
 */
export function eraseContacts(issue: Issue, now: Date): Issue {
  const { reporter: _erased, ...kept } = issue;
  const at = now.toISOString();
  return {
    ...kept,
    contactsErasedAt: at,
    // A case that never held contacts is only marked, so the sweep passes it by from now on.
    timeline: holdsContacts(issue) ? [...issue.timeline, { at, type: 'contacts_erased' }] : issue.timeline,
    updatedAt: at,
    version: issue.version + 1,
  };
}

/**
 * The newest creation time a case due at `now` can have: a case closes after it was created, so one created
 * later has not been closed for `retention` yet. The sweep reads the grid index up to here and no further.
 */
export function newestDueCreation(retention: string, now: Date): string {
  return new Date(now.getTime() - durationToMs(retention)).toISOString();
}
