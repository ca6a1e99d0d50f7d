// Retention of residents' contact details (PIPL): when a closed case falls due, what erasure keeps, and the
// daily sweep over the grid index's closed cases, on fakes.
import { describe, expect, it } from 'vitest';
import { gridIndexKeys } from '#adapters/dynamodb/keys.ts';
import { contactKeyOf } from '#domain/contact.ts';
import type { Issue } from '#domain/issue.ts';
import { contactsDue, eraseContacts, newestDueCreation } from '#domain/retention.ts';
import { contributionOf } from '#domain/stats.ts';
import type { ClosedCaseIndex } from '#ports';
import { FAKE_KEYS, FakeClock, FakeIssueStore, FakeRegistry } from '#test/support/fakes.ts';
import { sweepContacts } from '#use-cases/erase-contacts.ts';
import { at, GRID_A, GRID_B, reportedIssue } from './fixtures.ts';

const DAY = 24 * 60;
const RETENTION = 'P30D';

/** A case reported at `reportedAt` (minutes) and closed, rated, at `closedAt`. */
function closedCase(id: string, reportedAt: number, closedAt: number, overrides: Partial<Issue> = {}): Issue {
  const issue = reportedIssue({ id, now: at(reportedAt) });
  return {
    ...issue,
    status: 'closed',
    outcome: 'satisfied',
    timeline: [...issue.timeline, { at: at(closedAt), type: 'closed', outcome: 'satisfied' }],
    version: 5,
    ...overrides,
  };
}

/** The grid index as DynamoDB keeps it: each stored case under the sort key gridIndexKeys gives it. */
class IndexOverStore implements ClosedCaseIndex {
  readonly reads: string[] = [];
  constructor(private readonly store: FakeIssueStore) {}

  async *keptContacts(gridId: string, createdUpTo: string): AsyncIterable<string> {
    const range = gridIndexKeys.closedUpTo(createdUpTo);
    const keys = [...this.store.records.values()]
      .map(({ issue }) => gridIndexKeys.of(issue))
      .filter((key) => key.gsi1pk === gridIndexKeys.partition(gridId))
      .filter((key) => key.gsi1sk >= range.from && key.gsi1sk <= range.to)
      .sort((a, b) => a.gsi1sk.localeCompare(b.gsi1sk));
    for (const key of keys) {
      this.reads.push(gridIndexKeys.idOf(key.gsi1sk));
      yield gridIndexKeys.idOf(key.gsi1sk);
    }
  }
}

function world(now: string, issues: Issue[]) {
  const store = new FakeIssueStore();
  for (const issue of issues) store.records.set(issue.id, { issue });
  const index = new IndexOverStore(store);
  const grid = (g: typeof GRID_A) => ({
    ...g,
    name: g.id,
    workers: [],
    addresses: [],
    boundary: { type: 'Polygon' as const, coordinates: [] },
  });
  const deps = {
    issues: store,
    registry: new FakeRegistry({ grids: [grid(GRID_A), grid(GRID_B)] }),
    closedCases: index,
    clock: new FakeClock(now),
    keys: FAKE_KEYS,
  };
  return { store, index, deps };
}

describe('contactsDue', () => {
  const closed = closedCase('gw-1', 0, 60);

  it('falls due exactly the retention time after the case closed, not before', () => {
    expect(contactsDue(closed, RETENTION, new Date(at(60 + 30 * DAY - 1)))).toBe(false);
    expect(contactsDue(closed, RETENTION, new Date(at(60 + 30 * DAY)))).toBe(true);
  });

  it('counts from the latest closing: a case reopened and closed again waits from its second closing', () => {
    const again = {
      ...closed,
      timeline: [
        ...closed.timeline,
        { at: at(10 * DAY), type: 'closed' as const, outcome: 'satisfied' as const },
      ],
    };

    expect(contactsDue(again, RETENTION, new Date(at(60 + 30 * DAY)))).toBe(false);
    expect(contactsDue(again, RETENTION, new Date(at(40 * DAY)))).toBe(true);
  });

  it('never holds for a case open again, or one already erased', () => {
    const late = new Date(at(400 * DAY));

    expect(contactsDue({ ...closed, status: 'assigned' }, RETENTION, late)).toBe(false);
    expect(contactsDue(eraseContacts(closed, late), RETENTION, late)).toBe(false);
  });
});

describe('eraseContacts', () => {
  it('takes the resident’s contacts out and keeps the case, its figures and its timeline, marked with when', () => {
    const closed = closedCase('gw-1', 0, 60);
    const now = new Date(at(31 * DAY));

    const erased = eraseContacts(closed, now);

    expect(closed.reporter).toBeDefined();
    const { reporter: _gone, ...kept } = closed;
    expect(erased).toEqual({
      ...kept,
      contactsErasedAt: now.toISOString(),
      timeline: [...closed.timeline, { at: now.toISOString(), type: 'contacts_erased' }],
      updatedAt: now.toISOString(),
      version: closed.version + 1,
    });
    expect(JSON.stringify(erased)).not.toContain('139-0000-1111');
    expect(contributionOf(erased)).toEqual(contributionOf(closed));
  });

  it('only marks a case that never held contacts, so the sweep passes it by without a word in its timeline', () => {
    const anonymous = closedCase('gw-2', 0, 60, { reporter: undefined, anonymous: true });

    const erased = eraseContacts(anonymous, new Date(at(31 * DAY)));

    expect(erased.timeline).toEqual(anonymous.timeline);
    expect(erased.contactsErasedAt).toBe(at(31 * DAY));
  });

  it('moves the case in the grid index from closed# to erased#, out of the range the sweep reads', () => {
    const closed = closedCase('gw-1', 0, 60);
    const range = gridIndexKeys.closedUpTo(at(400 * DAY));

    const before = gridIndexKeys.of(closed).gsi1sk;
    const after = gridIndexKeys.of(eraseContacts(closed, new Date(at(31 * DAY)))).gsi1sk;

    expect(before).toBe(`closed#${closed.createdAt}#gw-1`);
    expect(after).toBe(`erased#${closed.createdAt}#gw-1`);
    expect(before >= range.from && before <= range.to).toBe(true);
    expect(after >= range.from && after <= range.to).toBe(false);
  });
});

describe('newestDueCreation', () => {
  it('is the retention time before now: a case created later cannot have been closed that long', () => {
    expect(newestDueCreation(RETENTION, new Date(at(31 * DAY)))).toBe(at(DAY));
  });
});

describe('sweepContacts', () => {
  const now = at(45 * DAY);
  const due = closedCase('gw-due', 0, 60);
  const dueInB = closedCase('gw-due-b', 10, 70, { gridId: GRID_B.id, communityId: GRID_B.communityId });
  const closedLately = closedCase('gw-lately', 0, 20 * DAY);
  const young = closedCase('gw-young', 20 * DAY, 20 * DAY + 60);
  const open = { ...reportedIssue({ id: 'gw-open', now: at(0) }), status: 'assigned' as const };

  it('erases the cases due, reads none created after the cut-off, and leaves the rest alone', async () => {
    const { store, index, deps } = world(now, [due, dueInB, closedLately, young, open]);

    const report = await sweepContacts(deps, RETENTION);

    expect(report).toEqual({ grids: 2, read: 3, erased: 2, left: 1, complete: true });
    expect(index.reads.sort()).toEqual(['gw-due', 'gw-due-b', 'gw-lately']);
    expect(store.issue('gw-due').reporter).toBeUndefined();
    expect(store.issue('gw-due-b').contactsErasedAt).toBe(now);
    for (const id of ['gw-lately', 'gw-young', 'gw-open']) {
      expect(store.issue(id).reporter).toBeDefined();
    }
  });

  it('drops an erased case’s phone search entry, so the number finds it no more', async () => {
    const { store, deps } = world(now, [due, young]);
    const phone = due.reporter?.phone ?? '';
    const contactKey = contactKeyOf(FAKE_KEYS.linkKey, phone);
    await store.indexContact(due, contactKey);
    await store.indexContact(young, contactKey);

    await sweepContacts(deps, RETENTION);

    expect(phone).not.toBe('');
    expect(store.contacts.get(contactKey)).toEqual(['gw-young']);
  });

  it('reads nothing again the next day: erased cases have left the closed range', async () => {
    const { index, deps } = world(now, [due, dueInB, young]);
    await sweepContacts(deps, RETENTION);
    index.reads.length = 0;

    const report = await sweepContacts(deps, RETENTION);

    expect(report).toEqual({ grids: 2, read: 0, erased: 0, left: 0, complete: true });
  });

  it('leaves a case changed between its read and its write (reopened, say), for the next sweep to judge', async () => {
    const { store, deps } = world(now, [due]);
    store.beforeSave = (issue) => {
      store.records.set(issue.id, { issue: { ...due, status: 'assigned', version: due.version + 1 } });
    };

    const report = await sweepContacts(deps, RETENTION);

    expect(report).toMatchObject({ read: 1, erased: 0, left: 1 });
    expect(store.issue('gw-due').reporter).toBeDefined();
  });

  it('stopped midway, leaves each case whole or done, and the next sweep finishes', async () => {
    const many = Array.from({ length: 5 }, (_, n) => closedCase(`gw-${n}`, n, 60 + n));
    const { store, deps } = world(now, many);
    let reads = 0;

    const first = await sweepContacts(deps, RETENTION, () => ++reads > 2);
    const erasedFirst = many.filter(({ id }) => store.issue(id).contactsErasedAt !== undefined).length;
    const second = await sweepContacts(deps, RETENTION);

    expect(first).toMatchObject({ erased: 2, complete: false });
    expect(erasedFirst).toBe(2);
    expect(second).toMatchObject({ read: 3, erased: 3, complete: true });
    for (const { id } of many) expect(store.issue(id).reporter).toBeUndefined();
  });
});
