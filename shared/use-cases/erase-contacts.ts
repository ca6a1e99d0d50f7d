import { contactKeyOf } from '#domain/contact.ts';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import { contactsDue, eraseContacts, newestDueCreation } from '#domain/retention.ts';
import type { Clock, ClosedCaseIndex, IssueStore, Keys, Registry } from '#ports';

export interface RetentionDeps {
  readonly issues: Pick<IssueStore, 'get' | 'save' | 'unindexContact'>;
  readonly registry: Pick<Registry, 'allGrids'>;
  readonly closedCases: ClosedCaseIndex;
  readonly clock: Pick<Clock, 'now'>;
  /** The link key: the phone search entry is keyed by the number's keyed hash. */
  readonly keys: Pick<Keys, 'linkKey'>;
}

/** What one sweep did: cases read from the index, erased, and left alone (not due yet, or changed meanwhile). */
export interface SweepReport {
  readonly grids: number;
  readonly read: number;
  readonly erased: number;
  readonly left: number;
  /** False when the sweep stopped for time: the next run goes on from where the index now stands. */
  readonly complete: boolean;
}

/** Grids swept side by side: enough to keep the function busy on I/O, few enough to stay under throttling. */
const GRIDS_AT_ONCE = 8;

/**
 * Erases the contacts of every closed case that has been closed for `retention`. It reads only the grid
 * index's `closed#` cases created before the cut-off, and each erasure is one conditional write that also moves
 * the case to `erased#`; so a sweep stopped anywhere (a crash, a timeout, `stop()`) leaves every case either
 * untouched or done, and the next sweep picks up the rest. A case reopened or changed meanwhile is left alone.
 */
export async function sweepContacts(
  deps: RetentionDeps,
  retention: string,
  stop: () => boolean = () => false,
): Promise<SweepReport> {
  const now = deps.clock.now();
  const createdUpTo = newestDueCreation(retention, now);
  const grids = await deps.registry.allGrids();
  let read = 0;
  let erased = 0;
  let next = 0;
  let stopped = false;
  const sweepGrid = async (gridId: string) => {
    for await (const id of deps.closedCases.keptContacts(gridId, createdUpTo)) {
      if (stop()) {
        stopped = true;
        return;
      }
      read++;
      const stored = await deps.issues.get(id);
      if (!stored || !contactsDue(stored.issue, retention, now)) continue;
      // The phone search entry goes first: a sweep stopped between the two leaves a case unfindable by a phone
      // it still holds (the next sweep erases it), never a phone that finds a case whose contacts are gone.
      const phone = stored.issue.reporter?.phone;
      if (phone) await deps.issues.unindexContact(stored.issue, contactKeyOf(deps.keys.linkKey, phone));
      try {
        await deps.issues.save(eraseContacts(stored.issue, now), stored.issue.version);
        erased++;
      } catch (error) {
        // Changed since it was read (reopened, rated, appealed): the next sweep judges it again.
        if (!(error instanceof ConcurrentUpdateError)) throw error;
      }
    }
  };
  const worker = async () => {
    while (!stopped && next < grids.length) {
      const grid = grids[next++];
      if (grid) await sweepGrid(grid.id);
    }
  };
  await Promise.all(Array.from({ length: GRIDS_AT_ONCE }, worker));
  return { grids: grids.length, read, erased, left: read - erased, complete: !stopped };
}
