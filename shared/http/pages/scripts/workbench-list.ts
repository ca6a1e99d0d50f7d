// The workbench's case list: a page of cases as a table (the export is ./workbench-export.ts).
import { el, formatTime } from './common.ts';

export interface ListStrings {
  readonly none: string;
  readonly caseCol: string;
  readonly addressCol: string;
  readonly phoneCol: string;
  readonly statusCol: string;
  readonly levelCol: string;
  readonly createdCol: string;
  readonly overdue: string;
  readonly deferred: string;
  readonly paused: string;
  readonly statuses: Readonly<Record<string, string>>;
  readonly sources: Readonly<Record<string, string>>;
  readonly levelTitles: Readonly<Record<string, string>>;
  readonly categories: Readonly<Record<string, string>>;
}

/** A case as the list shows it (the phone is always masked there). */
export interface CaseSummary {
  readonly id: string;
  readonly caseNumber: string | null;
  readonly category: string;
  readonly description: string;
  readonly address?: string;
  readonly status: string;
  readonly level: string;
  readonly source: string;
  readonly overdue?: boolean;
  readonly deferred: boolean;
  readonly paused: boolean;
  readonly createdAt: string;
  readonly phone?: string;
}

export interface CasePage {
  readonly cases: readonly CaseSummary[];
  readonly next?: string;
  readonly examined?: number;
}

const badges = (t: ListStrings, item: CaseSummary) => [
  item.overdue ? el('span', { class: 'badge late', text: t.overdue }) : '',
  item.deferred ? el('span', { class: 'badge', text: t.deferred }) : '',
  item.paused ? el('span', { class: 'badge', text: t.paused }) : '',
];

/** The table's rows of one page; each case links to its case page (`#case=<id>`). */
export function caseRows(t: ListStrings, cases: readonly CaseSummary[]): HTMLTableRowElement[] {
  return cases.map((item) =>
    el(
      'tr',
      { 'data-case-id': item.id },
      el(
        'td',
        {},
        el('a', { href: `#case=${encodeURIComponent(item.id)}`, text: item.caseNumber ?? item.id }),
        el('br'),
        `${t.categories[item.category] ?? item.category} · ${t.sources[item.source] ?? item.source}`,
      ),
      el('td', { text: item.address ?? '–' }),
      el('td', { class: 'phone', text: item.phone ?? '–' }),
      el('td', {}, t.statuses[item.status] ?? item.status, ' ', ...badges(t, item)),
      el('td', { text: t.levelTitles[item.level] ?? item.level }),
      el('td', {}, el('time', { datetime: item.createdAt, text: formatTime(item.createdAt) })),
    ),
  );
}

/** The list's table with its first rows; later pages append to its body. */
export function caseTable(t: ListStrings, cases: readonly CaseSummary[]): HTMLElement {
  const head = el(
    'tr',
    {},
    ...[t.caseCol, t.addressCol, t.phoneCol, t.statusCol, t.levelCol, t.createdCol].map((name) =>
      el('th', { scope: 'col', text: name }),
    ),
  );
  return el(
    'div',
    { class: 'scroll' },
    el('table', { id: 'cases' }, el('thead', {}, head), el('tbody', {}, ...caseRows(t, cases))),
  );
}
