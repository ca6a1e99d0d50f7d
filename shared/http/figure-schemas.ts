// The answers of the figures routes (GET /stats and the dashboard's API), for the OpenAPI document; tied to the
// types their use-cases return by the checks at the end.
import * as z from 'zod';
import { LEVELS } from '#domain/hierarchy.ts';
import { STAT_SCOPES, type StatsView } from '#domain/stats.ts';
import type { NamedUnit, UnitFigures, WatchedCase } from '#use-cases/dashboard.ts';
import type { MonthlyReport } from '#use-cases/monthly-report.ts';
import type { PeriodStatsView, TotalStatsView } from '#use-cases/unit-stats.ts';
import { type Agree, caseNumber, instant, level } from './schema-primitives.ts';

const count = z.number().int();

export const statsView = z.object({
  scope: z.enum(STAT_SCOPES),
  id: z.string(),
  received: count,
  open: count,
  resolved: count,
  closed: count,
  closedOnTime: count,
  overdue: count,
  reworked: count,
  rated: count,
  satisfied: count,
  deferred: count.meta({ description: 'Cases with an approved deferral (延期)' }),
  paused: count.meta({ description: 'Cases paused (挂起) at least once' }),
  reminded: count.meta({ description: 'Cases whose holder was reminded (催办) at least once' }),
  solvedOrAnswered: count.meta({
    description: 'Closed cases whose outcome was `solved` or `explained`: the published "solved or answered"',
  }),
  onTheSpot: count.meta({ description: 'Worker-found cases handled on the spot (即报即办)' }),
  transferred: count.meta({
    description:
      'Cases transferred (转派) to a functional department: out of a ladder unit, into a department',
  }),
  satisfactionRate: z.number().nullable().meta({ description: 'satisfied ÷ rated; null before any rating' }),
});

const asOf = z.string().nullable().meta({
  description: 'When the newest change these figures include was made (they trail the cases by seconds)',
});
const periodCounters = z.object({
  received: count,
  closed: count,
  closedOnTime: count,
  overdue: count,
  reworked: count,
  rated: count,
  satisfied: count,
  solvedOrAnswered: count,
  onTheSpot: count,
  deferred: count.meta({ description: 'Cases whose first approved deferral (延期) fell in the period' }),
  transferred: count.meta({ description: 'Cases whose first transfer (转派) fell in the period' }),
});
const chinaDay = z.string().meta({ description: 'A day in China Standard Time, yyyy-mm-dd' });

/** GET /stats: a unit's totals, or its figures for a range of days (with `period`, or `from` and `to`). */
export const statsAnswer = z.union([
  statsView.extend({ asOf }),
  periodCounters.extend({
    scope: z.enum(STAT_SCOPES),
    id: z.string(),
    from: chinaDay,
    to: chinaDay,
    satisfactionRate: z.number().nullable(),
    breakdown: z
      .record(z.string(), z.record(z.string(), periodCounters.partial()))
      .optional()
      .meta({
        description:
          'The asked breakdown → each value → its share of the figures it splits: the seven older figures by ' +
          '`category`; all but `reworked` and `onTheSpot` by `source`; `closed` by `outcome`',
      }),
    asOf,
  }),
]);

/** A unit of the ladder or a functional department. */
export const unitScope = z.enum([...LEVELS, 'department']);
export const unitRef = z.object({ scope: unitScope, id: z.string(), name: z.string() });
export const unitFigures = unitRef.extend({ stats: statsView });

export const dashboardFigures = z.object({
  unit: unitFigures,
  parents: z.array(unitRef),
  children: z.array(unitFigures),
});

export const dashboardOverdue = z.object({
  scope: unitScope,
  id: z.string(),
  truncated: z.boolean(),
  items: z.array(
    z.object({
      id: z.string(),
      caseNumber,
      category: z.string(),
      gridId: z.string(),
      gridName: z.string(),
      level,
      status: z.string(),
      assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
      deadline: instant.nullable(),
      overdue: z.boolean(),
      escalated: z.boolean(),
      createdAt: instant,
    }),
  ),
});

export const dashboardDaily = z.object({
  scope: unitScope,
  id: z.string(),
  days: z.array(
    z.object({
      day: z.string().meta({ description: 'yyyy-mm-dd, China Standard Time' }),
      received: z.number().int(),
      closed: z.number().int(),
    }),
  ),
});

const rates = {
  onTimeRate: z.number().nullable().meta({ description: '按期办结率: closed on time ÷ closed' }),
  satisfactionRate: z.number().nullable().meta({ description: '满意率: satisfied ÷ rated' }),
  reworkRate: z.number().nullable().meta({ description: '返工率: reworked ÷ closed' }),
  deferralRate: z.number().nullable().meta({ description: '延期率: deferred ÷ received' }),
};
const rateInputs = {
  received: count,
  closed: count,
  closedOnTime: count,
  reworked: count,
  rated: count,
  satisfied: count,
  deferred: count.optional(),
};
const monthFigures = z.object({
  ...rates,
  counts: z.object({ ...rateInputs, overdue: count, solvedOrAnswered: count }),
});

/** GET /dashboard/api/report: one unit's month, the month before, its units ranked, its slowest cases. */
export const monthlyReport = z.object({
  unit: unitRef,
  month: z.string().meta({ description: 'yyyy-mm, China time' }),
  range: z.object({ from: chinaDay, to: chinaDay }),
  previousMonth: z.string(),
  days: z.array(z.object({ day: chinaDay, received: count, closed: count })),
  figures: monthFigures,
  previous: monthFigures,
  ranking: z.array(
    unitRef.extend({
      ...rates,
      rank: z.number().int().nullable(),
      counts: z.object({ ...rateInputs, overdue: count }),
    }),
  ),
  slowest: z.array(
    z.object({
      id: z.string(),
      caseNumber,
      category: z.string(),
      gridId: z.string(),
      gridName: z.string(),
      closedAt: instant,
      takenMs: count.meta({
        description: 'Receipt to resolution on the case’s clock (working time as a rule)',
      }),
    }),
  ),
  asOf,
});

// Compile-time agreement between each schema and the type its use-case returns (see `Agree`).
export const FIGURE_SCHEMAS_AGREE: [
  Agree<typeof statsView, StatsView>,
  Agree<typeof statsAnswer, TotalStatsView | PeriodStatsView>,
  Agree<typeof unitRef, NamedUnit>,
  Agree<typeof unitFigures, UnitFigures>,
  Agree<typeof dashboardOverdue.shape.items.element, WatchedCase>,
  Agree<typeof monthlyReport, MonthlyReport>,
] = [true, true, true, true, true, true];
