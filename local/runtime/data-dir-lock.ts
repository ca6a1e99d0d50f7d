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

/** The pid of another running process that holds `dataDir`, if any (a check only: it claims nothing). */
export async function dataDirHolder(dataDir: string): Promise<number | undefined> {
  if (claimedInThisProcess.has(dataDir)) return process.pid;
  const holder = Number.parseInt(await readFile(join(dataDir, LOCK_FILE), 'utf8').catch(() => ''), 10);
  return holder && holder !== process.pid && processIsRunning(holder) ? holder : undefined;
}

export interface DataDirClaim {
  release(): Promise<void>;
  /** The previous runtime on this directory did not close (killed, or its machine stopped): its pid file is left. */
  readonly leftByCrash: boolean;
}

/** Claims `dataDir` (which must exist); a runtime that closes releases it, so only a crash leaves the pid file. */
export async function claimDataDir(dataDir: string): Promise<DataDirClaim> {
  const holder = await dataDirHolder(dataDir);
  if (holder !== undefined) throw new DataDirInUseError(dataDir, holder);
  const file = join(dataDir, LOCK_FILE);
  const leftByCrash = (await readFile(file, 'utf8').catch(() => '')).trim() !== '';
  await writeFile(file, String(process.pid));
  claimedInThisProcess.add(dataDir);
  return {
    leftByCrash,
    release: async () => {
      claimedInThisProcess.delete(dataDir);
      await rm(file, { force: true });
    },
  };
}

/** Whether a process with this pid exists (whoever owns it). */
export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
