import type { Grid } from './registry.ts';

/** One registered address that matches what a resident typed, and the grid it belongs to. */
export interface AddressMatch {
  readonly address: string;
  readonly grid: Grid;
}

/** The community word a resident often leaves out ("光明社区建设路1号" is typed "建设路1号" or "光明建设路1号"). */
const COMMUNITY_WORD = '社区';

/**
 * Folded for matching: NFKC (full-width digits and letters become half-width), case and every white space
 * dropped, so "建设路１号 1栋" and "建设路1号1栋" compare equal.
 */
export function foldAddress(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

/** Where `query` occurs in `text` without splitting a number ("1号" is not inside "11号"); -1 when nowhere. */
function wholeNumberIndex(text: string, query: string): number {
  for (let at = text.indexOf(query); at >= 0; at = text.indexOf(query, at + 1)) {
    const cutsBefore = isDigit(query[0]) && isDigit(text[at - 1]);
    const cutsAfter = isDigit(query.at(-1)) && isDigit(text[at + query.length]);
    if (!cutsBefore && !cutsAfter) return at;
  }
  return -1;
}

/** How well an address matches: lower is better, undefined when it does not match at all. */
function rank(address: string, query: string): number | undefined {
  const folded = foldAddress(address);
  const forms = [folded, folded.replace(COMMUNITY_WORD, '')];
  if (forms.includes(query)) return 0;
  const at = forms.map((form) => wholeNumberIndex(form, query)).filter((index) => index >= 0);
  if (at.length === 0) return undefined;
  // A match right after the community name (where the road starts) beats one in the middle of a number.
  const afterCommunity = folded.indexOf(COMMUNITY_WORD) + COMMUNITY_WORD.length;
  return at.includes(afterCommunity) || at.includes(0) ? 1 : 2;
}

/**
 * The registered addresses that contain what a resident typed, best first: exact, then from the start of the
 * road or the address, then anywhere; within a rank shorter (more specific) addresses first.
 */
export function matchAddresses(grids: readonly Grid[], typed: string): AddressMatch[] {
  const query = foldAddress(typed);
  if (query.length === 0) return [];
  const found: { match: AddressMatch; rank: number }[] = [];
  for (const grid of grids) {
    for (const address of grid.addresses) {
      const score = rank(address, query);
      if (score !== undefined) found.push({ match: { address, grid }, rank: score });
    }
  }
  return found
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        a.match.address.length - b.match.address.length ||
        a.match.address.localeCompare(b.match.address, 'zh'),
    )
    .map(({ match }) => match);
}

/**
 * The grid a typed address routes to: the grid of an exact match, or the only grid among all matches;
 * undefined when nothing matches; the candidates when several grids do.
 */
export function gridOfAddress(
  grids: readonly Grid[],
  typed: string,
): { grid: Grid } | { candidates: AddressMatch[] } | undefined {
  const matches = matchAddresses(grids, typed);
  const exact = matches.filter((match) => rank(match.address, foldAddress(typed)) === 0);
  const decisive = exact.length > 0 ? exact : matches;
  const gridIds = new Set(decisive.map((match) => match.grid.id));
  const [first] = decisive;
  if (!first) return undefined;
  return gridIds.size === 1 ? { grid: first.grid } : { candidates: decisive };
}
