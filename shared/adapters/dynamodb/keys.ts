/**
 * Item keys of the cases table. One table holds every item that changes with cases, each kind under its own
 * partition prefix; the issue item is the aggregate every state change writes in one conditional write.
 */
export const caseKeys = {
  issue: (id: string) => ({ pk: `ISSUE#${id}`, sk: 'ISSUE' }),
  idempotency: (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' }),
  stats: (scopeKey: string) => ({ pk: `STATS#${scopeKey}`, sk: 'STATS' }),
  outbox: (to: string, sortKey: string) => ({ pk: `OUTBOX#${to}`, sk: sortKey }),
};

/** Item keys of the registry table: reference data that ops import and handlers only read. */
export const registryKeys = {
  grid: (id: string) => ({ pk: 'GRID', sk: id }),
  unit: (id: string) => ({ pk: 'UNIT', sk: id }),
  person: (id: string) => ({ pk: 'PERSON', sk: id }),
  address: (normalized: string) => ({ pk: 'ADDRESS', sk: normalized }),
};

/** The index that lists a grid's issues by state, newest first within a state. */
export const BY_GRID_INDEX = 'casesByGrid';
