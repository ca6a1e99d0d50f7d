import type { Level } from './hierarchy.ts';
import type { PublicIssueView } from './public-view.ts';

/** Base of every failure the domain names; the HTTP edge maps each subclass to a status code. */
export abstract class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InvalidDurationError extends DomainError {
  constructor(readonly value: string) {
    super(`Not an ISO 8601 duration of days, hours, minutes or seconds: ${value}`);
  }
}

/** The report names a place no grid covers (an unknown grid id, an unregistered address, a point outside). */
export class LocationNotFoundError extends DomainError {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** A registered place as a resident recognises it: the address, its grid and community by name. */
export interface PlaceCandidate {
  readonly address: string;
  readonly gridId: string;
  readonly gridName: string;
  readonly communityName: string;
}

/** A typed address matches registered addresses of more than one grid: the resident must pick one. */
export class AmbiguousAddressError extends DomainError {
  readonly field = 'location.address';
  constructor(readonly candidates: readonly PlaceCandidate[]) {
    super('The address matches registered addresses of several grids; give one of the candidates');
  }
}

export class IssueNotFoundError extends DomainError {
  // Spelled out: the workflow matches it by name, and bundles are minified.
  override readonly name = 'IssueNotFoundError';
  constructor(readonly issueId: string) {
    super(`No issue ${issueId}`);
  }
}

/** An approval link that never existed or was forged. */
export class LinkNotFoundError extends DomainError {
  constructor() {
    super('This link is not valid.');
  }
}

/** An approval link that was already acted on; `current` says where the case is now. */
export class LinkUsedError extends DomainError {
  constructor(
    readonly issueId: string,
    readonly current?: PublicIssueView,
  ) {
    super('This link has already been used.');
  }
}

/** An approval link whose task passed its deadline or moved to someone else; `current` says where the case is now. */
export class LinkGoneError extends DomainError {
  constructor(
    readonly issueId: string,
    readonly reason: 'expired' | 'revoked',
    readonly current?: PublicIssueView,
  ) {
    super(reason === 'expired' ? 'This link has expired.' : 'This task has moved on; the link was revoked.');
  }
}

/** The action is not one this task offers (e.g. a grid worker trying to reassign). */
export class ActionNotAllowedError extends DomainError {
  constructor(
    readonly action: string,
    readonly allowed: readonly string[],
  ) {
    super(`Action ${action} is not offered by this task; allowed: ${allowed.join(', ')}`);
  }
}

export class TrackingTokenMismatchError extends DomainError {
  constructor() {
    super('The tracking token does not match this issue.');
  }
}

/** The issue is not in a state that accepts this request (e.g. a rating before it was resolved). */
export class IssueStateConflictError extends DomainError {}

/** Another writer changed the issue first; the caller may reload and retry. */
export class ConcurrentUpdateError extends DomainError {}

/** The same Idempotency-Key was used with a different request body. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('This Idempotency-Key was already used with a different request body.');
  }
}

/** A partner sent an order number it used before with a different case body. */
export class OrderNumberReusedError extends DomainError {
  constructor(readonly issueId: string) {
    super('This order number was already used for a case with different content.');
  }
}

/** No case of this partner carries the order number. */
export class PartnerOrderNotFoundError extends DomainError {
  constructor() {
    super('No case with this order number.');
  }
}

/** A referenced grid (e.g. the target of a reassignment) does not exist. */
export class GridNotFoundError extends DomainError {
  constructor(
    readonly gridId: string,
    readonly field: string,
  ) {
    super(`No grid ${gridId}`);
  }
}

/** A transfer names a department the registry does not hold (or a unit that is not a department). */
export class DepartmentNotFoundError extends DomainError {
  constructor(
    readonly departmentId: string,
    /** The request field that named it (`departmentId`, or one of a co-handling request's `departmentIds`). */
    readonly field = 'departmentId',
    detail?: string,
  ) {
    super(
      detail ??
        (departmentId
          ? `No department ${departmentId}`
          : 'A transfer names the department to send the case to'),
    );
  }
}

/** A page cursor that no listing of ours produced. */
export class InvalidCursorError extends DomainError {
  constructor() {
    super('The cursor is not one this API returned.');
  }
}

/** A list filter that means nothing for the unit asking (a level, to a department); `field` names it. */
export class FilterNotApplicableError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A unit (district, street, community or grid) unknown to the registry. */
export class UnitNotFoundError extends DomainError {
  constructor(
    readonly scope: Level | 'department',
    readonly id: string,
  ) {
    super(`No ${scope} ${id}`);
  }
}

/** A supervisor asked for a unit outside their own part of the tree. */
export class OutsideUnitError extends DomainError {
  constructor(
    readonly scope: Level | 'department',
    readonly id: string,
  ) {
    super(`The ${scope} ${id} is outside your unit.`);
  }
}

/** A worker's route asked by someone the registry does not list as a grid worker of the token's grid. */
export class NotAGridWorkerError extends DomainError {
  constructor() {
    super('Only a signed-in grid worker reports on their grid (gridwork:person and a grid:<id> unit).');
  }
}

/** A signed-in supervisor whose token names no unit reads nothing. */
export class NoUnitAssignedError extends DomainError {
  constructor() {
    super('Your account is not assigned to a unit (gridwork:unit claim or unit:<scope>:<id> group).');
  }
}

/** Figures of one person are for their supervisors, not for publication. */
export class FiguresNotPublishedError extends DomainError {
  constructor(
    readonly scope: string,
    why = 'are not published',
  ) {
    super(`Figures of one ${scope} ${why}.`);
  }
}

/** The audit trail is the district's to read: a street's or a community's supervisor is refused. */
export class DistrictOnlyError extends DomainError {
  constructor() {
    super('Only the district reads the audit trail.');
  }
}

/** Follow-up calls (回访) are the ladder's: a department's token is refused there. */
export class LadderUnitOnlyError extends DomainError {
  constructor(readonly id: string) {
    super(
      `Follow-up calls are made by the supervisors of grids, communities, streets and the district; department ${id} ` +
        'sees its cases on the workbench and acts on them through their links.',
    );
  }
}

/** A decision was stored but the workflow could not be woken; it applies by the deadline at the latest. */
export class WorkflowUnavailableError extends DomainError {
  constructor(cause: unknown) {
    super('The decision was recorded but the workflow could not be reached.', { cause });
  }
}

/**
 * Nobody registered anywhere on the ladder above the issue's grid can take it: the registry is incomplete.
 * Retrying cannot help, so the workflow fails at once and ops are called.
 */
export class NoAssigneeError extends DomainError {
  // Spelled out: the workflow matches it by name, and bundles are minified.
  override readonly name = 'NoAssigneeError';
  constructor(readonly issueId: string) {
    super(`Nobody on the ladder of ${issueId} can take the case`);
  }
}

/** Failures of a workflow step that a retry cannot mend: the workflow fails at once instead. */
export const PERMANENT_STEP_ERRORS = ['IssueNotFoundError', 'NoAssigneeError'] as const;

/** A deferral or pause date the rules do not allow (in the past, beyond the limit); `field` names the input. */
export class InvalidChangeDateError extends DomainError {
  constructor(
    message: string,
    readonly field = 'until',
  ) {
    super(message);
  }
}
