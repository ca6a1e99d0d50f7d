import { createHash } from 'node:crypto';
import { COMMON_JS } from './scripts/common.ts';
import { DASHBOARD_JS } from './scripts/dashboard.ts';
import { RESIDENT_JS } from './scripts/resident.ts';
import { TASK_JS } from './scripts/task.ts';
import { TRACK_JS } from './scripts/track.ts';

export interface Asset {
  readonly body: string;
  /** A digest of the body: URLs carry it, so a changed script is a new URL and old ones may be cached forever. */
  readonly version: string;
}

const versionOf = (body: string) => createHash('sha256').update(body).digest('base64url').slice(0, 12);

function asset(body: string): Asset {
  return { body, version: versionOf(body) };
}

const common = asset(COMMON_JS);
const commonUrl = `/assets/common.js?v=${common.version}`;
// Page modules import the helpers by their versioned URL, so the pair always matches.
const page = (body: string) => asset(body.replace("'__COMMON__'", `'${commonUrl}'`));

/** The page modules, by the name they are served under (/assets/{name}). */
export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['common.js', common],
  ['resident.js', page(RESIDENT_JS)],
  ['track.js', page(TRACK_JS)],
  ['task.js', page(TASK_JS)],
  ['dashboard.js', page(DASHBOARD_JS)],
]);

/** The URL a page loads a module from. */
export function assetUrl(name: string): string {
  const found = ASSETS.get(name);
  if (!found) throw new Error(`No asset ${name}`);
  return `/assets/${name}?v=${found.version}`;
}
