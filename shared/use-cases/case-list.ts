import type { CaseSource } from '#domain/case-source.ts';
import { sourceOf } from '#domain/case-source.ts';
import { caseInUnit, type WorkbenchUnit } from '#domain/contact.ts';
import { FilterNotApplicableError } from '#domain/errors.ts';
import type { Level } from '#domain/hierarchy.ts';
import type { Issue, IssueStatus } from '#domain/issue.ts';
import type { CaseIndex, CaseIndexEntry, CaseIndexSource, Registry } from '#ports';

/** What a supervisor may narrow the list to; every field optional. `from`/`to` are ISO 8601 instants. */
export interface CaseFilter {
  readonly status?: IssueStatus | undefined;
  readonly level?: Level | undefined;
  readonly category?: string | undefined;
  readonly source?: CaseSource | undefined;
  readonly overdue?: boolean | undefined;
  readonly deferred?: boolean | undefined;
  readonly paused?: boolean | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Part of the address the resident gave (spaces ignored). */
  readonly address?: string | undefined;
}

/**
 * The most cases one request examines when a filter is not part of an index key: a page then comes back
 * short (or empty) with a cursor, and the next request goes on from there. This bounds every request's reads
 * whatever the table holds.
 */
export const EXAMINED_PER_REQUEST = 200;

export interface CasePage {
  readonly cases: readonly Issue[];
  /** Where the next page starts; absent at the end of the list. */
  readonly next?: string | undefined;
  /** How many cases this request read to fill the page. */
  readonly examined: number;
}

type ListDeps = { readonly registry: Registry; readonly caseIndex: CaseIndex };

/**
 * The index sources a unit's list merges: a grid reads its own partition, a community its grids', a street
 * its own street partition and a district its streets' (a few dozen partitions at most, never the table); a
 * department its own partition of the department index.
 */
export async function sourcesOf(
  deps: Pick<ListDeps, 'registry'>,
  unit: WorkbenchUnit,
  status?: IssueStatus,
): Promise<CaseIndexSource[]> {
  const states: CaseIndexSource['state'][] =
    status === undefined ? ['open', 'closed'] : status === 'closed' ? ['closed'] : ['open'];
  let partitions: { kind: CaseIndexSource['kind']; id: string }[];
  if (unit.scope === 'grid' || unit.scope === 'street' || unit.scope === 'department') {
    partitions = [{ kind: unit.scope, id: unit.id }];
  } else {
    const grids = await deps.registry.allGrids();
    const ids =
      unit.scope === 'community'
        ? grids.filter((grid) => grid.communityId === unit.id).map((grid) => grid.id)
        : grids.filter((grid) => grid.districtId === unit.id).map((grid) => grid.streetId);
    const kind = unit.scope === 'community' ? 'grid' : 'street';
    partitions = [...new Set(ids)].sort().map((id) => ({ kind, id }));
  }
  return partitions.flatMap((partition) => states.map((state) => ({ ...partition, state })));
}

/**
 * The newest `limit` entries of several sources, each given newest first: a k-way merge by position, a case
 * met twice (it moved between reads) kept once.
 */
export function mergeNewest(lists: readonly (readonly CaseIndexEntry[])[], limit: number): CaseIndexEntry[] {
  const seen = new Set<string>();
  return lists
    .flat()
    .sort((a, b) => (a.position < b.position ? 1 : a.position > b.position ? -1 : 0))
    .filter((entry) => !seen.has(entry.id) && seen.add(entry.id))
    .slice(0, limit);
}

function hasPostFilter(filter: CaseFilter): boolean {
  const { from: _from, to: _to, ...rest } = filter;
  return Object.values(rest).some((value) => value !== undefined);
}

const squeezed = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** Whether a case passes the filter (the index already kept the date range and open/closed). */
export function matchesFilter(issue: Issue, filter: CaseFilter): boolean {
  if (filter.status !== undefined && issue.status !== filter.status) return false;
  if (filter.level !== undefined && issue.level !== filter.level) return false;
  if (filter.category !== undefined && issue.category !== filter.category) return false;
  if (filter.source !== undefined && sourceOf(issue) !== filter.source) return false;
  if (filter.overdue !== undefined && issue.overdue !== filter.overdue) return false;
  if (filter.deferred !== undefined && (issue.deferrals ?? 0) > 0 !== filter.deferred) return false;
  if (filter.paused !== undefined && (issue.pause !== undefined) !== filter.paused) return false;
  if (filter.address !== undefined) {
    const address = 'address' in issue.location ? issue.location.address : '';
    if (!squeezed(address).includes(squeezed(filter.address))) return false;
  }
  return true;
}

/**
 * One page of a unit's cases, newest first. Each source gives at most as many entries as the request may
 * examine (one Query each), the merge keeps the newest of them, and the cases are read in batches of a page
 * until the page is full or the examined entries run out: reads grow with the page and the unit's partition
 * count, never with the table.
 */
export async function listCases(
  deps: ListDeps,
  unit: WorkbenchUnit,
  request: { readonly filter: CaseFilter; readonly limit: number; readonly after?: string | undefined },
): Promise<CasePage> {
  const { filter, limit } = request;
  // A department sits beside the ladder: the level a case stands at says nothing of the department's part in it.
  if (unit.scope === 'department' && filter.level !== undefined) {
    throw new FilterNotApplicableError('level', 'A department’s list has no level to filter by.');
  }
  const budget = hasPostFilter(filter) ? Math.max(limit, EXAMINED_PER_REQUEST) : limit;
  const sources = await sourcesOf(deps, unit, filter.status);
  const range = { from: filter.from, to: filter.to, before: request.after };
  const lists = await Promise.all(sources.map((source) => deps.caseIndex.newest(source, range, budget)));
  const entries = mergeNewest(lists, budget);
  const more = lists.some((list) => list.length >= budget) || lists.flat().length > entries.length;
  const cases: Issue[] = [];
  let examined = 0;
  let next: string | undefined;
  for (let start = 0; start < entries.length && cases.length < limit; start += limit) {
    const chunk = entries.slice(start, start + limit);
    const issues = new Map(
      (await deps.caseIndex.byIds(chunk.map((entry) => entry.id))).map((i) => [i.id, i]),
    );
    for (const entry of chunk) {
      examined += 1;
      const issue = issues.get(entry.id);
      // The index may trail the case (it moved to another unit, or closed): the case as read decides.
      if (issue && caseInUnit(issue, unit) && matchesFilter(issue, filter)) cases.push(issue);
      if (cases.length === limit) {
        next = entry.position;
        break;
      }
    }
  }
  const last = entries.at(-1);
  if (next === undefined && more && last) next = last.position;
  if (next !== undefined && next === last?.position && !more) next = undefined;
  return { cases, next, examined };
}

/** Cases read per page while paging through a whole list: a batch read's worth. */
const PAGE_OF_ALL = 100;

/** Every page of a unit's filtered list, one after another, until the end or `max` cases. */
export async function* allCasePages(
  deps: ListDeps,
  unit: WorkbenchUnit,
  filter: CaseFilter,
  max: number,
): AsyncGenerator<readonly Issue[]> {
  let after: string | undefined;
  let total = 0;
  do {
    const page = await listCases(deps, unit, { filter, limit: Math.min(PAGE_OF_ALL, max - total), after });
    total += page.cases.length;
    yield page.cases;
    after = page.next;
  } while (after && total < max);
}
