import type { FigureExport, FigureRow } from '#use-cases/export-figures.ts';
import { excelCsv } from './excel-csv.ts';

/** Excel reads a CSV file as the local code page unless it starts with a byte order mark. */

/** The columns of the figures export: the header districts read, and each row's value. */
const COLUMNS: readonly [string, (row: FigureRow) => string | number | null | undefined][] = [
  ['层级', (row) => row.scope],
  ['单位编号', (row) => row.id],
  ['单位名称', (row) => row.name],
  ['排名', (row) => row.rank],
  ['受理', (row) => row.counts.received],
  ['办结', (row) => row.counts.closed],
  ['按期办结', (row) => row.counts.closedOnTime],
  ['超期', (row) => row.counts.overdue],
  ['返工', (row) => row.counts.reworked],
  ['评价', (row) => row.counts.rated],
  ['满意', (row) => row.counts.satisfied],
  ['延期', (row) => row.counts.deferred],
  ['按期办结率', (row) => row.onTimeRate],
  ['满意率', (row) => row.satisfactionRate],
  ['返工率', (row) => row.reworkRate],
  ['延期率', (row) => row.deferralRate],
];

/**
 * The export as CSV (RFC 4180 quoting, CRLF), UTF-8 with a byte order mark: the rows are written into the
 * encoder as they are read. An empty cell is a figure not counted for the period, or a rate with nothing to
 * divide.
 */
export async function figuresCsv(figures: FigureExport): Promise<string> {
  async function* rows() {
    for await (const row of figures.rows) yield COLUMNS.map(([, value]) => value(row));
  }
  return excelCsv(
    COLUMNS.map(([name]) => name),
    rows(),
  );
}

/** The file name a browser saves the export under: the unit and the period's days. */
export function figuresFileName(unit: { scope: string; id: string }, figures: FigureExport): string {
  const span = figures.range ? `${figures.range.from}_${figures.range.to}` : 'total';
  return `figures-${unit.scope}-${unit.id}-${span}.csv`.replace(/[^\w.-]/g, '_');
}
