// The dashboard's published headline ("received 141, solved or answered 50") and its figures by source and by
// outcome, over the same days as the chart, from GET /stats.
import { el } from './common.ts';

type Names = Readonly<Record<string, string>>;

/** The words the breakdowns show, from the page's strings. */
export interface BreakdownStrings {
  readonly received: string;
  readonly closed: string;
  readonly solvedOrAnswered: string;
  readonly headline: string;
  readonly bySource: string;
  readonly byOutcome: string;
  readonly sourceCol: string;
  readonly outcomeCol: string;
  readonly sources: Names;
  readonly outcomes: Names;
}

type Share = Readonly<Record<string, number | undefined>>;

/** What GET /stats answers for a range with a breakdown, as far as the dashboard reads it. */
export interface RangeFigures {
  readonly received: number;
  readonly solvedOrAnswered: number;
  readonly breakdown?: Readonly<Record<string, Readonly<Record<string, Share>>>>;
}

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  return el(
    'div',
    { class: 'scroll' },
    el(
      'table',
      {},
      el('caption', { text: caption }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...head.map((name, i) => el('th', { scope: 'col', class: i ? 'num' : null, text: name })),
        ),
      ),
      el(
        'tbody',
        {},
        ...rows.map(([name, ...values]) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row', text: name ?? '' }),
            ...values.map((value) => el('td', { class: 'num', text: value })),
          ),
        ),
      ),
    ),
  );
}

/** The published headline of the days asked: received, and solved or answered. */
export function headline(t: BreakdownStrings, figures: RangeFigures): HTMLElement {
  const text = t.headline
    .replace('{received}', String(figures.received))
    .replace('{solved}', String(figures.solvedOrAnswered));
  return el('p', { class: 'headline', text });
}

/** A table of the figures by source, and one of closed cases by outcome (the values with any case). */
export function breakdowns(
  t: BreakdownStrings,
  bySource: RangeFigures,
  byOutcome: RangeFigures,
): (Node | string)[] {
  const sources = Object.entries(bySource.breakdown?.source ?? {});
  const outcomes = Object.entries(byOutcome.breakdown?.outcome ?? {});
  const count = (share: Share, name: string) => String(share[name] ?? 0);
  return [
    sources.length
      ? table(
          t.bySource,
          [t.sourceCol, t.received, t.closed, t.solvedOrAnswered],
          sources.map(([source, share]) => [
            t.sources[source] ?? source,
            count(share, 'received'),
            count(share, 'closed'),
            count(share, 'solvedOrAnswered'),
          ]),
        )
      : '',
    outcomes.length
      ? table(
          t.byOutcome,
          [t.outcomeCol, t.closed],
          outcomes.map(([outcome, share]) => [t.outcomes[outcome] ?? outcome, count(share, 'closed')]),
        )
      : '',
  ];
}
