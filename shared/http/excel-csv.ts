import { stringify } from 'csv-stringify';

/** Excel reads a UTF-8 file as UTF-8 (Chinese included) only when it starts with a byte order mark. */
const BOM = '\uFEFF';

/** A cell's value: an empty cell when null or undefined. */
export type Cell = string | number | null | undefined;

/**
 * Rows as CSV the way Excel opens it: RFC 4180 quoting, CRLF, UTF-8 with a byte order mark, a header of
 * `columns`. Rows are written into the encoder as they are read.
 */
export async function excelCsv(
  columns: readonly string[],
  rows: AsyncIterable<readonly Cell[]>,
): Promise<string> {
  const encoder = stringify({ header: true, columns: [...columns], record_delimiter: 'windows' });
  const chunks: string[] = [BOM];
  encoder.on('data', (chunk: Buffer | string) => chunks.push(chunk.toString()));
  const done = new Promise<void>((resolve, reject) => {
    encoder.on('end', resolve);
    encoder.on('error', reject);
  });
  for await (const row of rows) encoder.write(row.map((cell) => cell ?? ''));
  encoder.end();
  await done;
  return chunks.join('');
}
