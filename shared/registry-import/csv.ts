import { CsvError, parse } from 'csv-parse/sync';

/** One CSV record: its cells and the line it starts on (1-based). */
export interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
}

/** A file that is not well-formed CSV, at the line where reading stopped. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const breaksIn = (cells: readonly string[]) =>
  cells.reduce((count, cell) => count + (cell.match(/\n/g)?.length ?? 0), 0);

/** The first non-blank line at or after `line`: where a record that starts after a blank stretch begins. */
function nextRecordLine(text: string, line: number): number {
  const lines = text.split('\n');
  let at = line;
  while (at <= lines.length && lines[at - 1]?.trim() === '') at++;
  return at;
}

/**
 * Parses RFC 4180 CSV (csv-parse): double-quoted cells with "" for a quote and line breaks inside quotes, CRLF,
 * LF or both in one file, an optional UTF-8 byte order mark (spreadsheets add one). Blank lines are skipped;
 * line breaks inside cells come back as LF. Throws CsvSyntaxError naming the line, e.g. for a quote never closed.
 */
export function parseCsv(text: string): CsvRecord[] {
  // One line ending before parsing: csv-parse guesses the delimiter from the first line, and counts a CRLF inside
  // quotes as two lines, which would put every later line number off.
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  let lastEnd = 0;
  try {
    parse(source, {
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells, context) => {
        lastEnd = context.lines;
        // csv-parse counts lines up to a record's end; a record with line breaks in its cells started earlier.
        records.push({ line: context.lines - breaksIn(cells), cells });
        return cells;
      },
    });
    return records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      const line = nextRecordLine(source, lastEnd + 1);
      throw new CsvSyntaxError(
        'a quoted cell in this record is never closed (the file ends inside it)',
        line,
      );
    }
    const line = (error as CsvError & { lines?: number }).lines ?? lastEnd + 1;
    throw new CsvSyntaxError(error.message.replace(/ at line \d+/, ''), line);
  }
}
