import { ActionNotAllowedError, IssueStateConflictError, LinkGoneError, LinkUsedError } from './errors.ts';
import type { Assignee, Issue, Task, TimelineEvent } from './issue.ts';
import { publicViewOf } from './public-view.ts';
import type { Department } from './registry.ts';
import { advance } from './task-transitions.ts';

/** At most this many co-handling departments (协办) on one request: one matter, not a circular to every office. */
export const MAX_CO_HANDLERS = 5;

/**
 * Co-handlers' links live beside the lead's tasks under numbers of their own: the lead's tasks count up from 1,
 * co-handlers from here, so a link names one task or one co-handler, never both.
 */
export const CO_HANDLER_SEQ_BASE = 9000;

/** One co-handling department's own task: its person, its link (signed with `nonce`) and its deadline. */
export interface CoHandler {
  readonly seq: number;
  readonly department: { readonly id: string; readonly name: string };
  readonly assignee: Assignee;
  readonly nonce: string;
  readonly deadline: string;
  /** What the department did, in its own words; absent while it has not reported. */
  readonly report?: { readonly note: string; readonly at: string } | undefined;
}

/**
 * A lead's (主办) request for co-handling (协办) on its resolve task `leadSeq`: `asked` while the co-handlers
 * work, `done` once the workflow has waited for every one of them (reported, or its deadline passed).
 */
export interface CoHandling {
  readonly leadSeq: number;
  readonly by: Assignee;
  readonly note: string;
  readonly at: string;
  readonly status: 'asked' | 'done';
  readonly coHandlers: readonly CoHandler[];
}

export type CoHandlerStatus = 'reported' | 'pending' | 'overdue';

/** Where a co-handler stands as the lead sees it: reported, still working, or past its deadline without a word. */
export function coHandlerStatus(coHandler: CoHandler, now: string): CoHandlerStatus {
  if (coHandler.report) return 'reported';
  return now >= coHandler.deadline ? 'overdue' : 'pending';
}

/** Whether a co-handler's wait is over: it reported, or its deadline passed. */
export function coHandlerSettled(coHandler: CoHandler, now: string): boolean {
  return coHandlerStatus(coHandler, now) !== 'pending';
}

/** The co-handling running on `task`, if the lead asked for one on it and the workflow has not finished it. */
export function runningCoHandling(issue: Pick<Issue, 'coHandling'>, task: { readonly seq?: number }) {
  const coHandling = issue.coHandling;
  return coHandling && coHandling.leadSeq === task.seq && coHandling.status === 'asked'
    ? coHandling
    : undefined;
}

/** A co-handling department as the request names it, with the person picked to handle it. */
export interface CoHandlerOffer {
  readonly department: Pick<Department, 'id' | 'name'>;
  readonly assignee: Assignee;
  readonly nonce: string;
}

/**
 * The lead names co-handling departments on its open resolve task: each gets its own task and link with
 * `deadline`; the lead keeps the case and its link, and resolves once every co-handler reported or its
 * deadline passed. A lead's own department, a repeated department or a second request are refused.
 */
export function askCoHandling(
  issue: Issue,
  task: Task,
  request: { offers: readonly CoHandlerOffer[]; note: string; deadline: string; now: string },
): Issue {
  const { offers, note, now } = request;
  if (task.kind !== 'resolve') throw new ActionNotAllowedError('co_handle', []);
  if (issue.coHandling?.leadSeq === task.seq || issue.request?.status === 'pending') {
    // One request at a time: an approval landing during co-handling would wake a workflow not listening for it.
    throw new IssueStateConflictError('Co-handling was already asked for, or a request awaits its answer.');
  }
  if (offers.length === 0 || offers.length > MAX_CO_HANDLERS || !note) {
    throw new ActionNotAllowedError('co_handle without departments or a note', ['co_handle']);
  }
  const base = Math.max(CO_HANDLER_SEQ_BASE, ...(issue.coHandling?.coHandlers ?? []).map((c) => c.seq));
  const coHandlers = offers.map(
    (offer, index): CoHandler => ({
      seq: base + index + 1,
      department: { id: offer.department.id, name: offer.department.name },
      assignee: offer.assignee,
      nonce: offer.nonce,
      deadline: request.deadline,
    }),
  );
  const event: TimelineEvent = {
    at: now,
    type: 'co_handling',
    level: task.level,
    by: task.assignee,
    department: coHandlers.map((coHandler) => coHandler.department.name).join('、'),
    note,
  };
  const coHandling: CoHandling = {
    leadSeq: task.seq,
    by: task.assignee,
    note,
    at: now,
    status: 'asked',
    coHandlers,
  };
  return advance(issue, now, { coHandling }, event);
}

/** The co-handler behind link number `seq`, if the case has one. */
export function coHandlerOf(issue: Pick<Issue, 'coHandling'>, seq: number): CoHandler | undefined {
  return issue.coHandling?.coHandlers.find((coHandler) => coHandler.seq === seq);
}

/**
 * Fails unless co-handler `seq` may still report: a spent link (it reported, or the lead has resolved or moved
 * the case on) is a conflict; a passed deadline expires the link (the lead saw it pass).
 */
export function requireReportable(issue: Issue, seq: number, now: string): CoHandler {
  const coHandler = coHandlerOf(issue, seq);
  const current = () => publicViewOf(issue, now);
  if (!coHandler) throw new LinkGoneError(issue.id, 'revoked', current());
  const lead = issue.task;
  const running = lead ? runningCoHandling(issue, lead) : undefined;
  if (coHandler.report) throw new LinkUsedError(issue.id, current());
  if (now >= coHandler.deadline) throw new LinkGoneError(issue.id, 'expired', current());
  if (!running || lead?.status !== 'open') throw new LinkUsedError(issue.id, current());
  return coHandler;
}

/** A co-handler's report (协办反馈): one conditional write; the lead sees it on its own link. */
export function reportCoHandling(issue: Issue, seq: number, note: string, now: string): Issue {
  const coHandler = requireReportable(issue, seq, now);
  const coHandling = issue.coHandling as CoHandling;
  const coHandlers = coHandling.coHandlers.map((each) =>
    each.seq === seq ? { ...each, report: { note, at: now } } : each,
  );
  const event: TimelineEvent = {
    at: now,
    type: 'co_reported',
    by: coHandler.assignee,
    department: coHandler.department.name,
    note,
  };
  return advance(issue, now, { coHandling: { ...coHandling, coHandlers } }, event);
}

/**
 * The co-handling is over once every co-handler reported or its deadline passed; the workflow marks it `done`
 * as it gives the lead's task back its wait. Unchanged (the same object) when there is nothing to mark.
 */
export function finishCoHandling(issue: Issue, now: string): Issue {
  const coHandling = issue.coHandling;
  const task = issue.task;
  if (!coHandling || !task || !runningCoHandling(issue, task)) return issue;
  if (!coHandling.coHandlers.every((coHandler) => coHandlerSettled(coHandler, now))) return issue;
  return advance(issue, now, { coHandling: { ...coHandling, status: 'done' } });
}
