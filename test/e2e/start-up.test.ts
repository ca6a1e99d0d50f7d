import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GridworkProcess, runGridworkToExit, spawnGridwork } from '#test/support/gridwork-process.ts';

let root: string;
let busy: Server;
let running: GridworkProcess | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gridwork-start-up-'));
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
});

afterAll(async () => {
  await running?.kill('SIGKILL');
  await new Promise((resolve) => busy.close(resolve));
  await rm(root, { recursive: true, force: true });
});

/** What a person sees when the start gives up: the exit code and every line of stderr. */
function refusal(result: { code: number | null; stderr: string }) {
  return { code: result.code, lines: result.stderr.trimEnd().split('\n') };
}

describe('npm start, when it cannot start', () => {
  it('names a busy port and the setting that frees it, in one line, before synthesizing anything', async () => {
    // Prepare
    const port = (busy.address() as { port: number }).port;

    // Act
    const result = await runGridworkToExit({ PORT: String(port), DATA_DIR: join(root, 'busy-port') });

    // Assess
    expect(refusal(result)).toEqual({
      code: 1,
      lines: [
        `Gridwork cannot start: port ${port} is in use on 127.0.0.1; set PORT=… to a free port (PORT=0 takes any)`,
      ],
    });
    expect(result.stdout).not.toMatch(/Starting|synthesizing/);
  });

  it('names a data folder it cannot write and the setting that moves it, in one line', async () => {
    // Prepare: a folder under a regular file cannot be made, whoever runs the test (root included).
    const file = join(root, 'a-file');
    await writeFile(file, '');

    // Act
    const result = await runGridworkToExit({ DATA_DIR: join(file, 'data') });

    // Assess
    expect(refusal(result)).toEqual({
      code: 1,
      lines: [
        `Gridwork cannot start: the data folder ${join(file, 'data')} is not writable (ENOTDIR); set DATA_DIR=… to a folder you can write`,
      ],
    });
  });

  it('names the running process that holds the data folder, in one line', async () => {
    // Prepare: this test's own process is a live holder of the folder's lock.
    const dataDir = await mkdtemp(join(root, 'held-'));
    await writeFile(join(dataDir, 'local-runtime.pid'), String(process.pid));

    // Act
    const result = await runGridworkToExit({ DATA_DIR: dataDir });

    // Assess
    expect(refusal(result)).toEqual({
      code: 1,
      lines: [
        `Gridwork cannot start: the data folder ${dataDir} is in use by another Gridwork (pid ${process.pid}); stop it, or set DATA_DIR=… to another folder`,
      ],
    });
  });

  it('names a bad setting in one line', async () => {
    // Act
    const result = await runGridworkToExit({ SEED: 'everything', DATA_DIR: join(root, 'bad-setting') });

    // Assess
    expect(refusal(result).code).toBe(1);
    expect(refusal(result).lines).toEqual([
      expect.stringMatching(/^Gridwork cannot start: invalid settings: SEED: /),
    ]);
  });
});

describe('npm start, with SEED=none', () => {
  it('starts with an empty registry, and a second start reuses the synthesized template', async () => {
    // Prepare
    const dataDir = join(root, 'own-district');

    // Act
    running = await spawnGridwork({ SEED: 'none', DATA_DIR: dataDir });
    const registryItems = await countRegistryItems(running.dynamodbEndpoint);
    const firstEndpoint = running.dynamodbEndpoint;
    const endpointFile = await readFile(join(dataDir, 'dynamodb-endpoint'), 'utf8');
    await running.kill('SIGTERM');
    running = await spawnGridwork({ SEED: 'none', DATA_DIR: dataDir });

    // Assess
    expect(registryItems).toBe(0);
    expect(endpointFile).toBe(firstEndpoint);
    expect(running.output()).toContain('no demo district (SEED=none)');
    expect(running.output()).toContain('synthesized template unchanged: reused');
    expect(running.output()).not.toContain('synthesizing the CDK app');
    expect(running.output()).toMatch(/ready in \d+\.\d s/);
  }, 120_000);
});

async function countRegistryItems(endpoint: string): Promise<number> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    const registry = TableNames.find((name) => name.includes('Registry'));
    expect(registry).toBeDefined();
    const { Count } = await client.send(new ScanCommand({ TableName: registry, Select: 'COUNT' }));
    return Count ?? -1;
  } finally {
    client.destroy();
  }
}
