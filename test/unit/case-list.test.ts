import { describe, expect, it } from 'vitest';
import { contactKeyOf, maskPhone, unitHoldsCase } from '#domain/contact.ts';
import type { Issue } from '#domain/issue.ts';
import type { Grid } from '#domain/registry.ts';
import { FAKE_KEYS, type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import { EXAMINED_PER_REQUEST, listCases, mergeNewest } from '#use-cases/case-list.ts';
import { casePage, searchCases } from '#use-cases/workbench-case.ts';
import { at, GRID_A, GRID_B, ladderRegistry, reportedIssue } from './fixtures.ts';

/** A grid of another street of the same district. */
const GRID_C: Pick<Grid, 'id' | 'communityId' | 'streetId' | 'districtId'> = {
  id: 'g-003',
  communityId: 'c-03',
  streetId: 's-2',
  districtId: 'd-1',
};
const GRIDS = [GRID_A, GRID_B, GRID_C];
const STREET = { scope: 'street', id: 's-1' } as const;

function depsWith(count: number, shape: (n: number) => Partial<Issue> = () => ({})): FakeDeps {
  const registry = ladderRegistry();
  registry.grids.set(GRID_C.id, {
    ...GRID_C,
    name: 'c',
    workers: [],
    addresses: [],
    boundary: { type: 'Polygon', coordinates: [] },
  });
  const deps = fakeDeps(registry, at(0));
  for (let n = 0; n < count; n += 1) {
    const grid = GRIDS[n % GRIDS.length] ?? GRID_A;
    const phone = `1380000${String(n % 7).padStart(4, '0')}`;
    const issue: Issue = {
      ...reportedIssue({
        id: `gw-${String(n).padStart(6, '0')}`,
        caseNumber: `LS-20250301-${String(n).padStart(4, '0')}`,
        grid,
        location: { address: `荷花路${n}号` },
        reporter: { name: '张三', phone },
        now: at(n),
      }),
      ...shape(n),
    };
    void deps.issues.create(issue);
    void deps.issues.indexContact(issue, contactKeyOf(FAKE_KEYS.linkKey, phone));
  }
  return deps;
}

describe('the workbench case list', () => {
  it('merges the grids of a community or the streets of a district newest first, each case once across pages', async () => {
    // Prepare
    const deps = depsWith(60);
    const district = { scope: 'district', id: 'd-1' } as const;

    // Act
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listCases(deps, district, { filter: {}, limit: 7, after });
      seen.push(...page.cases.map((issue) => issue.createdAt));
      after = page.next;
    } while (after);

    // Assess
    expect(seen).toHaveLength(60);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('shows a street supervisor their own street’s cases only', async () => {
    // Prepare
    const deps = depsWith(30);

    // Act
    const page = await listCases(deps, STREET, { filter: {}, limit: 100 });

    // Assess
    expect(page.cases).toHaveLength(20);
    expect(new Set(page.cases.map((issue) => issue.streetId))).toEqual(new Set(['s-1']));
  });

  it('filters after the batch read, examines at most the bound and hands back a cursor with a short page', async () => {
    // Prepare: one overdue case, older than 500 others.
    const deps = depsWith(600, (n) => ({ overdue: n === 3 }));

    // Act
    const first = await listCases(deps, STREET, { filter: { overdue: true }, limit: 10 });
    let page = first;
    while (page.cases.length === 0 && page.next) {
      page = await listCases(deps, STREET, { filter: { overdue: true }, limit: 10, after: page.next });
    }

    // Assess
    expect(first.cases).toEqual([]);
    expect(first.examined).toBe(EXAMINED_PER_REQUEST);
    expect(first.next).toBeDefined();
    expect(page.cases.map((issue) => issue.id)).toEqual(['gw-000003']);
  });

  it('reads as much for a page of 1,000 stored cases as of 100', async () => {
    // Prepare
    const small = depsWith(100);
    const large = depsWith(1000);
    const community = { scope: 'community', id: GRID_A.communityId } as const;

    // Act
    await listCases(small, community, { filter: {}, limit: 20 });
    await listCases(large, community, { filter: {}, limit: 20 });

    // Assess
    expect(large.caseIndex.queries).toBe(small.caseIndex.queries);
    expect(large.caseIndex.casesRead).toBe(20);
    expect(small.caseIndex.casesRead).toBe(20);
  });

  it('merges sorted lists into the newest entries, a case met twice kept once', () => {
    // Act
    const merged = mergeNewest(
      [
        [
          { position: 'c#3', id: '3' },
          { position: 'a#1', id: '1' },
        ],
        [
          { position: 'd#4', id: '4' },
          { position: 'c#3', id: '3' },
          { position: 'b#2', id: '2' },
        ],
      ],
      3,
    );

    // Assess
    expect(merged.map((entry) => entry.id)).toEqual(['4', '3', '2']);
  });
});

describe('phone masking and search', () => {
  it('masks a phone as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
  });

  it('shows the phone whole only to a unit that holds the case, and records each such view', async () => {
    // Prepare
    const deps = depsWith(1);
    const [issue] = [...deps.issues.records.values()].map((record) => record.issue);
    if (!issue) throw new Error('no case');
    const escalated = { ...issue, level: 'street' as const };
    await deps.issues.create({ ...escalated, id: 'gw-escalated' });
    const community = {
      unit: { scope: 'community', id: GRID_A.communityId } as const,
      personId: 'p-community',
    };

    // Act
    const held = await casePage(deps, community, issue.id);
    const above = await casePage(deps, community, 'gw-escalated');

    // Assess
    expect(unitHoldsCase(issue, community.unit)).toBe(true);
    expect(unitHoldsCase(escalated, community.unit)).toBe(false);
    expect(held.case.reporter?.phone).toBe('13800000000');
    expect(above.case.reporter?.phone).toBe('138****0000');
    expect(deps.audit.entries.map((entry) => [entry.action, entry.caseId, entry.actor])).toEqual([
      ['viewed_contact', issue.id, 'p-community'],
    ]);
  });

  it('refuses a case outside the unit as not found', async () => {
    // Prepare
    const deps = depsWith(3);

    // Act
    const attempt = casePage(deps, { unit: STREET, personId: undefined }, 'gw-000002');

    // Assess: gw-000002 lies in GRID_C, street s-2.
    await expect(attempt).rejects.toMatchObject({ name: 'IssueNotFoundError' });
  });

  it('finds cases by phone number and by case number within the unit only', async () => {
    // Prepare: cases 0, 7, 14 share a phone; 14 lies in GRID_C (another street).
    const deps = depsWith(21);

    // Act
    const byPhone = await searchCases(deps, STREET, { phone: '+86 138 0000 0000' });
    const byNumber = await searchCases(deps, STREET, { caseNumber: 'ls-20250301-0007' });
    const outside = await searchCases(deps, STREET, { caseNumber: 'LS-20250301-0014' });

    // Assess
    expect(byPhone.map((issue) => issue.id)).toEqual(['gw-000007', 'gw-000000']);
    expect(byNumber.map((issue) => issue.id)).toEqual(['gw-000007']);
    expect(outside).toEqual([]);
  });
});
