import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import {
  diffRegistry,
  type ProgressListener,
  type RegistryChanges,
  writeRegistry,
} from '#adapters/dynamodb/registry-writer.ts';
import { type ParseResult, parseRegistryCsv, parseRegistryJson } from './parse.ts';
import type { ImportProblem } from './schema.ts';

export class ImportError extends Error {
  constructor(
    message: string,
    readonly problems: readonly ImportProblem[] = [],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ImportOptions {
  readonly file: string;
  /** The registry table; found by listing tables when absent. */
  readonly table?: string | undefined;
  /** Narrows the search to the stack `Gridwork-<stage>` on AWS. */
  readonly stage?: string | undefined;
  /** A DynamoDB endpoint (the local runtime's); the SDK's default (AWS) otherwise. */
  readonly endpoint?: string | undefined;
  /** Check the file and compare it with the table, writing nothing. */
  readonly dryRun?: boolean | undefined;
  /** Told how many items have been compared (dry run) or written so far. */
  readonly onProgress?: ProgressListener | undefined;
}

/** What an import did, or with `dryRun` would do. */
export type ImportResult =
  | { readonly dryRun: false; readonly table: string; readonly items: number }
  | {
      readonly dryRun: true;
      readonly table: string;
      readonly items: number;
      readonly changes: RegistryChanges;
    };

/** Parses a registry file by its extension: `.json` or `.csv`. */
export function parseRegistryFile(file: string, text: string): ParseResult {
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return parseRegistryJson(text);
  if (extension === '.csv') return parseRegistryCsv(text);
  throw new ImportError(`${file}: expected a .json or .csv file`);
}

/**
 * The registry table: the one table whose name holds the template's logical id `DataRegistry…` — the whole
 * name locally, `Gridwork-<stage>-DataRegistry…-<suffix>` on AWS.
 */
export async function findRegistryTable(client: DynamoDBClient, stage?: string): Promise<string> {
  const names: string[] = [];
  for await (const page of paginateListTables({ client }, {})) names.push(...(page.TableNames ?? []));
  const prefix = stage ? `Gridwork-${stage}-` : '';
  const candidates = names.filter(
    (name) => name.startsWith(prefix) && /(^|-)DataRegistry[0-9A-F]{8}(-|$)/.test(name),
  );
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  const found = candidates.length === 0 ? 'no registry table' : `several: ${candidates.join(', ')}`;
  throw new ImportError(
    `Found ${found}; name it with --table (the stack output RegistryTableName) or narrow with --stage`,
  );
}

/**
 * Imports a whole registry file: every record is checked first, and nothing is written unless all are good. With
 * `dryRun`, compares each item with the table instead and writes nothing.
 */
export async function importRegistryFile(options: ImportOptions): Promise<ImportResult> {
  const text = await readFile(options.file, 'utf8');
  const parsed = parseRegistryFile(options.file, text);
  if (!parsed.ok) {
    throw new ImportError(
      `${options.file}: ${parsed.problems.length} problem(s), nothing imported`,
      parsed.problems,
    );
  }
  if (options.endpoint) process.env.AWS_ENDPOINT_URL_DYNAMODB = options.endpoint;
  const table =
    options.table ??
    (await findRegistryTable(
      new DynamoDBClient(options.endpoint ? { endpoint: options.endpoint } : {}),
      options.stage,
    ));
  if (options.dryRun) {
    const changes = await diffRegistry(table, parsed.data, options.onProgress);
    const items = Object.values(changes).reduce(
      (sum, counts) => sum + counts.new + counts.changed + counts.unchanged,
      0,
    );
    return { dryRun: true, table, items, changes };
  }
  return { dryRun: false, table, items: await writeRegistry(table, parsed.data, options.onProgress) };
}
