import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where function entries, package.json and the lock file live. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
