import { DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import { type BackfillCounts, backfillCaseIndexes, decodeCursor } from '#adapters/dynamodb/index-backfill.ts';
import { type CommandIo, parseCommandLine, useLocalEndpoints } from '../cli/command-line.ts';

export const USAGE = `usage: npm run index-backfill -- [options]

Sets the casesByStreet keys, and the casesByDepartment keys of transferred cases, on case items stored
before those indexes existed (or whose street key predates the current layout). Scans the cases table in
bounded pages; each case that lacks its keys gets one write, conditional on the version read, so a case
changed meanwhile is left to its own write. Safe to run again or to stop: each page prints a cursor to
resume from.

options:
  --table NAME       the cases table (the stack's Data/Cases table)
  --stage STAGE      find the cases table of the stack Gridwork-<STAGE> instead
  --endpoint URL     a DynamoDB endpoint, such as the one npm start prints
  --cursor TEXT      resume where a run stopped (the cursor it printed last)
  --page-size N      items read per page, 1-1000 (default 100)
  --pages N          stop after N pages and print the cursor (default: to the end)
  --dry-run          count what would be set, write nothing
  -h, --help         this text

Exit status: 0 done (or stopped at --pages with a cursor printed), 2 usage.`;

const OPTIONS = {
  cursor: { type: 'string' },
  'page-size': { type: 'string' },
  pages: { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

/** A whole number within bounds from the command line, or undefined when it is not one. */
function count(text: string | undefined, fallback: number, max: number): number | undefined {
  if (text === undefined) return fallback;
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
}

/** The cases table named by --table, else the one table of the stage's stack (or the only one) at the endpoint. */
async function casesTableOf(values: { table?: string; stage?: string; endpoint?: string }): Promise<string> {
  if (values.table) return values.table;
  const client = new DynamoDBClient(values.endpoint ? { endpoint: values.endpoint } : {});
  const names: string[] = [];
  for await (const page of paginateListTables({ client }, {})) names.push(...(page.TableNames ?? []));
  const prefix = values.stage ? `Gridwork-${values.stage}-` : '';
  const found = names.filter(
    (name) => name.startsWith(prefix) && /(^|-)DataCases[0-9A-F]{8}(-|$)/.test(name),
  );
  if (found.length === 1 && found[0]) return found[0];
  throw new Error(
    `Found ${found.length === 0 ? 'no cases table' : `several: ${found.join(', ')}`}; name it with --table or narrow with --stage`,
  );
}

const line = (counts: BackfillCounts, dryRun: boolean) =>
  `scanned ${counts.scanned}, cases ${counts.cases}, ${dryRun ? 'would set' : 'set'} ${counts.set}, ` +
  `already current ${counts.current}, changed meanwhile ${counts.changed}`;

/** `npm run index-backfill`: pages through the cases table, printing each page's counts and cursor. */
export async function indexBackfillCli(args: readonly string[], io: CommandIo): Promise<number> {
  const commandLine = parseCommandLine(args, io, USAGE, OPTIONS);
  if (typeof commandLine === 'number') return commandLine;
  const { values, positionals, usage } = commandLine;
  if (positionals.length > 0) return usage(`unexpected: ${positionals.join(' ')}`);
  const pageSize = count(values['page-size'], 100, 1000);
  if (pageSize === undefined) return usage('--page-size takes a whole number from 1 to 1000');
  const pages = count(values.pages, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (pages === undefined) return usage('--pages takes a whole number from 1');
  let cursor = values.cursor === undefined ? undefined : decodeCursor(values.cursor);
  if (values.cursor !== undefined && !cursor) return usage('--cursor takes a cursor this command printed');
  if (values.endpoint) useLocalEndpoints(values.endpoint);
  const dryRun = values['dry-run'] === true;
  const table = await casesTableOf(values);
  const total = { scanned: 0, cases: 0, set: 0, current: 0, changed: 0 };
  for (let page = 1; page <= pages; page += 1) {
    const done = await backfillCaseIndexes(table, { cursor, pageSize, dryRun });
    for (const key of Object.keys(total) as (keyof BackfillCounts)[]) total[key] += done[key];
    io.stdout.write(
      `page ${page}: ${line(done, dryRun)}${done.cursor ? `; resume with --cursor ${done.cursor}` : ''}\n`,
    );
    cursor = done.cursor === undefined ? undefined : decodeCursor(done.cursor);
    if (!cursor) {
      io.stdout.write(`done: ${line(total, dryRun)}\n`);
      return 0;
    }
  }
  io.stdout.write(`stopped after ${pages} page(s): ${line(total, dryRun)}\n`);
  return 0;
}
