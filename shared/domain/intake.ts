import type { CaseSource, CaseTerms, Issue, Location, PartnerOrder, Reporter } from './issue.ts';
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
