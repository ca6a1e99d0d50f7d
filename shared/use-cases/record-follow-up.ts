import { IssueNotFoundError } from '#domain/errors.ts';
import { type FollowUp, recordFollowUp, requireFollowUpUnit } from '#domain/follow-ups.ts';
import type { Level } from '#domain/hierarchy.ts';
import type { Clock, IssueStore } from '#ports';

export interface FollowUpDeps {
  readonly issues: Pick<IssueStore, 'get' | 'save'>;
  readonly clock: Pick<Clock, 'now'>;
}

/** Who is asking: the signed-in unit, and the person when the token names one. */
export interface Supervisor {
  readonly unit: { readonly scope: Level; readonly id: string };
  readonly personId?: string | undefined;
}

export type FollowUpCall = Pick<FollowUp, 'caller' | 'calledAt' | 'residentSaid' | 'satisfied'>;

async function caseOf(deps: { readonly issues: Pick<IssueStore, 'get'> }, caseId: string, by: Supervisor) {
  const stored = await deps.issues.get(caseId);
  if (!stored) throw new IssueNotFoundError(caseId);
  requireFollowUpUnit(stored.issue, by.unit);
  return stored.issue;
}

/**
 * Records a follow-up call (回访) on a badly rated case, as a supervisor of a unit above its grid: one
 * conditional write on the version read, so a refused or concurrent request writes nothing.
 */
export async function recordFollowUpCall(
  deps: FollowUpDeps,
  caseId: string,
  by: Supervisor,
  call: FollowUpCall,
): Promise<readonly FollowUp[]> {
  const issue = await caseOf(deps, caseId, by);
  const recordedBy = {
    scope: by.unit.scope,
    unitId: by.unit.id,
    ...(by.personId ? { personId: by.personId } : {}),
  };
  const updated = recordFollowUp(issue, { ...call, recordedBy }, deps.clock.now());
  await deps.issues.save(updated, issue.version);
  return updated.followUps ?? [];
}

/** A case's follow-up calls, for a supervisor of a unit above its grid. */
export async function listFollowUpCalls(
  deps: { readonly issues: Pick<IssueStore, 'get'> },
  caseId: string,
  by: Supervisor,
): Promise<readonly FollowUp[]> {
  return (await caseOf(deps, caseId, by)).followUps ?? [];
}
