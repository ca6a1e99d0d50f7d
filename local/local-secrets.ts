// The local stand-ins for the stage's secrets, made once per data directory and kept beside the
// data (readable by its owner only), so a restart neither breaks links already sent nor signs
// anyone out.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The link key (base64url, 32 bytes), where AWS keeps it in Secrets Manager. */
export function loadOrCreateLinkKey(dataDir: string): Promise<string> {
  return loadOrCreateSecret(join(dataDir, 'link-key'), 32);
}

/**
 * The outbox's credential: the bearer token the local-only outbox route takes under `npm start` (the outbox holds
 * every link and sign-in code, so reading it is ops' business, not a signed-in person's).
 */
export function loadOrCreateOutboxToken(dataDir: string): Promise<string> {
  return loadOrCreateSecret(join(dataDir, 'outbox-token'), 24);
}

async function loadOrCreateSecret(path: string, bytes: number): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // `wx`: of two starts racing, the second keeps the first one's value.
  await writeFile(path, randomBytes(bytes).toString('base64url'), { mode: 0o600, flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return (await readFile(path, 'utf8')).trim();
}
