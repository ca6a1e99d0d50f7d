// What the admin commands (`npm run registry:import`, `partner-keys`, `webhooks`) share before their own work:
// strict argument parsing, the usage text on a mistake or on --help, and where the registry table is.
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { findRegistryTable } from '../registry-import/import-file.ts';

/** Where a command writes: every admin command takes these, besides --help. */
const TABLE_OPTIONS = {
  table: { type: 'string' },
  stage: { type: 'string' },
  endpoint: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/** Exit status of a command line that asks for something the command does not do. */
export const USAGE_ERROR = 2;

export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: typeof TABLE_OPTIONS & O;
    strict: true;
    allowPositionals: true;
  }>
>;

export interface CommandLine<O extends ParseArgsOptionsConfig> {
  readonly values: Parsed<O>['values'];
  readonly positionals: string[];
  /** Writes why the command line is wrong and the usage text to stderr; returns the exit status to end with. */
  usage(why: string): number;
}

/**
 * Parses an admin command's arguments strictly (the table options, --help and `options`). Returns the exit status
 * instead when there is nothing more to do: the usage text was asked for (0) or the arguments are wrong (2).
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig = Record<never, never>>(
  args: readonly string[],
  io: CommandIo,
  usageText: string,
  options?: O,
): CommandLine<O> | number {
  const usage = (why: string) => {
    io.stderr.write(`${why}\n\n${usageText}\n`);
    return USAGE_ERROR;
  };
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...TABLE_OPTIONS, ...options } as typeof TABLE_OPTIONS & O,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(`${usageText}\n`);
    return 0;
  }
  return { values: parsed.values, positionals: parsed.positionals, usage };
}

/**
 * Points the AWS SDK at a local runtime: it accepts any credentials, but the SDK still wants some, and no
 * instance-metadata lookups. `dynamodb` also becomes the endpoint of every DynamoDB client made after this.
 */
export function useLocalEndpoints(dynamodb: string | undefined): void {
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  if (dynamodb) process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamodb;
}

/** The registry table a command acts on: named by --table, else found by --stage (or alone) at the endpoint. */
export async function registryTableOf(values: {
  table?: string | undefined;
  stage?: string | undefined;
  endpoint?: string | undefined;
}): Promise<string> {
  if (values.table) return values.table;
  return findRegistryTable(
    new DynamoDBClient(values.endpoint ? { endpoint: values.endpoint } : {}),
    values.stage,
  );
}
