// Plots as hand-written SVG: grouped bars of latency percentiles, and lines of the scale curve.
const WIDTH = 720;
const HEIGHT = 360;
const MARGIN = { top: 40, right: 170, bottom: 50, left: 60 };
const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#9c755f'];

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function frame(title: string, body: string[], yMax: number, yLabel: string): string {
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const ticks = Array.from({ length: 6 }, (_, i) => (yMax * i) / 5);
  const tickLines = ticks.map((tick) => {
    const y = MARGIN.top + plotHeight - (tick / yMax) * plotHeight;
    return (
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" stroke="#ddd"/>` +
      `<text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end">${Number(tick.toPrecision(3))}</text>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    `<text transform="translate(16 ${HEIGHT / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
    ...tickLines,
    ...body,
    '</svg>',
  ].join('\n');
}

function legend(names: readonly string[]): string[] {
  return names.map((name, i) => {
    const y = MARGIN.top + i * 18;
    const x = WIDTH - MARGIN.right + 14;
    return (
      `<rect x="${x}" y="${y}" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/>` +
      `<text x="${x + 18}" y="${y + 10}">${escapeXml(name)}</text>`
    );
  });
}

/** Bars: one group per category, one bar per series. */
export function barChart(options: {
  title: string;
  yLabel: string;
  categories: readonly string[];
  series: readonly { name: string; values: readonly number[] }[];
}): string {
  const values = options.series.flatMap((series) => series.values).filter(Number.isFinite);
  const yMax = Math.max(1, ...values) * 1.1;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / options.categories.length;
  const barWidth = (groupWidth * 0.8) / options.series.length;
  const body: string[] = [];
  options.categories.forEach((category, c) => {
    const x0 = MARGIN.left + c * groupWidth + groupWidth * 0.1;
    options.series.forEach((series, s) => {
      const value = series.values[c] ?? 0;
      const height = (value / yMax) * plotHeight;
      const x = x0 + s * barWidth;
      const y = MARGIN.top + plotHeight - height;
      body.push(
        `<rect x="${x}" y="${y}" width="${barWidth - 2}" height="${height}" fill="${COLOURS[s % COLOURS.length]}"><title>${escapeXml(`${series.name} ${category}: ${value}`)}</title></rect>`,
      );
    });
    body.push(
      `<text x="${x0 + groupWidth * 0.4}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${escapeXml(category)}</text>`,
    );
  });
  body.push(...legend(options.series.map((series) => series.name)));
  return frame(options.title, body, yMax, options.yLabel);
}

/** Lines over a logarithmic x axis (the scale curve spans orders of magnitude). */
export function lineChart(options: {
  title: string;
  yLabel: string;
  xLabel: string;
  x: readonly number[];
  series: readonly { name: string; values: readonly number[] }[];
}): string {
  const values = options.series.flatMap((series) => series.values).filter(Number.isFinite);
  const yMax = Math.max(1, ...values) * 1.1;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const logs = options.x.map((x) => Math.log10(x));
  const [lo, hi] = [Math.min(...logs), Math.max(...logs)];
  const xOf = (x: number) =>
    MARGIN.left + (hi === lo ? plotWidth / 2 : ((Math.log10(x) - lo) / (hi - lo)) * plotWidth);
  const yOf = (y: number) => MARGIN.top + plotHeight - (y / yMax) * plotHeight;
  const body: string[] = options.x.map(
    (x) =>
      `<text x="${xOf(x)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${x.toLocaleString('en')}</text>`,
  );
  body.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
  );
  options.series.forEach((series, s) => {
    const colour = COLOURS[s % COLOURS.length];
    const points = options.x.map((x, i) => `${xOf(x)},${yOf(series.values[i] ?? 0)}`);
    body.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const point of points) {
      const [px, py] = point.split(',');
      body.push(`<circle cx="${px}" cy="${py}" r="3" fill="${colour}"/>`);
    }
  });
  body.push(...legend(options.series.map((series) => series.name)));
  return frame(options.title, body, yMax, options.yLabel);
}
