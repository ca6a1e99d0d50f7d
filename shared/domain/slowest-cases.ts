import type { Issue } from './issue.ts';
import { scopeOfKey, scopesOf } from './stats.ts';
import { chinaDay, timeBetween, type WorkCalendar } from './working-time.ts';

/** The slowest cases a monthly report names. */
export const SLOWEST_SHOWN = 10;
/**
 * How many each list keeps: more than it shows, so that a case leaving the list (reopened for rework) leaves a
 * successor behind. Bounded, so a list is one small item however many cases close in a month.
 */
export const SLOWEST_KEPT = 20;

/** A closed case as the slowest-cases list names it: no resident's details, only what a report prints. */
export interface SlowCase {
  readonly id: string;
  readonly caseNumber: string | null;
  readonly category: string;
  readonly gridId: string;
  readonly closedAt: string;
  /** From receipt to resolution on the case's own clock (working time, or calendar time for emergencies). */
  readonly takenMs: number;
}

/** Per list (scope key → China month `yyyy-mm`) each case's entry, or null where the case leaves it. */
export type SlowestChanges = Record<string, Record<string, Record<string, SlowCase | null>>>;

/** The China month (`yyyy-mm`) of an instant. */
export function chinaMonth(instant: string): string {
  return chinaDay(instant).slice(0, 7);
}

/** A closed case's entry and the month it closed in (the month its `closed` figure counts in); none while open. */
export function slowCaseOf(
  issue: Issue,
  calendar: WorkCalendar,
): { month: string; entry: SlowCase } | undefined {
  if (issue.status !== 'closed') return undefined;
  const closedAt = issue.timeline.findLast((event) => event.type === 'closed')?.at ?? issue.updatedAt;
  const doneAt = issue.resolution?.at ?? closedAt;
  const basis = issue.terms?.timeBasis ?? 'working';
  return {
    month: chinaMonth(closedAt),
    entry: {
      id: issue.id,
      caseNumber: issue.caseNumber ?? null,
      category: issue.category,
      gridId: issue.gridId,
      closedAt,
      takenMs: timeBetween(new Date(issue.createdAt), new Date(doneAt), basis, calendar),
    },
  };
}

/** The lists a case is named in: its units' and its department's, not a person's (their figures are not published). */
const listScopes = (issue: Issue) => scopesOf(issue).filter((key) => scopeOfKey(key) !== 'worker');

/**
 * What one change of a case does to the slowest-cases lists: it leaves the lists of its state before and
 * enters those of its state after (the same list, when both, simply takes the newer entry).
 */
export function slowestChangesBetween(
  before: Issue | undefined,
  after: Issue | undefined,
  calendar: WorkCalendar,
): SlowestChanges {
  const changes: SlowestChanges = {};
  const put = (issue: Issue, entry: (slow: SlowCase) => SlowCase | null) => {
    const slow = slowCaseOf(issue, calendar);
    if (!slow) return;
    for (const key of listScopes(issue)) {
      const months = changes[key] ?? {};
      changes[key] = months;
      const cases = months[slow.month] ?? {};
      months[slow.month] = cases;
      cases[issue.id] = entry(slow.entry);
    }
  };
  if (before) put(before, () => null);
  if (after) put(after, (entry) => entry);
  return changes;
}

/** Slowest first; equal times by the earlier close, then by id, so a list's order never depends on arrival. */
export function bySlowest(a: SlowCase, b: SlowCase): number {
  return b.takenMs - a.takenMs || a.closedAt.localeCompare(b.closedAt) || a.id.localeCompare(b.id);
}

/** A list after some changes: entries set or removed by case, the slowest `SLOWEST_KEPT` kept. */
export function mergeSlowest(
  current: readonly SlowCase[],
  changes: Readonly<Record<string, SlowCase | null>>,
): SlowCase[] {
  const byId = new Map(current.map((entry) => [entry.id, entry]));
  for (const [id, entry] of Object.entries(changes)) {
    if (entry) byId.set(id, entry);
    else byId.delete(id);
  }
  return [...byId.values()].sort(bySlowest).slice(0, SLOWEST_KEPT);
}
