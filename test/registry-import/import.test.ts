import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/paths.ts';
import { registryImportCli, USAGE } from '../../shared/registry-import/cli.ts';
import { ImportError, importRegistryFile } from '../../shared/registry-import/import-file.ts';

/** The registry table as the local runtime names it: the template's logical id. */
const TABLE = 'DataRegistry7F96B43F';

let server: Server;
let dir: string;
let endpoint: string;
let client: DynamoDBClient;

async function createTable(name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
}

async function itemCount(table: string): Promise<number> {
  return (await client.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gridwork-registry-import-'));
  server = dynalite({ path: join(dir, 'db'), createTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new DynamoDBClient({ endpoint });
  await createTable(TABLE);
  await createTable('DataCasesE4E7C0E9');
});

afterAll(async () => {
  client?.destroy();
  server?.close();
  if (server) await once(server, 'close');
  await rm(dir, { recursive: true, force: true });
});

describe('importRegistryFile against dynalite', () => {
  it('writes nothing when one row of the file is malformed, and names its line', async () => {
    // Prepare
    const lines = (await readFile(join(REPO_ROOT, 'docs/examples/registry.csv'), 'utf8')).split('\n');
    lines[6] = lines[6]?.replace(',true,', ',maybe,') ?? '';
    const file = join(dir, 'bad.csv');
    await writeFile(file, lines.join('\n'));

    // Act
    const importing = importRegistryFile({ file, endpoint });

    // Assess
    await expect(importing).rejects.toBeInstanceOf(ImportError);
    await expect(importing).rejects.toMatchObject({
      problems: [{ line: 7, message: expect.stringMatching(/^person onDuty: /) }],
    });
    expect(await itemCount(TABLE)).toBe(0);
  });

  it('finds the registry table among the local tables and imports the example file', async () => {
    // Act
    const result = await importRegistryFile({
      file: join(REPO_ROOT, 'docs/examples/registry.json'),
      endpoint,
    });

    // Assess
    // 3 units, 1 grid, 4 people, the grid's 2 addresses and the 3 phone numbers people sign in with.
    expect(result).toEqual({ dryRun: false, table: TABLE, items: 13 });
    expect(await itemCount(TABLE)).toBe(13);
  });

  it('writes the same items again from the CSV file, changing nothing', async () => {
    // Act
    const result = await importRegistryFile({
      file: join(REPO_ROOT, 'docs/examples/registry.csv'),
      endpoint,
      table: TABLE,
    });

    // Assess
    expect(result).toEqual({ dryRun: false, table: TABLE, items: 13 });
    expect(await itemCount(TABLE)).toBe(13);
  });
});

/** Runs the command line as `npm run registry:import` would, capturing both streams. */
async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await registryImportCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

describe('npm run registry:import', () => {
  it('prints its usage for --help, and writes nothing', async () => {
    // Act
    const result = await cli('--help');

    // Assess
    expect(result).toEqual({ status: 0, stdout: `${USAGE}\n`, stderr: '' });
    expect(USAGE).toContain('--dry-run');
  });

  it.each([
    [['docs/examples/registry.json', '--dryrun'], "Unknown option '--dryrun'"],
    [['docs/examples/registry.json', '--table'], "Option '--table <value>' argument missing"],
    [['a.csv', 'b.csv'], 'one file at a time'],
    [[], 'no file named'],
  ])('refuses %j with the usage and exit status 2', async (args, message) => {
    // Act
    const result = await cli(...args);

    // Assess
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(USAGE);
  });

  it('with --dry-run, counts what would be new, changed and unchanged, and writes nothing', async () => {
    // Prepare
    const lines = (await readFile(join(REPO_ROOT, 'docs/examples/registry.csv'), 'utf8'))
      .trimEnd()
      .split('\n');
    lines[6] = lines[6]?.replace('+8613800000002', '+8613800000099') ?? '';
    lines.push('person,w-0002,李娜,,,,,,,,,,grid_worker,g-hehua-1,true,+8613800000005,');
    const file = join(dir, 'changed.csv');
    await writeFile(file, `${lines.join('\n')}\n`);
    const before = await client.send(new ScanCommand({ TableName: TABLE }));

    // Act
    const result = await cli(file, '--dry-run', '--endpoint', endpoint, '--table', TABLE);

    // Assess
    expect(result).toEqual({
      status: 0,
      stdout: [
        `dry run: ${file} is good; importing it into ${TABLE} would change:`,
        '  units: 0 new, 0 changed, 3 unchanged',
        '  grids: 0 new, 1 changed, 0 unchanged',
        '  people: 1 new, 1 changed, 3 unchanged',
        '  addresses: 0 new, 0 changed, 2 unchanged',
        // A changed number is a new phone item; the old one stays, and sign-in checks the person's own number.
        '  phones: 2 new, 0 changed, 2 unchanged',
        '  all: 3 new, 2 changed, 10 unchanged',
        'nothing was written',
        '',
      ].join('\n'),
      stderr: expect.stringMatching(/^compared: 15\/15 items \(100%\), [\d,]+\/s\n$/),
    });
    expect((await client.send(new ScanCommand({ TableName: TABLE }))).Items).toEqual(before.Items);
  });

  it('imports a file and reports the items written, progress on stderr', async () => {
    // Act
    const result = await cli(join(REPO_ROOT, 'docs/examples/registry.json'), '--endpoint', endpoint);

    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`imported 13 items into ${TABLE}\n`);
    expect(result.stderr).toMatch(/^written: 13\/13 items \(100%\), [\d,]+\/s\n$/);
  });
});
