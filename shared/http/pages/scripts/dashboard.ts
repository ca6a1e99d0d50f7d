// The supervisor dashboard's module (/assets/dashboard.js): figures, the 督办 list and a 30-day SVG chart.
import { byId, data, el, formatTime, localPath } from './common.ts';
import { type BreakdownStrings, breakdowns, headline, type RangeFigures } from './dashboard-breakdowns.ts';
import { type ChartStrings, chart, type Day } from './dashboard-chart.ts';
import { reportHref } from './report-link.ts';
import { type SignInStrings, session } from './sign-in.ts';

interface DashboardStrings extends ChartStrings, BreakdownStrings, SignInStrings {
  readonly closedOnTime: string;
  readonly overdue: string;
  readonly reworked: string;
  readonly satisfaction: string;
  readonly unit: string;
  readonly children: string;
  readonly path: string;
  readonly watchTitle: string;
  readonly noneWatched: string;
  readonly caseCol: string;
  readonly gridCol: string;
  readonly levelCol: string;
  readonly holderCol: string;
  readonly deadlineCol: string;
  readonly stateCol: string;
  readonly overdueBadge: string;
  readonly escalatedBadge: string;
  readonly forbidden: string;
  readonly monthlyReport: string;
  readonly levels: Readonly<Record<string, string>>;
  readonly categories: Readonly<Record<string, string>>;
}

interface UnitRef {
  readonly scope: string;
  readonly id: string;
}

interface Stats {
  readonly received: number;
  readonly solvedOrAnswered: number;
  readonly closed: number;
  readonly closedOnTime: number;
  readonly overdue: number;
  readonly reworked: number;
  readonly satisfactionRate: number | null;
}

interface UnitFigures extends UnitRef {
  readonly name: string;
  readonly stats: Stats;
}

interface Figures {
  readonly unit: UnitFigures;
  readonly parents: readonly (UnitRef & { readonly name: string })[];
  readonly children: readonly UnitFigures[];
}

interface Watched {
  readonly items: readonly {
    readonly id: string;
    readonly caseNumber: string | null;
    readonly category: string;
    readonly gridName: string;
    readonly level: string;
    readonly assignee?: { readonly name: string };
    readonly deadline?: string;
    readonly overdue?: boolean;
    readonly escalated?: boolean;
  }[];
}

const t = data.t as DashboardStrings;
const board = byId('board');
const signIn = session(t, 'gridwork.dashboard.token', () => void show());

function unitFromHash(): UnitRef | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const scope = params.get('scope');
  const id = params.get('id');
  return scope && id ? { scope, id } : null;
}

function query(unit: UnitRef | null): string {
  return unit ? `?scope=${encodeURIComponent(unit.scope)}&id=${encodeURIComponent(unit.id)}` : '';
}

async function get<T>(path: string): Promise<T> {
  const response = await signIn.get<T>(path);
  // The page's own words: the API's detail is English whatever the page's language.
  if (response.status === 403) throw new Error(t.forbidden);
  if (response.status !== 200 || !response.body) throw new Error(t.failed);
  return response.body;
}

const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
const unitLink = (unit: UnitRef & { readonly name: string }) =>
  el('a', { href: `#scope=${unit.scope}&id=${encodeURIComponent(unit.id)}`, text: unit.name });

function cards(stats: Stats): HTMLElement[] {
  const figures: [string, string | number][] = [
    [t.received, stats.received],
    [t.solvedOrAnswered, stats.solvedOrAnswered],
    [t.closed, stats.closed],
    [t.closedOnTime, stats.closedOnTime],
    [t.overdue, stats.overdue],
    [t.reworked, stats.reworked],
    [t.satisfaction, percent(stats.satisfactionRate)],
  ];
  return figures.map(([name, value]) => el('div', { class: 'card' }, el('b', { text: String(value) }), name));
}

function childTable(children: readonly UnitFigures[]): HTMLElement | string {
  if (children.length === 0) return '';
  const head = el(
    'tr',
    {},
    ...[t.unit, t.received, t.closed, t.closedOnTime, t.overdue, t.reworked, t.satisfaction].map((name, i) =>
      el('th', { scope: 'col', class: i ? 'num' : null, text: name }),
    ),
  );
  const rows = children.map((child) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, unitLink(child)),
      ...[
        child.stats.received,
        child.stats.closed,
        child.stats.closedOnTime,
        child.stats.overdue,
        child.stats.reworked,
        percent(child.stats.satisfactionRate),
      ].map((value) => el('td', { class: 'num', text: String(value) })),
    ),
  );
  return el(
    'div',
    { class: 'scroll' },
    el(
      'table',
      {},
      el('caption', { class: 'sr-only', text: t.children }),
      el('thead', {}, head),
      el('tbody', {}, ...rows),
    ),
  );
}

function watchTable(list: Watched): HTMLElement {
  if (list.items.length === 0) return el('p', { text: t.noneWatched });
  const head = el(
    'tr',
    {},
    ...[t.caseCol, t.gridCol, t.levelCol, t.holderCol, t.deadlineCol, t.stateCol].map((name) =>
      el('th', { scope: 'col', text: name }),
    ),
  );
  const rows = list.items.map((item) =>
    el(
      'tr',
      {},
      el(
        'td',
        {},
        el('a', {
          href: localPath(`/track/${encodeURIComponent(item.id)}`),
          text: item.caseNumber ?? item.id,
        }),
        el('br'),
        t.categories[item.category] || item.category,
      ),
      el('td', { text: item.gridName }),
      el('td', { text: t.levels[item.level] }),
      el('td', { text: item.assignee ? item.assignee.name : '–' }),
      el('td', { text: item.deadline ? formatTime(item.deadline) : '–' }),
      el(
        'td',
        {},
        item.overdue ? el('span', { class: 'badge late', text: t.overdueBadge }) : '',
        item.escalated ? el('span', { class: 'badge', text: t.escalatedBadge }) : '',
      ),
    ),
  );
  return el('div', { class: 'scroll' }, el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)));
}

const titleOf = (name: string, level: string) => (name.includes(level) ? name : `${name} · ${level}`);

async function show(): Promise<void> {
  // Without a token every call is a 401: the form asks for one first, and the console stays clean.
  if (!signIn.signedIn()) {
    board.hidden = true;
    signIn.showForms(true);
    return;
  }
  const unit = unitFromHash();
  try {
    const figures = await get<Figures>(`/dashboard/api/figures${query(unit)}`);
    const here = { scope: figures.unit.scope, id: figures.unit.id };
    const [watch, daily] = await Promise.all([
      get<Watched>(`/dashboard/api/overdue${query(here)}`),
      get<{ days: readonly Day[] }>(`/dashboard/api/daily${query(here)}&days=30`),
    ]);
    // The figures of the chart's days, by source and by outcome: GET /stats signed in, which also answers for a
    // department, whose figures the public route does not publish.
    const days = daily.days.length ? `&from=${daily.days[0]?.day}&to=${daily.days.at(-1)?.day}` : '';
    const range = (by: string) =>
      get<RangeFigures>(`/dashboard/api/stats${query(here)}${days}&breakdown=${by}`);
    const [bySource, byOutcome] = await Promise.all([range('source'), range('outcome')]);
    signIn.showForms(false);
    const crumbs = el(
      'nav',
      { 'aria-label': t.path },
      ...figures.parents.flatMap((parent) => [unitLink(parent), ' › ']),
      el('span', { 'aria-current': 'page', text: figures.unit.name }),
    );
    board.replaceChildren(
      crumbs,
      // "芦淞区 · 区" says the level twice: it is added only to a name that does not already carry it.
      el('h1', { text: titleOf(figures.unit.name, t.levels[figures.unit.scope] ?? '') }),
      el('div', { class: 'cards' }, ...cards(figures.unit.stats)),
      el('p', {}, el('a', { href: reportHref(here, data.lang), text: t.monthlyReport })),
      headline(t, bySource),
      el('h2', { text: t.chartTitle }),
      ...chart(t, daily.days),
      el('h2', { text: `${t.watchTitle} (${watch.items.length})` }),
      watchTable(watch),
      ...breakdowns(t, bySource, byOutcome),
      figures.children.length ? el('h2', { text: t.children }) : '',
      childTable(figures.children),
    );
    board.hidden = false;
    board.setAttribute('aria-busy', 'false');
  } catch (error) {
    board.hidden = true;
    signIn.showForms(true, error instanceof Error ? error.message : t.failed);
  }
}

window.addEventListener('hashchange', () => void show());
void show();
