import { stringify } from 'csv-stringify/sync';

/** Excel reads a UTF-8 file as UTF-8 (Chinese included) only when it starts with a byte order mark. */
const BOM = '\uFEFF';

/** A cell's value: an empty cell when null or undefined. */
export type Cell = string | number | null | undefined;

/** Rows encoded together: few enough to keep a chunk small, enough to keep the encoder's calls few. */
const ROWS_PER_CHUNK = 200;

const encode = (rows: readonly (readonly Cell[])[]) =>
  stringify(
    rows.map((row) => row.map((cell) => cell ?? '')),
    { record_delimiter: 'windows' },
  );

/**
 * Rows as CSV the way Excel opens it, in chunks as the rows are read: RFC 4180 quoting, CRLF, UTF-8 with a
 * byte order mark, a header of `columns`. Only one chunk's rows are held at a time, and the next rows are read
 * only when the consumer asks for more.
 */
export async function* excelCsvChunks(
  columns: readonly string[],
  rows: AsyncIterable<readonly Cell[]>,
): AsyncGenerator<string> {
  yield BOM + encode([columns]);
  let pending: (readonly Cell[])[] = [];
  for await (const row of rows) {
    pending.push(row);
    if (pending.length < ROWS_PER_CHUNK) continue;
    yield encode(pending);
    pending = [];
  }
  if (pending.length > 0) yield encode(pending);
}

/** The same CSV as one string, for files small enough to answer at once (the figures). */
export async function excelCsv(
  columns: readonly string[],
  rows: AsyncIterable<readonly Cell[]>,
): Promise<string> {
  const chunks: string[] = [];
  for await (const chunk of excelCsvChunks(columns, rows)) chunks.push(chunk);
  return chunks.join('');
}
