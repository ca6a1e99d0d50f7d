// The supervisor dashboard's module (/assets/dashboard.js): figures, the 督办 list and a 30-day SVG chart.
import { api, byId, data, el, formatTime, localPath } from './common.ts';

interface DashboardStrings {
  readonly received: string;
  readonly closed: string;
  readonly closedOnTime: string;
  readonly overdue: string;
  readonly reworked: string;
  readonly satisfaction: string;
  readonly unit: string;
  readonly children: string;
  readonly path: string;
  readonly chartTitle: string;
  readonly chartSummary: string;
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
  readonly badToken: string;
  readonly failed: string;
  readonly levels: Readonly<Record<string, string>>;
  readonly categories: Readonly<Record<string, string>>;
}

interface UnitRef {
  readonly scope: string;
  readonly id: string;
}

interface Stats {
  readonly received: number;
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
    readonly category: string;
    readonly gridId: string;
    readonly level: string;
    readonly assignee?: { readonly name: string };
    readonly deadline?: string;
    readonly overdue?: boolean;
    readonly escalated?: boolean;
  }[];
}

interface Day {
  readonly day: string;
  readonly received: number;
  readonly closed: number;
}

const t = data.t as DashboardStrings;
const tokenKey = 'gridwork.dashboard.token';
const login = byId<HTMLFormElement>('login');
const board = byId('board');
const loginError = byId('token-error');
const SVG = 'http://www.w3.org/2000/svg';

class Unauthorized extends Error {}

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
  const response = await api<T & { detail?: string }>('GET', path, undefined, {
    authorization: `Bearer ${sessionStorage.getItem(tokenKey)}`,
  });
  if (response.status === 401) throw new Unauthorized();
  if (response.status !== 200 || !response.body) throw new Error(response.body?.detail || t.failed);
  return response.body;
}

const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
const unitLink = (unit: UnitRef & { readonly name: string }) =>
  el('a', { href: `#scope=${unit.scope}&id=${encodeURIComponent(unit.id)}`, text: unit.name });

function cards(stats: Stats): HTMLElement[] {
  const figures: [string, string | number][] = [
    [t.received, stats.received],
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

function svg(tag: string, attrs: Readonly<Record<string, string | number>>, ...children: (Node | string)[]) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

// Received as bars, closed as a line, one column per day; the totals are also given as text for screen readers.
function chart(days: readonly Day[]): Node[] {
  const width = 360;
  const height = 180;
  const left = 28;
  const bottom = 22;
  const top = 10;
  const max = Math.max(1, ...days.map((day) => Math.max(day.received, day.closed)));
  const step = (width - left) / days.length;
  const y = (value: number) => top + (height - top - bottom) * (1 - value / max);
  const total = (name: 'received' | 'closed') => days.reduce((sum, day) => sum + day[name], 0);
  const summary = t.chartSummary
    .replace('{received}', String(total('received')))
    .replace('{closed}', String(total('closed')));
  const bars = days.map((day, i) =>
    svg(
      'rect',
      {
        x: left + i * step + 1,
        y: y(day.received),
        width: Math.max(1, step - 2),
        height: y(0) - y(day.received),
        fill: '#7aa7d9',
      },
      svg('title', {}, `${day.day} ${t.received} ${day.received}`),
    ),
  );
  const line = svg('polyline', {
    fill: 'none',
    stroke: '#1b7f3b',
    'stroke-width': 2,
    points: days
      .map((day, i) => `${(left + i * step + step / 2).toFixed(1)},${y(day.closed).toFixed(1)}`)
      .join(' '),
  });
  const label = { 'font-size': 10, fill: '#4a4a4a' };
  const axis = [
    svg('line', { x1: left, y1: y(0), x2: width, y2: y(0), stroke: '#767676' }),
    svg('text', { x: left - 4, y: y(max) + 4, 'text-anchor': 'end', ...label }, String(max)),
    svg('text', { x: left - 4, y: y(0) + 4, 'text-anchor': 'end', ...label }, '0'),
    svg('text', { x: left, y: height - 6, ...label }, days[0]?.day.slice(5) ?? ''),
    svg('text', { x: width, y: height - 6, 'text-anchor': 'end', ...label }, days.at(-1)?.day.slice(5) ?? ''),
  ];
  const figure = svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `${t.chartTitle}. ${summary}`,
      width: '100%',
    },
    ...bars,
    line,
    ...axis,
  );
  const legend = el(
    'p',
    { class: 'hint' },
    el('span', { style: 'color:#2f6db3', text: `■ ${t.received}` }),
    '  ',
    el('span', { style: 'color:#1b7f3b', text: `— ${t.closed}` }),
    `  · ${summary}`,
  );
  return [figure, legend];
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
          text: t.categories[item.category] || item.category,
        }),
      ),
      el('td', { text: item.gridId }),
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

async function show(): Promise<void> {
  const unit = unitFromHash();
  try {
    const figures = await get<Figures>(`/dashboard/api/figures${query(unit)}`);
    const here = { scope: figures.unit.scope, id: figures.unit.id };
    const [watch, daily] = await Promise.all([
      get<Watched>(`/dashboard/api/overdue${query(here)}`),
      get<{ days: readonly Day[] }>(`/dashboard/api/daily${query(here)}&days=30`),
    ]);
    login.hidden = true;
    const crumbs = el(
      'nav',
      { 'aria-label': t.path },
      ...figures.parents.flatMap((parent) => [unitLink(parent), ' › ']),
      el('span', { 'aria-current': 'page', text: figures.unit.name }),
    );
    board.replaceChildren(
      crumbs,
      el('h1', { text: `${figures.unit.name} · ${t.levels[figures.unit.scope]}` }),
      el('div', { class: 'cards' }, ...cards(figures.unit.stats)),
      el('h2', { text: t.chartTitle }),
      ...chart(daily.days),
      el('h2', { text: `${t.watchTitle} (${watch.items.length})` }),
      watchTable(watch),
      figures.children.length ? el('h2', { text: t.children }) : '',
      childTable(figures.children),
    );
    board.hidden = false;
    board.setAttribute('aria-busy', 'false');
  } catch (error) {
    board.hidden = true;
    login.hidden = false;
    if (error instanceof Unauthorized)
      loginError.textContent = sessionStorage.getItem(tokenKey) ? t.badToken : '';
    else loginError.textContent = error instanceof Error ? error.message : t.failed;
  }
}

login.addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(tokenKey, (login.elements.namedItem('token') as HTMLInputElement).value.trim());
  void show();
});
window.addEventListener('hashchange', () => void show());
void show();
