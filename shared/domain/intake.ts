import type { CaseSource, PartnerOrder } from './case-source.ts';
import type { Assignee, CaseTerms, Issue, Location, Reporter } from './issue.ts';
import type { CaseOutcome } from './outcomes.ts';
import { neutralised } from './plain-text.ts';
import type { Grid } from './registry.ts';

export interface NewIssue {
  readonly id: string;
  readonly caseNumber: string;
  readonly category: string;
  readonly description: string;
  readonly location: Location;
  readonly reporter?: Reporter | undefined;
  readonly anonymous: boolean;
  readonly source?: CaseSource | undefined;
  readonly partnerOrder?: PartnerOrder | undefined;
  readonly grid: Pick<Grid, 'id' | 'communityId' | 'streetId' | 'districtId'>;
  readonly now: string;
  /** The category's terms at intake, kept with the case. */
  readonly terms?: CaseTerms | undefined;
}

/**
 * A freshly reported issue, routed to its grid and waiting for the workflow to assign it. Its description is
 * stored neutralised whatever the way in, so no reader downstream sees hidden or reordered text.
 */
export function createIssue(input: NewIssue): Issue {
  const reporter = input.anonymous ? undefined : input.reporter;
  return {
    id: input.id,
    caseNumber: input.caseNumber,
    category: input.category,
    description: neutralised(input.description),
    location: input.location,
    gridId: input.grid.id,
    communityId: input.grid.communityId,
    streetId: input.grid.streetId,
    districtId: input.grid.districtId,
    ...(reporter ? { reporter } : {}),
    anonymous: input.anonymous,
    source: input.source ?? 'web',
    ...(input.partnerOrder ? { partnerOrder: input.partnerOrder } : {}),
    status: 'submitted',
    level: 'grid',
    overdue: false,
    reworkCount: 0,
    ...(input.terms ? { terms: input.terms } : {}),
    pastTasks: [],
    timeline: [{ at: input.now, type: 'submitted', level: 'grid', to: input.grid.id }],
    createdAt: input.now,
    updatedAt: input.now,
    version: 1,
  };
}

/** What a worker did on the spot about a problem they found (即报即办). */
export interface OnTheSpot {
  readonly by: Assignee;
  readonly note: string;
  readonly outcome: CaseOutcome;
}

/**
 * A worker's find handled on the spot: closed at once at grid level, resolved by the worker with the outcome
 * they give; no task, no rating asked (nobody else reported it), so it never enters the satisfaction figures.
 */
export function closeOnTheSpot(issue: Issue, handled: OnTheSpot): Issue {
  const at = issue.createdAt;
  const note = neutralised(handled.note);
  return {
    ...issue,
    onTheSpot: true,
    status: 'closed',
    workerId: handled.by.id,
    resolution: { by: handled.by, level: 'grid', at, note, outcome: handled.outcome },
    next: { kind: 'closed', after: at },
    timeline: [
      ...issue.timeline,
      { at, type: 'resolved', level: 'grid', by: handled.by, note },
      { at, type: 'closed', level: 'grid' },
    ],
  };
}
