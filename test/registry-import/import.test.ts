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
    // 3 units, 1 grid, 4 people and the grid's 2 addresses.
    expect(result).toEqual({ table: TABLE, items: 10 });
    expect(await itemCount(TABLE)).toBe(10);
  });

  it('writes the same items again from the CSV file, changing nothing', async () => {
    // Act
    const result = await importRegistryFile({
      file: join(REPO_ROOT, 'docs/examples/registry.csv'),
      endpoint,
      table: TABLE,
    });

    // Assess
    expect(result).toEqual({ table: TABLE, items: 10 });
    expect(await itemCount(TABLE)).toBe(10);
  });
});
