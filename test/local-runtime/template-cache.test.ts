// Starts share one synthesized template per checkout: a start reuses it while the sources are unchanged, and a
// start that finds another process synthesizing waits for that result instead of synthesizing again.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CfnTemplate } from '#local/runtime/cfn-template.ts';
import {
  localTemplate,
  readCachedTemplate,
  templateKey,
  writeCachedTemplate,
} from '#local/template-cache.ts';
import { makeTempDir } from './helpers.ts';

const TEMPLATE = { Resources: { Marker: { Type: 'AWS::SNS::Topic' } } } as unknown as CfnTemplate;

describe('the template cache', () => {
  it('gives back a template only for the sources it was synthesized from', async () => {
    const dir = await makeTempDir('template-cache');
    try {
      // Prepare
      await writeCachedTemplate(dir.path, 'local', 'key-a', TEMPLATE);

      // Act
      const same = await readCachedTemplate(dir.path, 'local', 'key-a');
      const changed = await readCachedTemplate(dir.path, 'local', 'key-b');
      const otherStage = await readCachedTemplate(dir.path, 'dev', 'key-a');

      // Assess
      expect(same).toEqual(TEMPLATE);
      expect(changed).toBeUndefined();
      expect(otherStage).toBeUndefined();
    } finally {
      await dir.remove();
    }
  });

  it('waits for the synth of a running process and takes its template, synthesizing nothing itself', async () => {
    const dir = await makeTempDir('template-cache');
    try {
      // Prepare: a live process (this one) holds the lock, and finishes its synth a moment later.
      await mkdir(dir.path, { recursive: true });
      await writeFile(join(dir.path, 'synthesizing-local.lock'), String(process.pid));
      const key = await templateKey('local');
      const phases: string[] = [];
      setTimeout(() => void writeCachedTemplate(dir.path, 'local', key, TEMPLATE), 600);

      // Act
      const template = await localTemplate((phase) => phases.push(phase), dir.path);

      // Assess
      expect(template).toEqual(TEMPLATE);
      expect(phases).toEqual(['synthesizing the CDK app (first start or changed sources)']);
      expect((await readdir(dir.path)).sort()).toEqual([
        'synthesized-template-local.json',
        'synthesizing-local.lock',
      ]);
    } finally {
      await dir.remove();
    }
  });
});
