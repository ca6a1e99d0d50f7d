// The synthesized template, kept between starts in one cache of this checkout (not per data folder, so a fresh
// DATA_DIR, a test's temporary folder and `npm start` all reuse it). Synthesizing loads the CDK library in a child
// process (~10 s of CPU); reusing the last template is safe because synthesis without bundling is a pure
// function of the sources hashed below, the stage and the CDK environment variables: the CDK app reads nothing
// else (no lookups, no network, no credentials), and `shared/` is hashed whole because infra imports from it.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '#infra/paths.ts';
import type { CfnTemplate } from './runtime/cfn-template.ts';
import { processIsRunning } from './runtime/data-dir-lock.ts';
import { synthesizeInChild } from './synth-child.ts';

/** What decides the template: the CDK app and everything it imports, its settings and the locked dependencies. */
const SOURCES = ['infra', 'workflows', 'shared', 'cdk.json', 'package.json', 'package-lock.json'];
/** Beside the synth child's compile cache: derived files of this checkout, gone with `npm ci`. */
export const TEMPLATE_CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'gridwork');

interface CacheEntry {
  readonly key: string;
  readonly template: CfnTemplate;
}

/** The local template of the current sources: the cached one when they are unchanged (see template-cache.ts). */
export async function localTemplate(
  progress: (phase: string) => void = () => {},
  cacheDir = TEMPLATE_CACHE_DIR,
): Promise<CfnTemplate> {
  const stage = 'local';
  const key = await templateKey(stage);
  const cached = await readCachedTemplate(cacheDir, stage, key);
  if (cached) {
    progress('synthesized template unchanged: reused');
    return cached;
  }
  progress('synthesizing the CDK app (first start or changed sources)');
  return synthesizeOnce(cacheDir, stage, key);
}

/** How often a start that waits for another process's synth looks for its result. */
const POLL_MS = 250;
/** After this long a start stops waiting for another process's synth and runs its own. */
const WAIT_LIMIT_MS = 5 * 60_000;

/**
 * Synthesizes and caches the template, or waits while another process does (parallel test workers, a second
 * `npm start`): one synth's ~10 s of CPU instead of one per process. A lock file names the synthesizing
 * process; a lock whose process is gone is taken over.
 */
async function synthesizeOnce(cacheDir: string, stage: string, key: string): Promise<CfnTemplate> {
  await mkdir(cacheDir, { recursive: true }).catch(() => {});
  const lock = join(cacheDir, `synthesizing-${stage}.lock`);
  const giveUpAt = Date.now() + WAIT_LIMIT_MS;
  while (Date.now() < giveUpAt) {
    const claim = await writeFile(lock, String(process.pid), { flag: 'wx' }).then(
      () => 'claimed' as const,
      (error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? ('held' as const) : ('unusable' as const)),
    );
    // A cache folder that cannot be written (a read-only checkout) costs each start a synth, nothing more.
    if (claim === 'unusable') return synthesizeInChild({ stage });
    if (claim === 'claimed') {
      try {
        // The process that held the lock until a moment ago may have just kept the same template.
        return (
          (await readCachedTemplate(cacheDir, stage, key)) ?? (await synthesizeAndKeep(cacheDir, stage, key))
        );
      } finally {
        await rm(lock, { force: true });
      }
    }
    const holder = Number.parseInt(await readFile(lock, 'utf8').catch(() => ''), 10);
    if (holder && !processIsRunning(holder)) await rm(lock, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const cached = await readCachedTemplate(cacheDir, stage, key);
    if (cached) return cached;
  }
  return synthesizeAndKeep(cacheDir, stage, key);
}

async function synthesizeAndKeep(cacheDir: string, stage: string, key: string): Promise<CfnTemplate> {
  const template = await synthesizeInChild({ dir: cacheDir, stage });
  await writeCachedTemplate(cacheDir, stage, key, template);
  return template;
}

/** The key of the template the sources give for `stage`; it changes when any of them does. */
export async function templateKey(stage: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([stage, process.env.CDK_DEFAULT_ACCOUNT, process.env.CDK_DEFAULT_REGION]));
  for (const file of await sourceFiles()) {
    hash.update(`\0${relative(REPO_ROOT, file)}\0`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

/** The cached template of `stage` when it was synthesized from the same sources, else undefined. */
export async function readCachedTemplate(
  cacheDir: string,
  stage: string,
  key: string,
): Promise<CfnTemplate | undefined> {
  try {
    const entry = JSON.parse(await readFile(cacheFile(cacheDir, stage), 'utf8')) as CacheEntry;
    return entry.key === key ? entry.template : undefined;
  } catch {
    return undefined; // none yet, or unreadable: synthesize again
  }
}

/**
 * Keeps the template for the next start. Written by rename, so a crash never leaves half a file and processes
 * starting at the same time (parallel tests) read either the old entry or the new one.
 */
export async function writeCachedTemplate(
  cacheDir: string,
  stage: string,
  key: string,
  template: CfnTemplate,
): Promise<void> {
  const file = cacheFile(cacheDir, stage);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ key, template } satisfies CacheEntry), { mode: 0o600 });
  await rename(temporary, file);
}

function cacheFile(cacheDir: string, stage: string): string {
  return join(cacheDir, `synthesized-template-${stage}.json`);
}

async function sourceFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const source of SOURCES) {
    const path = join(REPO_ROOT, source);
    const entries = await readdir(path, { recursive: true, withFileTypes: true }).catch(() => undefined);
    if (!entries) {
      files.push(path); // a file, not a folder
      continue;
    }
    for (const entry of entries) {
      // Generated files follow from the hashed sources, and temporary ones are another process's write in
      // progress (see build-scripts.ts): neither is an input.
      if (entry.isFile() && !/\.(tmp|gen\.js)$/.test(entry.name))
        files.push(join(entry.parentPath, entry.name));
    }
  }
  return files.sort();
}
