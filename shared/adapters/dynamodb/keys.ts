// Every key of both tables is built and read back here and nowhere else: a prefix written by hand elsewhere is a
// second definition of the table layout.

type Key = { readonly pk: string; readonly sk: string };

const ISSUE = 'ISSUE';
const WAIT = 'WAIT';
const STATS = 'STATS';
const DAY = 'DAY#';
const SLOW = 'SLOW#';
const partition = {
  issue: 'ISSUE#',
  idempotency: 'IDEMPOTENCY#',
  stats: 'STATS#',
  outbox: 'OUTBOX#',
  grid: 'GRID#',
  category: 'CATEGORY#',
  caseNumber: 'CASENO#',
  street: 'STREET#',
  department: 'DEPARTMENT#',
  contact: 'CONTACT#',
  caseExport: 'EXPORT#',
} as const;

/** What follows `prefix` in `value`, which must start with it. */
function after(prefix: string, value: unknown): string {
  const text = String(value);
  if (!text.startsWith(prefix)) throw new Error(`Expected a key starting with ${prefix}, got ${text}`);
  return text.slice(prefix.length);
}

/**
 * Item keys of the cases table. One table holds every item that changes with cases, each kind under its own
 * partition prefix; the issue item is the aggregate every state change writes in one conditional write.
 * A day's counters live in the partition of the scope's totals, so a 30-day series is one Query.
 */
export const caseKeys = {
  issue: (id: string): Key => ({ pk: `${partition.issue}${id}`, sk: ISSUE }),
  /**
   * The token of the wait the case's workflow is in, beside the case in its partition: kept off the case item,
   * which every step rewrites, because an AWS token (~1 KB) would double the cost of each of those writes.
   */
  workflowWait: (id: string, coHandlerSeq?: number): Key => ({
    pk: `${partition.issue}${id}`,
    sk: coHandlerSeq === undefined ? WAIT : `${WAIT}#${coHandlerSeq}`,
  }),
  idempotency: (key: string): Key => ({ pk: `${partition.idempotency}${key}`, sk: 'IDEMPOTENCY' }),
  stats: (scopeKey: string): Key => ({ pk: statsPartition(scopeKey), sk: STATS }),
  day: (scopeKey: string, day: string): Key => ({ pk: statsPartition(scopeKey), sk: `${DAY}${day}` }),
  outbox: (to: string, messageId: string): Key => ({ pk: outboxPartition(to), sk: messageId }),
  /** A scope's slowest closed cases of one China month (yyyy-mm), beside its counters. */
  slowest: (scopeKey: string, month: string): Key => ({
    pk: statsPartition(scopeKey),
    sk: `${SLOW}${month}`,
  }),
  /** A case-list export job. */
  caseExport: (id: string): Key => ({ pk: `${partition.caseExport}${id}`, sk: 'EXPORT' }),
  /** How far the counters have counted the change stream (the time of the newest change included). */
  countingProgress: (): Key => ({ pk: 'COUNTING', sk: 'PROGRESS' }),
  /** One district prefix's counter of one day (yyyymmdd). */
  caseNumberCounter: (prefix: string, day: string): Key => ({
    pk: `${partition.caseNumber}${prefix}#${day}`,
    sk: 'COUNTER',
  }),
};

/**
 * The attribute of a counter item that holds the position, in one shard of the change stream, of the last
 * change added to it: what makes a redelivered change a no-op.
 */
export function shardMarkAttribute(shard: string): string {
  return `seq:${shard}`;
}

/** The partition of a scope's counters: its totals and its days. */
function statsPartition(scopeKey: string): string {
  return `${partition.stats}${scopeKey}`;
}

/** The partition of a recipient's outbox messages. */
export function outboxPartition(to: string): string {
  return `${partition.outbox}${to}`;
}

/** Sort keys that pick out one kind of item in a scan of the cases table. */
export const itemKinds = {
  issue: ISSUE,
  stats: STATS,
  /** Every day item's sort key starts with this. */
  dayPrefix: DAY,
} as const;

/** The co-handler a wait item belongs to (its sequence number), or undefined for the lead's own wait. */
export function coHandlerOfWait(key: { sk?: unknown }): number | undefined {
  const match = /^WAIT#(\d+)$/.exec(String(key.sk));
  return match ? Number(match[1]) : undefined;
}

/** Whether a key is a wait item's (the lead's or a co-handler's). */
export function isWaitKey(key: { sk?: unknown }): boolean {
  const sk = String(key.sk);
  return sk === WAIT || sk.startsWith(`${WAIT}#`);
}

/** Whether a key is an issue item's. */
export function isIssueKey(key: { pk?: unknown }): boolean {
  return String(key.pk).startsWith(partition.issue);
}

/** Whether a key is a day item's (counters of one scope on one day). */
export function isDayKey(key: { sk?: unknown }): boolean {
  return String(key.sk).startsWith(DAY);
}

/** Whether a key is an outbox message's. */
export function isOutboxKey(key: { pk?: unknown }): boolean {
  return String(key.pk).startsWith(partition.outbox);
}

/** The scope key (`grid#g-001`) of a totals or day item. */
export function scopeKeyOf(key: { pk?: unknown }): string {
  return after(partition.stats, key.pk);
}

/** The day (yyyy-mm-dd, China Standard Time) of a day item. */
export function dayOf(key: { sk?: unknown }): string {
  return after(DAY, key.sk);
}

/** The index that lists a grid's issues by state, newest first within a state. */
export const BY_GRID_INDEX = 'casesByGrid';

/**
 * Keys of the grid index: a grid's cases by state (`open#`; `closed#` while the resident's contacts are kept;
 * `erased#` once they were erased), each by creation time. Erasure moves a case out of `closed#`, so the
 * retention sweep never reads it again.
 */
export const gridIndexKeys = {
  of: (issue: {
    gridId: string;
    status: string;
    createdAt: string;
    id: string;
    contactsErasedAt?: string | undefined;
  }) => ({
    gsi1pk: gridIndexKeys.partition(issue.gridId),
    gsi1sk: `${issue.status !== 'closed' ? 'open' : issue.contactsErasedAt ? 'erased' : 'closed'}#${issue.createdAt}#${issue.id}`,
  }),
  partition: (gridId: string) => `${partition.grid}${gridId}`,
  /** Every open case's index sort key starts with this. */
  openPrefix: 'open#',
  /** The sort-key range of the closed cases with contacts still held, created up to `to` (ISO 8601, UTC). */
  closedUpTo: (to: string) => ({ from: 'closed#', to: `closed#${to}~` }),
  /** The case id of an index sort key. */
  idOf: (gsi1sk: unknown): string => String(gsi1sk).slice(String(gsi1sk).lastIndexOf('#') + 1),
};

/** The index that lists a category's issues by state and creation time (Open311's GET requests). */
export const BY_CATEGORY_INDEX = 'casesByCategory';

/** Keys of the category index: per category, open cases before closed ones, each by creation time. */
export const categoryIndexKeys = {
  of: (issue: { category: string; status: string; createdAt: string; id: string }) => ({
    gsi2pk: categoryIndexKeys.partition(issue.category),
    gsi2sk: `${categoryIndexKeys.state(issue.status)}#${issue.createdAt}#${issue.id}`,
  }),
  partition: (category: string) => `${partition.category}${category}`,
  /** The state part of a sort key: a case is closed only once it is closed for good. */
  state: (status: string): 'open' | 'closed' => (status === 'closed' ? 'closed' : 'open'),
  /** The sort-key range of one state's cases created from `from` to `to` (ISO 8601, UTC), both included. */
  range: (state: 'open' | 'closed', from: string, to: string) => ({
    from: `${state}#${from}`,
    // '~' sorts after every character of an ISO time and an issue id.
    to: `${state}#${to}~`,
  }),
};

/**
 * The index that finds a case by its number (`caseNumber`, a top-level attribute of the issue item written
 * once at intake, so the index costs one write per case and none on later changes).
 */
export const BY_NUMBER_INDEX = 'casesByNumber';

/**
 * The index that lists a street's cases like `casesByGrid` lists a grid's (keys only, the same sort key), so a
 * street's or a district's case list reads a few partitions rather than every grid's.
 */
export const BY_STREET_INDEX = 'casesByStreet';

/** `<open|closed>#<createdAt>#<id>`: the sort key of the street and department indexes. */
function listPosition(issue: { status: string; createdAt: string; id: string }): string {
  return `${categoryIndexKeys.state(issue.status)}#${issue.createdAt}#${issue.id}`;
}

/**
 * Keys of the street index: written at intake, changed once when the case closes. Unlike the grid index it
 * has no `erased#` state (only the retention sweep needs that, and it reads the grid index), so erasing a
 * case's contacts costs the street index nothing and its list keeps the case among the closed ones.
 */
export const streetIndexKeys = {
  of: (issue: { streetId: string; status: string; createdAt: string; id: string }) => ({
    gsi3pk: streetIndexKeys.partition(issue.streetId),
    gsi3sk: listPosition(issue),
  }),
  partition: (streetId: string) => `${partition.street}${streetId}`,
};

/**
 * The index that lists a department's cases (its supervisor's workbench), keys only. It is sparse: a case gets
 * its keys with its first transfer (转派) and keeps them, pointing at the department of its latest transfer, so a
 * case never transferred writes nothing to it.
 */
export const BY_DEPARTMENT_INDEX = 'casesByDepartment';

/**
 * Keys of the department index: none before a transfer; then the latest transfer's department and the list
 * position. A return (退回) leaves them (the department held the case); a later transfer moves them.
 */
export const departmentIndexKeys = {
  of: (issue: {
    status: string;
    createdAt: string;
    id: string;
    transfer?: { readonly department: { readonly id: string } } | undefined;
  }): { gsi4pk: string; gsi4sk: string } | undefined =>
    issue.transfer
      ? { gsi4pk: departmentIndexKeys.partition(issue.transfer.department.id), gsi4sk: listPosition(issue) }
      : undefined,
  partition: (departmentId: string) => `${partition.department}${departmentId}`,
};

/**
 * A resident's phone number as a search key: an item per case under the keyed hash of the number (never the
 * number in clear), sorted by the case's creation time; written once at intake, beside the case.
 */
export const contactKeys = {
  entry: (contactKey: string, createdAt: string, id: string): Key => ({
    pk: `${partition.contact}${contactKey}`,
    sk: `${createdAt}#${id}`,
  }),
  partition: (contactKey: string) => `${partition.contact}${contactKey}`,
  /** The case id a contact entry points at. */
  caseIdOf: (key: { sk?: unknown }) => String(key.sk).split('#').at(-1) ?? '',
};

/** Item keys of the audit trail: one partition per China day, entries in time order within it. */
export const auditKeys = {
  entry: (day: string, at: string, id: string): Key => ({ pk: `${DAY}${day}`, sk: `${at}#${id}` }),
  day: (day: string) => `${DAY}${day}`,
};

/** The audit trail's index of one case's entries (partition `caseId`, sort key the entry's `sk`). */
export const AUDIT_BY_CASE_INDEX = 'auditByCase';

/** Item keys of the registry table: reference data that ops import and handlers only read. */
export const registryKeys = {
  /** The partition that lists every grid. */
  allGrids: 'GRID',
  grid: (id: string): Key => ({ pk: registryKeys.allGrids, sk: id }),
  unit: (id: string): Key => ({ pk: 'UNIT', sk: id }),
  person: (id: string): Key => ({ pk: 'PERSON', sk: id }),
  /** Who a phone number belongs to (`personId`), written by the import beside the person: sign-in by phone. */
  personByPhone: (normalizedPhone: string): Key => ({ pk: 'PHONE', sk: normalizedPhone }),
  address: (normalized: string): Key => ({ pk: 'ADDRESS', sk: normalized }),
  /** The partition of partner API keys (written by ops' partner-keys command, read by the Open311 intake). */
  allPartnerKeys: 'PARTNER_KEY',
  /** A partner API key, under the SHA-256 digest of the key (the key itself is never stored). */
  partnerKey: (digest: string): Key => ({ pk: registryKeys.allPartnerKeys, sk: digest }),
  /** A partner's webhook: where its case events go and the secret they are signed with. */
  partnerWebhook: (partnerId: string): Key => ({ pk: 'PARTNER_WEBHOOK', sk: partnerId }),
  /** The district's working calendar: one item, replaced whole by an import. */
  calendar: { pk: 'CALENDAR', sk: 'CALENDAR' } as Key,
  /** The partition that lists every category. */
  allCategories: 'CATEGORY',
  category: (code: string): Key => ({ pk: registryKeys.allCategories, sk: code }),
  /** The partition that lists every functional department. */
  allDepartments: 'DEPARTMENT',
  department: (id: string): Key => ({ pk: registryKeys.allDepartments, sk: id }),
};
