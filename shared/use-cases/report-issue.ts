import { createHash } from 'node:crypto';
import { snapshotTerms } from '#domain/case-deadlines.ts';
import { caseNumberDay, casePrefixOf, formatCaseNumber } from '#domain/case-number.ts';
import type { CaseSource, PartnerOrder } from '#domain/case-source.ts';
import { IdempotencyKeyReusedError, OrderNumberReusedError, OutsideUnitError } from '#domain/errors.ts';
import { closeOnTheSpot, createIssue, type OnTheSpot } from '#domain/intake.ts';
import type { Issue, Location, Reporter } from '#domain/issue.ts';
import { newIssueId, trackingToken } from '#domain/links.ts';
import { isOrderOf, partnerOrderIssueId } from '#domain/partner-orders.ts';
import type { Grid } from '#domain/registry.ts';
import type { Deps } from './deps.ts';
import { resolveGrid } from './resolve-grid.ts';

export interface Report {
  readonly category: string;
  readonly description: string;
  readonly location: Location;
  readonly reporter?: Reporter | undefined;
  readonly anonymous?: boolean | undefined;
  /** How it came in; a resident's own web report unless said. */
  readonly source?: CaseSource | undefined;
  /** A partner's order: the case id follows from it, so the same order is one case however often it is sent. */
  readonly partnerOrder?: Omit<PartnerOrder, 'requestHash'> | undefined;
  /** A worker reporting (on their round or for a resident) reports in their own grid only. */
  readonly withinGrid?: string | undefined;
  /** A worker's find they handled at once (即报即办): stored closed, and no workflow runs. */
  readonly onTheSpot?: OnTheSpot | undefined;
}

export interface Receipt {
  readonly issue: Issue;
  readonly trackingToken: string;
  /** False when the request found the case an earlier one created (same Idempotency-Key or order number). */
  readonly created: boolean;
}

type ReportDeps = Pick<Deps, 'issues' | 'idempotency' | 'caseNumbers' | 'registry' | 'clock' | 'keys'>;

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

/** The next case number of the grid's district for the day of `now` (one counter write). */
async function nextCaseNumber(deps: ReportDeps, grid: Grid, now: string): Promise<string> {
  const prefix = casePrefixOf(await deps.registry.getUnit(grid.districtId));
  const day = caseNumberDay(now);
  return formatCaseNumber(prefix, day, await deps.caseNumbers.next(prefix, day));
}

/**
 * Takes a resident's report: routes it to a grid, numbers it and stores it, in one write; the stored case's
 * change record starts its workflow (`takeUpNewCases`), so intake answers without waiting for it and no accepted
 * case is left unstarted. With an Idempotency-Key, a repeated request finds the first issue without taking a
 * second case number; the key must be unguessable (see `idempotencyKey`), as its repetition returns the tracking
 * token.
 */
export async function reportIssue(
  deps: ReportDeps,
  report: Report,
  idempotencyKey?: string,
): Promise<Receipt> {
  const grid = await resolveGrid(deps.registry, report.location);
  if (report.withinGrid !== undefined && grid.id !== report.withinGrid) {
    throw new OutsideUnitError('grid', grid.id);
  }
  const order = report.partnerOrder;
  let id = order ? partnerOrderIssueId(order.partnerId, order.orderNo) : newIssueId();
  let earlierIssue: Issue | undefined;
  // A partner's order names its case: one sent again finds it, without taking a second case number.
  if (order) earlierIssue = (await deps.issues.get(id))?.issue;
  if (idempotencyKey) {
    const requestHash = hashOf(report);
    // Stored hashed: a copy of the table cannot replay a key to learn a tracking token.
    const earlier = await deps.idempotency.claim(
      hashOf(['idempotency-key', idempotencyKey]),
      requestHash,
      id,
    );
    if (earlier && earlier.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
    if (earlier) {
      id = earlier.issueId;
      earlierIssue = (await deps.issues.get(id))?.issue;
    }
  }
  let issue = earlierIssue;
  let created = false;
  if (!issue) {
    const now = deps.clock.now().toISOString();
    const reported = createIssue({
      id,
      caseNumber: await nextCaseNumber(deps, grid, now),
      category: report.category,
      description: report.description,
      location: report.location,
      reporter: report.reporter,
      anonymous: report.anonymous ?? false,
      source: report.source,
      ...(order ? { partnerOrder: { ...order, requestHash: hashOf(report) } } : {}),
      grid,
      now,
      terms: snapshotTerms(report.category),
    });
    const fresh = report.onTheSpot ? closeOnTheSpot(reported, report.onTheSpot) : reported;
    created = await deps.issues.create(fresh);
    issue = created ? fresh : ((await deps.issues.get(id))?.issue ?? fresh);
  }
  if (
    order &&
    (!isOrderOf(issue, order.partnerId, order.orderNo) || issue.partnerOrder?.requestHash !== hashOf(report))
  ) {
    throw new OrderNumberReusedError(id);
  }
  return { issue, trackingToken: trackingToken(deps.keys.linkKey, id), created };
}
