// The synthesized template, kept in the data folder between starts. Synthesizing loads the CDK library in a child
// process (~10 s on 2 cores); reusing the last template is safe because synthesis without bundling is a pure
// function of the sources hashed below, the stage and the CDK environment variables: the CDK app reads nothing
// else (no lookups, no network, no credentials), and `shared/` is hashed whole because infra imports from it.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '#infra/paths.ts';
import type { CfnTemplate } from './runtime/cfn-template.ts';
import { synthesizeInChild } from './synth-child.ts';

/** What decides the template: the CDK app and everything it imports, its settings and the locked dependencies. */
const SOURCES = ['infra', 'workflows', 'shared', 'cdk.json', 'package.json', 'package-lock.json'];
const CACHE_FILE = 'synthesized-template.json';

interface CacheEntry {
  readonly key: string;
  readonly template: CfnTemplate;
}

/** The template of the current sources: the one kept from the last start when they are unchanged (see template-cache.ts). */
export async function localTemplate(
  dataDir: string,
  progress: (phase: string) => void,
): Promise<CfnTemplate> {
  const key = await templateKey('local');
  const cached = await readCachedTemplate(dataDir, key);
  if (cached) {
    progress('synthesized template unchanged: reused');
    return cached;
  }
  progress('synthesizing the CDK app (first start or changed sources)');
  const template = await synthesizeInChild({ dir: dataDir });
  await writeCachedTemplate(dataDir, key, template);
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

/** The cached template when it was synthesized from the same sources, else undefined. */
export async function readCachedTemplate(dataDir: string, key: string): Promise<CfnTemplate | undefined> {
  try {
    const entry = JSON.parse(await readFile(join(dataDir, CACHE_FILE), 'utf8')) as CacheEntry;
    return entry.key === key ? entry.template : undefined;
  } catch {
    return undefined; // none yet, or unreadable: synthesize again
  }
}

/** Keeps the template for the next start; written by rename, so a crash never leaves half a file. */
export async function writeCachedTemplate(
  dataDir: string,
  key: string,
  template: CfnTemplate,
): Promise<void> {
  const file = join(dataDir, CACHE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ key, template } satisfies CacheEntry), { mode: 0o600 });
  await rename(temporary, file);
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
