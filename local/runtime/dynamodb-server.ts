// Runs dynalite (DynamoDB on LevelDB) on 127.0.0.1 with its data in `${dataDir}/dynamodb`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { closeServer, listen } from './net.ts';
import type { StreamLog } from './streams/stream-log.ts';

export interface DynamoDbServer {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts dynalite. Tables change state instantly (no CREATING delay) so startup stays fast.
 * `preferredPort` lets a restart inside the same process keep the endpoint that SDK clients
 * created at module scope by already-imported handlers still point to.
 */
export async function startDynamoDbServer(
  dataDir: string,
  preferredPort = 0,
  streams?: StreamLog,
): Promise<DynamoDbServer> {
  const path = join(dataDir, 'dynamodb');
  await mkdir(path, { recursive: true });
  // dynalite creates its store synchronously inside the call below: the stream log wraps that store.
  streams?.captureNextStore();
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server, preferredPort);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () => closeServer(server),
  };
}
