import { sourceOf } from './case-source.ts';
import { LEVELS_TOP_DOWN, type Level, unitIdAt } from './hierarchy.ts';
import type { Issue } from './issue.ts';
import { outcomeOf, SOLVED_OR_ANSWERED } from './outcomes.ts';
import { countsInFigures, verdictOf } from './rating-scale.ts';

/**
 * What figures are kept for: each level of the ladder, top first, each grid worker, and each functional
 * department (职能部门) a case was transferred to.
 */
export const STAT_SCOPES = [...LEVELS_TOP_DOWN, 'worker', 'department'] as [StatScope, ...StatScope[]];
export type StatScope = Level | 'worker' | 'department';
/** The units whose figures a supervisor reads: the ladder's and the departments'. */
export type UnitScope = Level | 'department';

export const COUNTER_NAMES = [
  'received',
  'open',
  'resolved',
  'closed',
  'closedOnTime',
  'overdue',
  'reworked',
  'rated',
  'satisfied',
  'deferred',
  'paused',
  'reminded',
  'solvedOrAnswered',
  'onTheSpot',
  'transferred',
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];
export type Counters = Record<CounterName, number>;

/** Counter increments per scope key (`grid#g-001`), zeros left out. */
export type CounterDeltas = Record<string, Partial<Counters>>;

export function zeroCounters(): Counters {
  return Object.fromEntries(COUNTER_NAMES.map((name) => [name, 0])) as Counters;
}

export function scopeKey(scope: StatScope, id: string): string {
  return `${scope}#${id}`;
}

/** The scope a scope key (`grid#g-001`) names. */
export function scopeOfKey(key: string): StatScope {
  return key.slice(0, key.indexOf('#')) as StatScope;
}

/** The department a case counts in: the one of its latest transfer (转派), unless that department returned it. */
export function departmentOf(issue: Issue): string | undefined {
  return issue.transfer && !issue.transfer.returned ? issue.transfer.department.id : undefined;
}

/**
 * The scopes an issue counts in: its place in the hierarchy, the grid worker accountable for it, and the
 * department holding it by transfer, which counts it as well as (never instead of) the grid's chain.
 */
export function scopesOf(issue: Issue): string[] {
  const keys = LEVELS_TOP_DOWN.map((level) => scopeKey(level, unitIdAt(issue, level)));
  if (issue.workerId) keys.push(scopeKey('worker', issue.workerId));
  const department = departmentOf(issue);
  if (department) keys.push(scopeKey('department', department));
  return keys;
}

/**
 * What one issue adds to each figure, from its state alone. Every counter is this function summed over the
 * issues of a scope, which is what a recount checks and what makes counter updates a difference of two states.
 */
export function contributionOf(issue: Issue): Counters {
  // A duplicate merged into another case is that case: the kept one counts for both.
  if (issue.mergedInto) return zeroCounters();
  const closed = issue.status === 'closed';
  // An upheld appeal takes the rating out of the figures (the record keeps it), and a worker's own case (巡查)
  // has no resident to satisfy: it never enters the satisfaction figures.
  const rated = issue.rating !== undefined && countsInFigures(issue.rating) && sourceOf(issue) !== 'patrol';
  const outcome = issue.resolution && outcomeOf(issue.resolution);
  return {
    received: 1,
    open: closed ? 0 : 1,
    resolved: issue.resolution ? 1 : 0,
    closed: closed ? 1 : 0,
    closedOnTime: closed && !issue.overdue ? 1 : 0,
    overdue: issue.overdue ? 1 : 0,
    reworked: issue.reworkCount > 0 ? 1 : 0,
    rated: rated ? 1 : 0,
    satisfied: rated && issue.rating && verdictOf(issue.rating).satisfied ? 1 : 0,
    // An approved deferral or pause moves the deadline before it passes, so it never makes a case overdue.
    deferred: (issue.deferrals ?? 0) > 0 ? 1 : 0,
    paused: (issue.pauses ?? 0) > 0 ? 1 : 0,
    reminded: (issue.reminders ?? 0) > 0 ? 1 : 0,
    solvedOrAnswered: closed && outcome && SOLVED_OR_ANSWERED.includes(outcome) ? 1 : 0,
    onTheSpot: issue.onTheSpot ? 1 : 0,
    transferred: (issue.transfers ?? 0) > 0 ? 1 : 0,
  };
}

/**
 * The figures a period reports. Each counts the cases whose dating event (`datedBy`) fell in the period; `open`
 * and `resolved` describe the present, so they are totals only. `deferred` is here so that every published rate
 * (延期率 too) exists for any period.
 */
export const PERIOD_COUNTER_NAMES = [
  'received',
  'closed',
  'closedOnTime',
  'overdue',
  'reworked',
  'rated',
  'satisfied',
  'solvedOrAnswered',
  'onTheSpot',
  'deferred',
  'transferred',
] as const satisfies readonly CounterName[];
export type PeriodCounterName = (typeof PERIOD_COUNTER_NAMES)[number];

/** The instant that dates each period figure of a case; a count moves to another day when its instant moves. */
export function datedBy(issue: Issue): Record<PeriodCounterName, string> {
  const first = (type: string) => issue.timeline.find((event) => event.type === type)?.at ?? issue.updatedAt;
  const closedAt = issue.timeline.findLast((event) => event.type === 'closed')?.at ?? issue.updatedAt;
  const ratedAt = issue.rating?.at ?? issue.updatedAt;
  return {
    received: issue.createdAt,
    closed: closedAt,
    closedOnTime: closedAt,
    overdue: first('escalated'),
    reworked: first('reopened'),
    rated: ratedAt,
    satisfied: ratedAt,
    solvedOrAnswered: closedAt,
    onTheSpot: issue.createdAt,
    deferred: first('deferred'),
    transferred: first('transferred'),
  };
}

/** How the day items split period figures by one dimension. */
export interface BreakdownRule {
  /** The case's value in the dimension; none yet (an outcome before resolution) counts in no share. */
  readonly of: (issue: Issue) => string | undefined;
  /** The period figures split by it: each one more attribute on the day items, so only those worth asking. */
  readonly counters: readonly PeriodCounterName[];
  /** The scopes whose day items carry it. */
  readonly scopes: readonly StatScope[];
}

/**
 * The dimensions figures break down by. Category splits the seven figures it split before sources and outcomes,
 * at every scope. Source splits the figures a channel is judged by (not `reworked`, and not `onTheSpot`, which is
 * patrol's alone), and outcome splits `closed`: the outcome is known once resolved, and counting it on any
 * other figure would rewrite the day the case was received. Both are kept for units only: a person's figures
 * are not published, and the day items of the district and street, written in nearly every batch, are where
 * each attribute costs.
 */
export const BREAKDOWNS = {
  category: {
    of: (issue) => issue.category,
    counters: ['received', 'closed', 'closedOnTime', 'overdue', 'reworked', 'rated', 'satisfied'],
    scopes: STAT_SCOPES,
  },
  source: {
    of: sourceOf,
    counters: ['received', 'closed', 'closedOnTime', 'overdue', 'rated', 'satisfied', 'solvedOrAnswered'],
    scopes: LEVELS_TOP_DOWN,
  },
  outcome: {
    of: (issue) => issue.resolution && outcomeOf(issue.resolution),
    counters: ['closed'],
    scopes: LEVELS_TOP_DOWN,
  },
} as const satisfies Record<string, BreakdownRule>;
export type Breakdown = keyof typeof BREAKDOWNS;
export const BREAKDOWN_NAMES = Object.keys(BREAKDOWNS) as [Breakdown, ...Breakdown[]];

/** The snapshot of an issue's contribution that counters already include. */
export interface CountedSnapshot {
  readonly scopes: readonly string[];
  readonly counters: Counters;
}

export function snapshotOf(issue: Issue): CountedSnapshot {
  return { scopes: scopesOf(issue), counters: contributionOf(issue) };
}

/** Increments that take the counters from `before` (nothing, for a new issue) to `after` (nothing, once deleted). */
export function deltasBetween(
  before: CountedSnapshot | undefined,
  after: CountedSnapshot | undefined,
): CounterDeltas {
  const deltas: CounterDeltas = {};
  const add = (scope: string, counters: Counters, sign: 1 | -1) => {
    for (const name of COUNTER_NAMES) {
      const value = counters[name] * sign;
      if (value === 0) continue;
      const entry = deltas[scope] ?? {};
      deltas[scope] = entry;
      entry[name] = (entry[name] ?? 0) + value;
      if (entry[name] === 0) delete entry[name];
    }
    if (deltas[scope] && Object.keys(deltas[scope]).length === 0) delete deltas[scope];
  };
  if (before) for (const scope of before.scopes) add(scope, before.counters, -1);
  if (after) for (const scope of after.scopes) add(scope, after.counters, 1);
  return deltas;
}

export interface StatsView extends Counters {
  readonly scope: StatScope;
  readonly id: string;
  readonly satisfactionRate: number | null;
}

/** satisfied ÷ rated to four places; null before any rating. */
export function satisfactionRateOf(counters: { rated: number; satisfied: number }): number | null {
  return counters.rated > 0 ? Math.round((counters.satisfied / counters.rated) * 10000) / 10000 : null;
}

export function statsView(scope: StatScope, id: string, counters: Counters): StatsView {
  return { scope, id, ...counters, satisfactionRate: satisfactionRateOf(counters) };
}
