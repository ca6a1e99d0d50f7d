// The dashboard's 30-day chart of received and closed cases: plain SVG, no library.
import { el } from './common.ts';

/** The words the chart shows, from the page's strings. */
export interface ChartStrings {
  readonly chartTitle: string;
  readonly chartSummary: string;
  readonly received: string;
  readonly closed: string;
}

export interface Day {
  readonly day: string;
  readonly received: number;
  readonly closed: number;
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Readonly<Record<string, string | number>>, ...children: (Node | string)[]) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

// Received as bars, closed as a line, one column per day; the totals are also given as text for screen readers.
export function chart(t: ChartStrings, days: readonly Day[]): Node[] {
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
