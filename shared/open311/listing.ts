// GET requests: the spec's query (ids, service codes, states, a window of at most 90 days) read through the
// category index, a bounded page at a time; never a scan.
import type { Issue } from '#domain/issue.ts';
import { Open311Error } from './format.ts';

export type State = 'open' | 'closed';

/** What GET requests asks for once checked. */
export type RequestQuery =
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | {
      readonly kind: 'window';
      readonly codes: readonly string[];
      readonly states: readonly State[];
      /** ISO 8601 in UTC, both included. */
      readonly from: string;
      readonly to: string;
      readonly limit: number;
    };

/** Lists cases the way GET requests needs them. */
export interface CaseListing {
  /** The cases with these ids that exist, in the order asked. */
  byIds(ids: readonly string[]): Promise<Issue[]>;
  /** The newest `limit` cases of the codes and states created in the window, newest first. */
  inWindow(query: Extract<RequestQuery, { kind: 'window' }>): Promise<Issue[]>;
}

/** The most a window may span, as the spec says; also the default window, ending now. */
export const MAX_WINDOW_MS = 90 * 86_400_000;
/** The most requests one answer lists (the spec's default limit is 1000); narrow the window for older ones. */
export const PAGE_LIMIT = 200;
/** The most ids one GET requests may name. */
export const MAX_IDS = 100;

const STATES: readonly State[] = ['open', 'closed'];

/** Whether a text could be a case id at all; anything else is not found without asking the table. */
export function isPossibleId(text: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(text);
}

/** A client's text as an error description may quote it: short, and on one line. */
export function quoted(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 64 ? `${line.slice(0, 64)}…` : line;
}
// The W3C profile of ISO 8601 with a time and a zone (Z or ±hh:mm), as the spec requires.
const W3C_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function time(name: string, value: string | undefined): number | undefined {
  if (!value) return undefined;
  // A `+` in a query string arrives as a space when a client did not encode it.
  const text = value.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  const ms = Date.parse(text);
  if (!W3C_TIME.test(text) || Number.isNaN(ms)) {
    throw new Open311Error(400, `${name} must be a W3C date-time such as 2026-11-01T00:00:00Z.`);
  }
  return ms;
}

/** Checks GET requests' parameters against the known service codes; `now` ends the default window. */
export function parseRequestQuery(
  params: Readonly<Record<string, string | undefined>>,
  knownCodes: readonly string[],
  now: Date,
): RequestQuery {
  const ids = list(params.service_request_id);
  // The spec: ids override every other argument.
  if (ids.length > 0) {
    if (ids.length > MAX_IDS) throw new Open311Error(400, `At most ${MAX_IDS} service_request_id at once.`);
    return { kind: 'ids', ids: [...new Set(ids)].filter(isPossibleId) };
  }
  const codes = list(params.service_code);
  const unknown = codes.filter((code) => !knownCodes.includes(code));
  if (unknown.length > 0) {
    throw new Open311Error(404, `Unknown service_code: ${quoted(unknown.join(', '))}.`);
  }
  const states = list(params.status).map((state) => state.toLowerCase());
  const badState = states.find((state) => !(STATES as readonly string[]).includes(state));
  if (badState !== undefined) throw new Open311Error(400, 'status must be open, closed, or both.');
  const start = time('start_date', params.start_date);
  const end = time('end_date', params.end_date);
  const to = end ?? (start === undefined ? now.getTime() : Math.min(start + MAX_WINDOW_MS, now.getTime()));
  const from = start ?? to - MAX_WINDOW_MS;
  if (from > to) throw new Open311Error(400, 'start_date is after end_date.');
  if (to - from > MAX_WINDOW_MS) throw new Open311Error(400, 'The dates may not span more than 90 days.');
  return {
    kind: 'window',
    codes: codes.length > 0 ? [...new Set(codes)] : [...knownCodes],
    states: states.length > 0 ? [...new Set(states as State[])] : STATES,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    limit: PAGE_LIMIT,
  };
}
