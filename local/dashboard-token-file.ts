import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The local stand-in for a supervisor's JWT: the dashboard's read routes take this bearer token under
 * `npm start`. Made once per data directory and kept beside the data, so a restart does not sign anyone out.
 */
export async function loadOrCreateDashboardToken(dataDir: string): Promise<string> {
  const path = join(dataDir, 'dashboard-token');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await writeFile(path, randomBytes(24).toString('base64url'), { mode: 0o600, flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return (await readFile(path, 'utf8')).trim();
}
