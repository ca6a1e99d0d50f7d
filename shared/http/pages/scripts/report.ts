// The printable monthly report's module (/assets/report.js): the figures of /dashboard/api/report as cards,
// tables and the dashboard's plain SVG chart (one chart of 28–31 columns needs no library).
import { api, byId, data, el, formatTime } from './common.ts';
import { chart, type Day } from './dashboard-chart.ts';
import { lastMonth } from './report-link.ts';

interface ReportStrings {
  readonly title: string;
  readonly asOf: string;
  readonly received: string;
  readonly closed: string;
  readonly solvedOrAnswered: string;
  readonly chartTitle: string;
  readonly chartSummary: string;
  readonly ratesTitle: string;
  readonly rateCol: string;
  readonly thisMonth: string;
  readonly lastMonth: string;
  readonly change: string;
  readonly rates: Readonly<Record<RateName, string>>;
  readonly rankingTitle: string;
  readonly rankCol: string;
  readonly unitCol: string;
  readonly slowestTitle: string;
  readonly noneSlow: string;
  readonly caseCol: string;
  readonly categoryCol: string;
  readonly gridCol: string;
  readonly takenCol: string;
  readonly hours: string;
  readonly signIn: string;
  readonly forbidden: string;
  readonly failed: string;
  readonly levels: Readonly<Record<string, string>>;
  readonly categories: Readonly<Record<string, string>>;
}

const RATE_NAMES = ['onTimeRate', 'satisfactionRate', 'reworkRate', 'deferralRate'] as const;
type RateName = (typeof RATE_NAMES)[number];
type Rates = Readonly<Record<RateName, number | null>>;

interface MonthFigures extends Rates {
  readonly counts: Readonly<Record<'received' | 'closed' | 'solvedOrAnswered', number>>;
}

interface Report {
  readonly unit: { readonly scope: string; readonly id: string; readonly name: string };
  readonly month: string;
  readonly previousMonth: string;
  readonly days: readonly Day[];
  readonly figures: MonthFigures;
  readonly previous: MonthFigures;
  readonly ranking: readonly (Rates & {
    readonly rank: number | null;
    readonly name: string;
    readonly counts: Readonly<Record<'received' | 'closed', number>>;
  })[];
  readonly slowest: readonly {
    readonly id: string;
    readonly caseNumber: string | null;
    readonly category: string;
    readonly gridName: string;
    readonly takenMs: number;
  }[];
  readonly asOf: string | null;
}

const t = data.t as ReportStrings;
const tokenKey = 'gridwork.dashboard.token';
const report = byId('report');
const error = byId('report-error');
const monthInput = byId<HTMLInputElement>('month');

const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
const points = (now: number | null, before: number | null) =>
  now === null || before === null ? '–' : `${now >= before ? '+' : ''}${((now - before) * 100).toFixed(1)}`;

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  const cell = (tag: 'th' | 'td', text: string, i: number) =>
    el(tag, { class: i ? 'num' : null, text, ...(tag === 'th' ? { scope: 'col' } : {}) });
  return el(
    'div',
    { class: 'scroll' },
    el(
      'table',
      {},
      el('caption', { class: 'sr-only', text: caption }),
      el('thead', {}, el('tr', {}, ...head.map((name, i) => cell('th', name, i)))),
      el('tbody', {}, ...rows.map((row) => el('tr', {}, ...row.map((text, i) => cell('td', text, i))))),
    ),
  );
}

function render(body: Report): void {
  const { figures, previous } = body;
  const unit = `${body.unit.name}${body.unit.name.includes(t.levels[body.unit.scope] ?? '') ? '' : ` · ${t.levels[body.unit.scope] ?? ''}`}`;
  const cards = [
    [t.received, figures.counts.received],
    [t.closed, figures.counts.closed],
    [t.solvedOrAnswered, figures.counts.solvedOrAnswered],
    ...RATE_NAMES.map((name) => [t.rates[name], percent(figures[name])] as const),
  ].map(([name, value]) => el('div', { class: 'card' }, el('b', { text: String(value) }), String(name)));
  const rates = table(
    t.ratesTitle,
    [t.rateCol, t.thisMonth, t.lastMonth.replace('{month}', body.previousMonth), t.change],
    RATE_NAMES.map((name) => [
      t.rates[name],
      percent(figures[name]),
      percent(previous[name]),
      points(figures[name], previous[name]),
    ]),
  );
  const ranking = body.ranking.length
    ? [
        el('h2', { text: t.rankingTitle }),
        table(
          t.rankingTitle,
          [t.rankCol, t.unitCol, t.received, t.closed, ...RATE_NAMES.map((name) => t.rates[name])],
          body.ranking.map((row) => [
            String(row.rank ?? ''),
            row.name,
            String(row.counts.received),
            String(row.counts.closed),
            ...RATE_NAMES.map((name) => percent(row[name])),
          ]),
        ),
      ]
    : [];
  const slowest = body.slowest.length
    ? table(
        t.slowestTitle,
        [t.caseCol, t.categoryCol, t.gridCol, t.takenCol],
        body.slowest.map((entry) => [
          entry.caseNumber ?? entry.id,
          t.categories[entry.category] ?? entry.category,
          entry.gridName,
          t.hours.replace('{h}', (entry.takenMs / 3_600_000).toFixed(1)),
        ]),
      )
    : el('p', { text: t.noneSlow });
  report.replaceChildren(
    el('h1', { text: t.title.replace('{unit}', unit).replace('{month}', body.month) }),
    el('p', { class: 'hint', text: body.asOf ? t.asOf.replace('{time}', formatTime(body.asOf)) : '' }),
    el('div', { class: 'cards' }, ...cards),
    el('h2', { text: t.chartTitle }),
    ...chart(t, body.days),
    el('h2', { text: t.ratesTitle }),
    rates,
    ...ranking,
    el('h2', { text: t.slowestTitle }),
    slowest,
  );
  report.setAttribute('aria-busy', 'false');
}

async function show(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const token = sessionStorage.getItem(tokenKey);
  const month = params.get('month') ?? lastMonth();
  monthInput.value = month;
  if (!token) {
    error.textContent = t.signIn;
    return;
  }
  const [scope, id] = (params.get('unit') ?? '').split(':');
  const unit = scope && id ? `&scope=${encodeURIComponent(scope)}&id=${encodeURIComponent(id)}` : '';
  const response = await api<Report>('GET', `/dashboard/api/report?month=${month}${unit}`, undefined, {
    authorization: `Bearer ${token}`,
  });
  if (response.status === 200 && response.body) {
    error.textContent = '';
    render(response.body);
  } else {
    error.textContent = response.status === 401 ? t.signIn : response.status === 403 ? t.forbidden : t.failed;
  }
}

byId('controls').addEventListener('submit', (event) => {
  event.preventDefault();
  const params = new URLSearchParams(window.location.search);
  if (monthInput.value) params.set('month', monthInput.value);
  window.history.replaceState(null, '', `?${params.toString()}`);
  void show();
});
byId('print').addEventListener('click', () => window.print());
void show();
