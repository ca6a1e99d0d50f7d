// A case as an Open311 service request. It shows what the public view of a case shows (GET /issues/{id}) and
// no more: never the resident's words, contact or exact point, which a public, keyless route must not carry.
import type { Category } from '#domain/categories.ts';
import { type Level, unitIdAt } from '#domain/hierarchy.ts';
import type { Issue, TimelineEvent } from '#domain/issue.ts';
import type { Registry } from '#ports';
import type { Record311 } from './format.ts';
import { serviceNotice } from './services.ts';

/** Open311 knows two states: a case is closed once it is closed for good, open before (rework included). */
export function open311Status(issue: Pick<Issue, 'status'>): 'open' | 'closed' {
  return issue.status === 'closed' ? 'closed' : 'open';
}

/**
 * When the case can be expected to be dealt with (Open311's `expected_datetime`): for now the deadline of the
 * task open on it, the only deadline a case carries; none once nobody holds a task.
 */
export function expectedDatetime(issue: Issue): string | undefined {
  return issue.task?.status === 'open' && issue.status !== 'closed' ? issue.task.deadline : undefined;
}

const LEVEL_NAMES: Record<Level, string> = {
  grid: 'the grid',
  community: 'the community',
  street: 'the street office',
  district: 'the district',
};

/** The last thing that happened to a case, in a sentence; the notes people wrote stay out (they are private). */
export function statusNotes(event: TimelineEvent | undefined): string | null {
  if (!event) return null;
  const at = event.level ? ` at ${LEVEL_NAMES[event.level]}` : '';
  switch (event.type) {
    case 'submitted':
      return 'Reported; being routed to its grid worker.';
    case 'assigned':
      return `Offered to ${event.department ?? event.assignee?.name ?? 'a handler'}${at}.`;
    case 'accepted':
      return `Accepted${at}; being handled.`;
    case 'declined':
      return `Returned by its handler${at}; being offered again.`;
    case 'escalated':
      return `A deadline passed; escalated to ${event.level ? LEVEL_NAMES[event.level] : 'the level above'}.`;
    case 'reassigned':
      return 'Sent to another grid.';
    case 'resolved':
      return `Resolved${at}; waiting for the resident's rating.`;
    case 'rated':
      return event.score === undefined
        ? 'Rated by the resident.'
        : `Rated ${event.score} of 5 by the resident.`;
    case 'reopened':
      return 'Reopened for rework after a bad rating.';
    case 'reminded':
      return `Its handler was reminded of the deadline${at}.`;
    case 'supervised':
      return `The resolve deadline passed; supervised${at}.`;
    case 'requested':
      return `Its handler asked for more time${at}; awaiting approval.`;
    case 'deferred':
      return event.until ? `Deferred until ${event.until}.` : 'Deferred.';
    case 'paused':
      return event.until ? `Paused until ${event.until}.` : 'Paused.';
    case 'resumed':
      return 'Work resumed.';
    case 'refused':
      return 'A request for more time was refused.';
    case 'appealed':
      return 'Its handler appealed the rating; awaiting review.';
    case 'appeal_upheld':
      return 'An appeal against the rating was upheld.';
    case 'appeal_rejected':
      return 'An appeal against the rating was rejected; the rework goes on.';
    case 'reinvited':
      return "Waiting for the resident's rating.";
    case 'transferred':
      return `Transferred to ${event.department ?? 'a functional department'}.`;
    case 'returned':
      return `Returned by ${event.department ?? 'the department'} to whoever transferred it.`;
    case 'contacts_erased':
      return 'Closed; the contact details given with the report were erased after the retention time.';
    case 'followed_up':
      return `The resident was called back about their rating${at}.`;
    case 'closed':
      return event.outcome === 'unsatisfied'
        ? 'Closed; the resident was not satisfied.'
        : event.outcome === 'unrated'
          ? 'Closed without a rating.'
          : 'Closed; the resident was satisfied.';
    case 'handed_back':
      return 'Returned to the hotline: not a matter for this district.';
    case 'co_handling':
      return `Being handled with ${event.department ?? 'co-handling departments'}.`;
    case 'co_reported':
      return `${event.department ?? 'A co-handling department'} reported its part.`;
    case 'merged':
      return `Closed as a duplicate of case ${event.to ?? ''}.`;
  }
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A time in the W3C profile of ISO 8601 the spec requires, in China Standard Time (`…T12:02:39+08:00`). */
export function w3cTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

/** The names of the units that hold cases, looked up once per answer. */
export class UnitNames {
  readonly #names = new Map<string, Promise<string | null>>();

  constructor(private readonly registry: Pick<Registry, 'getGrid' | 'getUnit'>) {}

  /** The name of the unit holding a case at its level (Open311's `agency_responsible`). */
  holderOf(issue: Issue): Promise<string | null> {
    const id = unitIdAt(issue, issue.level);
    let name = this.#names.get(id);
    if (!name) {
      name =
        issue.level === 'grid'
          ? this.registry.getGrid(id).then((grid) => grid?.name ?? null)
          : this.registry.getUnit(id).then((unit) => unit?.name ?? null);
      this.#names.set(id, name);
    }
    return name;
  }

  /** The name of a case's grid: the coarse place a public answer may show. */
  gridOf(issue: Issue): Promise<string | null> {
    return this.holderOf({ ...issue, level: 'grid' });
  }
}

/** A case as an Open311 service request; `mediaUrl` is a short-lived URL of its first photo, if any. */
export async function serviceRequestOf(
  issue: Issue,
  category: Category | undefined,
  names: UnitNames,
  mediaUrl?: string,
): Promise<Record311> {
  const expected = expectedDatetime(issue);
  return {
    service_request_id: issue.id,
    status: open311Status(issue),
    status_notes: statusNotes(issue.timeline.at(-1)),
    service_name: category?.name ?? issue.category,
    service_code: issue.category,
    description: null,
    agency_responsible: await names.holderOf(issue),
    service_notice: category ? serviceNotice(category) : null,
    requested_datetime: w3cTime(issue.createdAt),
    updated_datetime: w3cTime(issue.updatedAt),
    expected_datetime: expected ? w3cTime(expected) : null,
    address: await names.gridOf(issue),
    address_id: issue.gridId,
    zipcode: null,
    lat: null,
    long: null,
    media_url: mediaUrl ?? null,
  };
}
