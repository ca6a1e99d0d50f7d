import type { RegistryChanges } from '#adapters/dynamodb/registry-writer.ts';
import { parseCommandLine, useLocalEndpoints } from '../cli/command-line.ts';
import { ImportError, importRegistryFile } from './import-file.ts';
import { type ProgressStream, progressReporter } from './progress.ts';

export const USAGE = `usage: npm run registry:import -- <file.csv|file.json> [options]

Checks every record of a registry file, then writes units, grids, people and addresses, a calendar and
categories to the registry table.
Nothing is written unless the whole file is good.

options:
  --table NAME     the registry table (the stack output RegistryTableName)
  --stage STAGE    find the table of the stack Gridwork-<STAGE> instead
  --endpoint URL   a DynamoDB endpoint, such as the one npm start prints
  --dry-run        check everything and compare with the table; write nothing
  -h, --help       this text

Progress goes to stderr; the summary to stdout. Exit status: 0 done, 1 problems in the file, 2 usage.`;

export interface CliIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  readonly now?: () => number;
}

function changesSummary(changes: RegistryChanges): string[] {
  // The calendar, the categories and the departments are listed only when the file brings them.
  const listed = Object.entries(changes).filter(
    ([kind, counts]) =>
      !['calendar', 'categories', 'departments'].includes(kind) ||
      counts.new + counts.changed + counts.unchanged > 0,
  );
  const rows = listed.map(
    ([kind, counts]) =>
      `  ${kind}: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged`,
  );
  const sum = (field: 'new' | 'changed' | 'unchanged') =>
    Object.values(changes).reduce((total, counts) => total + counts[field], 0);
  return [...rows, `  all: ${sum('new')} new, ${sum('changed')} changed, ${sum('unchanged')} unchanged`];
}

/** `npm run registry:import`: parses the arguments strictly, runs the import, returns the exit status. */
export async function registryImportCli(args: readonly string[], io: CliIo): Promise<number> {
  const commandLine = parseCommandLine(args, io, USAGE, { 'dry-run': { type: 'boolean' } });
  if (typeof commandLine === 'number') return commandLine;
  const { values, positionals, usage } = commandLine;
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    return usage(file ? `one file at a time, not ${positionals.join(' ')}` : 'no file named');
  }
  if (values.endpoint) useLocalEndpoints(values.endpoint);
  const dryRun = values['dry-run'] ?? false;
  try {
    const result = await importRegistryFile({
      file,
      table: values.table,
      stage: values.stage,
      endpoint: values.endpoint,
      dryRun,
      onProgress: progressReporter(dryRun ? 'compared' : 'written', { stream: io.stderr, now: io.now }),
    });
    if (result.dryRun) {
      const lines = [`dry run: ${file} is good; importing it into ${result.table} would change:`];
      io.stdout.write(`${[...lines, ...changesSummary(result.changes), 'nothing was written'].join('\n')}\n`);
    } else io.stdout.write(`imported ${result.items} items into ${result.table}\n`);
    return 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr.write(`${file}: no such file\n`);
      return 1;
    }
    if (!(error instanceof ImportError)) throw error;
    io.stderr.write(`${error.message}\n`);
    for (const problem of error.problems) {
      io.stderr.write(
        `  ${file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}\n`,
      );
    }
    return 1;
  }
}
