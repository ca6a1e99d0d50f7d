import type { Issue } from './issue.ts';
import {
  BREAKDOWN_NAMES,
  BREAKDOWNS,
  type Breakdown,
  type CounterDeltas,
  contributionOf,
  datedBy,
  deltasBetween,
  PERIOD_COUNTER_NAMES,
  type PeriodCounterName,
  type StatScope,
  scopeOfKey,
  scopesOf,
  snapshotOf,
} from './stats.ts';
import { chinaDay } from './working-time.ts';

/** A day item's figures: each period counter by name, and each breakdown's share (`category:roads:received`). */
export type DayFigures = Record<string, number>;

/** Per-day increments: scope key (`grid#g-001`) → day (`2026-11-28`) → figure → increment, zeros left out. */
export type DailyDeltas = Record<string, Record<string, DayFigures>>;

/** Everything one change of a case moves: the totals of its scopes and their day items. */
export interface CounterChange {
  readonly totals: CounterDeltas;
  readonly daily: DailyDeltas;
}

/** The name a breakdown's share of a figure is kept under on a day item. */
export function breakdownFigure(breakdown: Breakdown, value: string, counter: PeriodCounterName): string {
  return `${breakdown}:${value}:${counter}`;
}

/** The breakdown value and counter of a figure name written by `breakdownFigure`, if it is one of `breakdown`'s. */
export function parseBreakdownFigure(
  breakdown: Breakdown,
  name: string,
): { value: string; counter: PeriodCounterName } | undefined {
  if (!name.startsWith(`${breakdown}:`)) return undefined;
  const counter = name.slice(name.lastIndexOf(':') + 1) as PeriodCounterName;
  if (!PERIOD_COUNTER_NAMES.includes(counter)) return undefined;
  return { value: name.slice(breakdown.length + 1, name.lastIndexOf(':')), counter };
}

function addDays(issue: Issue, sign: 1 | -1, into: DailyDeltas): void {
  const counters = contributionOf(issue);
  const dates = datedBy(issue);
  const values = BREAKDOWN_NAMES.flatMap((breakdown) => {
    const value = BREAKDOWNS[breakdown].of(issue);
    return value === undefined ? [] : [[breakdown, value] as const];
  });
  for (const scope of scopesOf(issue)) {
    const days = into[scope] ?? {};
    into[scope] = days;
    const kept = values.filter(([breakdown]) =>
      (BREAKDOWNS[breakdown].scopes as readonly StatScope[]).includes(scopeOfKey(scope)),
    );
    for (const counter of PERIOD_COUNTER_NAMES) {
      if (counters[counter] === 0) continue;
      const day = chinaDay(dates[counter]);
      const figures = days[day] ?? {};
      days[day] = figures;
      const names = [
        counter,
        ...kept.flatMap(([breakdown, value]) =>
          (BREAKDOWNS[breakdown].counters as readonly PeriodCounterName[]).includes(counter)
            ? [breakdownFigure(breakdown, value, counter)]
            : [],
        ),
      ];
      for (const name of names) {
        figures[name] = (figures[name] ?? 0) + sign * counters[counter];
        if (figures[name] === 0) delete figures[name];
      }
      if (Object.keys(figures).length === 0) delete days[day];
    }
    if (Object.keys(days).length === 0) delete into[scope];
  }
}

/**
 * Per-day increments that take the day items from `before` (nothing, for a new case) to `after` (nothing, once
 * deleted): each period figure counts on the China day of its dating event, in every scope of the case.
 */
export function dailyDeltasBetween(before: Issue | undefined, after: Issue | undefined): DailyDeltas {
  const daily: DailyDeltas = {};
  if (before) addDays(before, -1, daily);
  if (after) addDays(after, 1, daily);
  return daily;
}

/**
 * What one change of a case (a stream record's old and new image) adds to every counter item. Summed over the
 * stored cases from nothing, it is the recount the roll-ups must equal.
 */
export function changeOf(before: Issue | undefined, after: Issue | undefined): CounterChange {
  return {
    totals: deltasBetween(before && snapshotOf(before), after && snapshotOf(after)),
    daily: dailyDeltasBetween(before, after),
  };
}
