import type { CaseSource, PartnerOrder } from './case-source.ts';
import type { ChangeRequest } from './change-requests.ts';
import type { CoHandling } from './co-handling.ts';
import type { DepartmentDesk } from './escalation.ts';
import type { FollowUp } from './follow-ups.ts';
import type { Level } from './hierarchy.ts';
import type { CaseOutcome } from './outcomes.ts';
import type { Photo } from './photos.ts';
import type { CoordSystem, PersonRole } from './registry.ts';
import type { TimeBasis } from './working-time.ts';

export type IssueStatus = 'submitted' | 'assigned' | 'in_progress' | 'resolved' | 'closed';
/** `supervise` is the 督办 task the level above gets when the case's resolve deadline passes. */
export type TaskKind = 'accept' | 'resolve' | 'supervise';
/**
 * What a link lets its holder do: accept, decline, resolve, reassign; keep or take over a supervised case; ask for
 * more time (延期) or a pause (挂起), and `resume` a pause; and, on an approval link, approve or refuse a request;
 * `transfer` a case to a functional department (转派), and, in the department, `return` it to the sender (退回).
 * `hand_back` returns a hotline case to the hotline (退单) as outside the holder's remit. The lead (主办) names
 * co-handling departments (`co_handle`, 协办), each of which reports on a link of its own (`report`).
 */
export const TASK_ACTIONS = [
  'accept',
  'decline',
  'resolve',
  'reassign',
  'keep',
  'takeover',
  'defer',
  'pause',
  'resume',
  'approve',
  'refuse',
  'hand_back',
  /** The rework holder's appeal (申诉) against the bad rating that reopened the case. */
  'appeal',
  'transfer',
  'return',
  'co_handle',
  'report',
  /** A supervisor's merge of a duplicate into the case it repeats (workbench only; no link offers it). */
  'merge',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];
export type TaskStatus = 'open' | 'used' | 'revoked' | 'expired';
/** How the resident's rating ended a case: the case's `outcome` field (stored under that name since the first cases). */
export type RatingOutcome = 'satisfied' | 'unsatisfied' | 'unrated';

export type EventType =
  | 'submitted'
  | 'assigned'
  | 'accepted'
  | 'declined'
  | 'escalated'
  | 'reassigned'
  | 'resolved'
  | 'rated'
  | 'reopened'
  | 'reminded'
  | 'supervised'
  | 'requested'
  | 'deferred'
  | 'paused'
  | 'resumed'
  | 'refused'
  | 'closed'
  /** A hotline case returned to the hotline (退单); it ends the case. */
  | 'handed_back'
  | 'appealed'
  | 'appeal_upheld'
  | 'appeal_rejected'
  | 'reinvited'
  | 'transferred'
  | 'returned'
  | 'co_handling'
  | 'co_reported'
  | 'contacts_erased' // retention.ts
  | 'followed_up' // follow-ups.ts: the call's record stays in `followUps`
  /** A duplicate closed into the case it repeats; `to` names the kept case. */
  | 'merged';

export interface Assignee {
  readonly id: string;
  readonly name: string;
  readonly role: PersonRole;
}

export interface Reporter {
  readonly name?: string | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
}

export type Location =
  | { readonly gridId: string }
  | { readonly address: string }
  /** A point as the resident sent it; `coordSystem` absent means WGS-84. */
  | { readonly lat: number; readonly lng: number; readonly coordSystem?: CoordSystem | undefined };

export interface Decision {
  readonly action: TaskAction;
  readonly at: string;
  readonly note?: string | undefined;
  readonly gridId?: string | undefined;
  /** The department a case was transferred to. */
  readonly departmentId?: string | undefined;
}

/** Who held a case, and where, when its resolve deadline passed. */
export interface Holder {
  readonly assignee: Assignee;
  readonly level: Level;
  readonly department?: DepartmentDesk | undefined;
}

/** A case's latest transfer (转派) to a department, and its sender, whom a return (退回) gives it back to. */
export interface Transfer {
  readonly department: { readonly id: string; readonly name: string };
  readonly from: { readonly assignee: Assignee; readonly level: Level };
  readonly at: string;
  readonly returned?: boolean | undefined;
}

/** One piece of work offered to one person through one approval link. */
export interface Task {
  readonly seq: number;
  readonly kind: TaskKind;
  readonly level: Level;
  readonly assignee: Assignee;
  /** Random; the link is a keyed hash of it, so the link itself is never stored. */
  readonly nonce: string;
  readonly offeredAt: string;
  readonly deadline: string;
  /** Reminders sent for this task so far: the round of its current wait. */
  readonly reminded?: number | undefined;
  /** For a supervision task: who held the case when its resolve deadline passed. */
  readonly holder?: Holder | undefined;
  /** Set when a functional department holds the task: which one, at which rung. */
  readonly department?: DepartmentDesk | undefined;
  readonly status: TaskStatus;
  readonly decision?: Decision | undefined;
}

/** The category's terms as they were when the case came in: editing a category leaves running cases alone. */
export interface CaseTerms {
  readonly timeBasis: TimeBasis;
  readonly accept: string;
  readonly resolve: string;
}

/** What remains of an earlier task: enough to tell a spent link (409) from a revoked one (410). */
export interface PastTask {
  readonly seq: number;
  readonly nonce: string;
  readonly status: Exclude<TaskStatus, 'open'>;
}

export interface TimelineEvent {
  readonly at: string;
  readonly type: EventType;
  readonly level?: Level;
  readonly from?: string;
  readonly to?: string;
  readonly assignee?: Assignee;
  readonly by?: Assignee;
  readonly note?: string;
  readonly score?: number;
  readonly reason?: string;
  readonly reworkCount?: number;
  readonly outcome?: RatingOutcome;
  /** How many times this event happened in a row (repeated reminders are one entry). */
  readonly count?: number;
  /** A deferral's or pause's date. */
  readonly until?: string;
  /** The name of the department a transfer, a return or a department's escalation concerns (never a person's). */
  readonly department?: string;
}

/** What the workflow does after a settle step; stored so that a retried step returns the same answer. */
export type NextStep =
  | {
      readonly kind: 'offer';
      readonly after: string;
      readonly seq: number;
      readonly task: TaskKind;
      readonly level: Level;
      readonly assigneeId?: string | undefined;
      /** For a supervision task: who held the case when its resolve deadline passed. */
      readonly holder?: Task['holder'];
      /** Which wait of the same task this is: 0 when offered, one more for each reminder. */
      readonly round?: number | undefined;
      /** A department's task: which department and rung picks the assignee. */
      readonly department?: DepartmentDesk | undefined;
    }
  | { readonly kind: 'cohandle'; readonly after: string; readonly seq: number }
  | { readonly kind: 'rating' | 'closed'; readonly after: string };

export interface Rating {
  readonly score: number;
  readonly comment?: string | undefined;
  readonly at: string;
  /** The rework round it rates: a case may be rated once per round. */
  readonly round: number;
  /** The scale's verdict when it was given; absent on ratings older than configurable scales (read `verdictOf`). */
  readonly satisfied?: boolean | undefined;
  readonly reopens?: boolean | undefined;
  /** The accountable unit's appeal (申诉复核); an upheld one takes the rating out of the figures, never the record. */
  readonly appeal?: RatingAppeal | undefined;
}

export interface RatingAppeal {
  readonly status: 'pending' | 'upheld' | 'rejected';
  readonly by: Assignee;
  readonly reason: string;
  readonly at: string;
  readonly decidedBy?: Assignee | undefined;
  readonly decidedAt?: string | undefined;
  readonly note?: string | undefined;
}

export interface Resolution {
  readonly by: Assignee;
  readonly level: Level;
  readonly at: string;
  readonly note?: string | undefined;
  /** Absent on cases resolved before outcomes were recorded: read it through `outcomeOf`. */
  readonly outcome?: CaseOutcome | undefined;
}

/** A resident's report and everything that happened to it: the aggregate every state change writes at once. */
export interface Issue {
  readonly id: string;
  /** What people read out and type (`LS-20261130-0042`); absent on cases reported before case numbers. */
  readonly caseNumber?: string | undefined;
  readonly category: string;
  readonly description: string;
  readonly location: Location;
  readonly gridId: string;
  readonly communityId: string;
  readonly streetId: string;
  readonly districtId: string;
  readonly reporter?: Reporter | undefined;
  readonly anonymous: boolean;
  /** Absent on cases stored before sources were recorded: read it through `sourceOf`. */
  readonly source?: CaseSource | undefined;
  /** Set when a partner system (the 12345 hotline) handed the case over. */
  readonly partnerOrder?: PartnerOrder | undefined;
  /** A worker's own find handled on the spot (即报即办): closed when reported, never rated; counted apart. */
  readonly onTheSpot?: true | undefined;
  readonly status: IssueStatus;
  readonly level: Level;
  readonly overdue: boolean;
  readonly reworkCount: number;
  readonly terms?: CaseTerms | undefined;
  /** The resolve (办结) deadline of the whole case: set at the first assignment, kept when the case moves. */
  readonly resolveDeadline?: string | undefined;
  /** Reminders sent for the case, all tasks together. */
  readonly reminders?: number | undefined;
  /** The holder's deferral (延期) or pause (挂起) request, waiting for or given its answer. */
  readonly request?: ChangeRequest | undefined;
  /** Approved deferrals, and the latest one's date and reason, which the resident sees. */
  readonly deferrals?: number | undefined;
  readonly deferredUntil?: string | undefined;
  readonly deferReason?: string | undefined;
  /** Approved pauses; `pause` while one runs: its clock and reminders stop. */
  readonly pauses?: number | undefined;
  readonly pause?: { readonly since: string; readonly until: string } | undefined;
  /** The supervision (督办) deadline a supervisor set from the workbench: the holder's resolve task runs to it. */
  readonly supervisedUntil?: string | undefined;
  /** Set on a duplicate merged into the case it repeats (that case's id): it counts in no figure. */
  readonly mergedInto?: string | undefined;
  /** The latest transfer to a functional department, and how many the case had. */
  readonly transfer?: Transfer | undefined;
  readonly transfers?: number | undefined;
  /** The lead's latest request for co-handling departments (协办) and what each of them reported. */
  readonly coHandling?: CoHandling | undefined;
  /** The grid worker accountable for the case in the figures (the last one who held it at grid level). */
  readonly workerId?: string | undefined;
  readonly task?: Task | undefined;
  readonly pastTasks: readonly PastTask[];
  readonly rating?: Rating | undefined;
  readonly resolution?: Resolution | undefined;
  /** The rating's outcome; the work's own outcome is `resolution.outcome`. */
  readonly outcome?: RatingOutcome | undefined;
  readonly next?: NextStep | undefined;
  readonly timeline: readonly TimelineEvent[];
  /** Checked, stripped and re-encoded photos; absent on cases stored before photos existed. */
  readonly photos?: readonly Photo[] | undefined;
  readonly followUps?: readonly FollowUp[] | undefined;
  /** When the resident's contact details were erased (CONTACT_RETENTION after closing); the case stays whole. */
  readonly contactsErasedAt?: string | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Bumped by every write; each write is conditional on the version it read. */
  readonly version: number;
}
