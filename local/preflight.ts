// Checks that `npm start` can run before it spends seconds synthesizing: the data folder and the port. Each
// expected failure is a StartupError whose message is the one line a person needs to fix it.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dataDirHolder } from './runtime/data-dir-lock.ts';

/** An expected reason not to start (a busy port, a data folder that cannot be used, a bad setting). */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** Fails with a StartupError when the data folder or the port cannot be used. */
export async function checkBeforeStart(settings: {
  dataDir: string;
  PORT: number;
  HOST: string;
}): Promise<void> {
  await checkDataDir(settings.dataDir);
  await checkPort(settings.PORT, settings.HOST);
}

async function checkDataDir(dataDir: string): Promise<void> {
  const notWritable = (cause: unknown) =>
    new StartupError(
      `the data folder ${dataDir} is not writable (${codeOf(cause)}); set DATA_DIR=… to a folder you can write`,
      { cause },
    );
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // mkdir succeeds on an existing folder this user cannot write to: only a write tells.
    const probe = join(dataDir, `.write-check-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw notWritable(error);
  }
  const holder = await dataDirHolder(dataDir);
  if (holder !== undefined) {
    throw new StartupError(
      `the data folder ${dataDir} is in use by another Gridwork (pid ${holder}); stop it, or set DATA_DIR=… to another folder`,
    );
  }
}

async function checkPort(port: number, host: string): Promise<void> {
  if (port === 0) return; // any free port
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EADDRINUSE') {
      throw new StartupError(
        `port ${port} is in use on ${host}; set PORT=… to a free port (PORT=0 takes any)`,
      );
    }
    if (code === 'EACCES') {
      throw new StartupError(`port ${port} needs privileges on ${host}; set PORT=… to a port above 1023`);
    }
    if (code === 'EADDRNOTAVAIL') {
      throw new StartupError(`${host} is not an address of this machine; set HOST=… (127.0.0.1 by default)`);
    }
    throw error;
  } finally {
    await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  }
}

/** The one line for a port another program holds. */
export function portInUseError(port: number, host: string): StartupError {
  return new StartupError(`port ${port} is in use on ${host}; set PORT=… to a free port (PORT=0 takes any)`);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
