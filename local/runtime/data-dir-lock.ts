// One runtime per data directory: dynalite's LevelDB store cannot be shared, and a second
// process opening it would crash inside dynalite rather than fail cleanly. A pid file claims
// the directory; a file left by a killed process (its pid no longer running) is taken over.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'local-runtime.pid';
const claimedInThisProcess = new Set<string>();

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`Data directory ${dataDir} is in use by another local runtime (pid ${pid})`);
    this.name = 'DataDirInUseError';
  }
}

/** Claims `dataDir` (which must exist); returns the function that releases it. */
export async function claimDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, LOCK_FILE);
  if (claimedInThisProcess.has(dataDir)) throw new DataDirInUseError(dataDir, process.pid);
  const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  if (holder && holder !== process.pid && isRunning(holder)) throw new DataDirInUseError(dataDir, holder);
  await writeFile(file, String(process.pid));
  claimedInThisProcess.add(dataDir);
  return async () => {
    claimedInThisProcess.delete(dataDir);
    await rm(file, { force: true });
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
