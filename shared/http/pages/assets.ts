// Built from ./scripts at synth and at local start (./build-scripts.ts); the versions live apart from the
// bodies so the page functions, which only link the modules, leave the bodies out of their bundles.
import { SCRIPT_BODIES, SCRIPT_VERSIONS } from './page-scripts.gen.js';

export interface Asset {
  readonly body: string;
  /** A digest of the body: URLs carry it, so a changed script is a new URL and old ones may be cached forever. */
  readonly version: string;
}

/** A page module by the name it is served under (/assets/{name}); undefined for any other name. */
export function findAsset(name: string): Asset | undefined {
  if (!Object.hasOwn(SCRIPT_BODIES, name) || !Object.hasOwn(SCRIPT_VERSIONS, name)) return undefined;
  return { body: SCRIPT_BODIES[name] ?? '', version: SCRIPT_VERSIONS[name] ?? '' };
}

/** Whether a page module is built (a page links an optional module only then). */
export function hasAsset(name: string): boolean {
  return Object.hasOwn(SCRIPT_VERSIONS, name);
}

/** The URL a page loads a module from. */
export function assetUrl(name: string): string {
  const version = Object.hasOwn(SCRIPT_VERSIONS, name) ? SCRIPT_VERSIONS[name] : undefined;
  if (!version) throw new Error(`No asset ${name}`);
  return `/assets/${name}?v=${version}`;
}
