import { chinaDay } from './working-time.ts';

/**
 * What the audit trail records. A supervisor's action on a case, and every time a person is shown a resident's
 * contact details (an unmasked phone number, a contact export); new kinds are appended here, never renamed,
 * because the district reads old entries by these names.
 */
export const AUDIT_ACTIONS = [
  'viewed_contact',
  'exported_cases',
  'supervised',
  'took_over',
  'reassigned',
  'transferred',
  'decided_change',
  'merged',
  'decided_appeal',
  'recorded_follow_up',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The longest free text an entry keeps: a reason or a note, never a resident's contact details. */
export const AUDIT_DETAIL_MAX = 500;

/** One line of the audit trail: who did or saw what, when, on which case. Never changed once written. */
export interface AuditEntry {
  /** When (ISO 8601, UTC); with `id`, what orders the trail. */
  readonly at: string;
  /** Unique among entries of the same instant. */
  readonly id: string;
  /** The registry id of the person who acted or looked. */
  readonly actor: string;
  readonly action: AuditAction;
  /** The case concerned; absent for an action over many cases (an export), which says its filter in `detail`. */
  readonly caseId?: string | undefined;
  readonly detail?: string | undefined;
}

/** What the district asks of the trail: the entries of some China days, optionally of one case. */
export interface AuditQuery {
  /** First and last day included (yyyy-mm-dd, China time). */
  readonly fromDay: string;
  readonly toDay: string;
  readonly caseId?: string | undefined;
  readonly limit: number;
  /** Where the previous page stopped (opaque). */
  readonly after?: string | undefined;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** Present when more entries follow. */
  readonly next?: string | undefined;
}

/** The append-only store of the trail: no update, no delete (its table grants neither). */
export interface AuditTrail {
  /** Appends one entry; an entry already written (same `at` and `id`) is kept as first written. */
  record(entry: AuditEntry): Promise<void>;
  /** Entries in time order, oldest first. */
  list(query: AuditQuery): Promise<AuditPage>;
}

/** The China day an entry belongs to: the trail is kept and read by day. */
export function auditDay(entry: Pick<AuditEntry, 'at'>): string {
  return chinaDay(entry.at);
}

/** A new entry at `now`, its free text cut to what the trail keeps. */
export function auditEntry(
  now: Date,
  actor: string,
  action: AuditAction,
  what: { caseId?: string | undefined; detail?: string | undefined } = {},
): AuditEntry {
  return {
    at: now.toISOString(),
    id: crypto.randomUUID(),
    actor,
    action,
    ...(what.caseId ? { caseId: what.caseId } : {}),
    ...(what.detail ? { detail: what.detail.slice(0, AUDIT_DETAIL_MAX) } : {}),
  };
}
