// `npm start` synthesizes the CDK app in a short-lived child process: the long-running runtime never loads the
// CDK library, and a synth that fails stops the start with the child's own error.
import { readdir } from 'node:fs/promises';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ENTRY_METADATA_KEY } from '#contract/template.ts';
import { RESOURCE_TYPES, resourcesOfType } from '../../local/runtime/cfn-template.ts';
import { synthesizeInChild } from '../../local/synth-child.ts';
import { makeTempDir, repoRoot } from './helpers.ts';

const CDK_PACKAGE = /^(aws-cdk-lib|constructs|cdk-nag)(\/|$)/;

describe('synthesis in a child process', () => {
  it('leaves the CDK library out of everything `npm start` imports', async () => {
    const { metafile } = await build({
      absWorkingDir: repoRoot,
      entryPoints: ['local/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const files = Object.keys(metafile.inputs);
    const packages = Object.values(metafile.inputs).flatMap((input) =>
      input.imports.filter((entry) => entry.external).map((entry) => entry.path),
    );
    // The graph was followed through the runtime to its packages...
    expect(files).toContain('local/runtime/start.ts');
    expect(packages).toContain('dynalite');
    // ...and reaches no CDK code: of infra/, only the repository root's location.
    expect(files.filter((file) => file.startsWith('infra/'))).toEqual(['infra/paths.ts']);
    expect(packages.filter((name) => CDK_PACKAGE.test(name))).toEqual([]);
  });

  it('returns the local stage template and leaves no file behind', async () => {
    const dir = await makeTempDir('synth');
    try {
      const template = await synthesizeInChild({ dir: dir.path });
      const functions = resourcesOfType(template, RESOURCE_TYPES.function);
      expect(functions.length).toBeGreaterThan(5);
      for (const { resource } of functions) {
        expect(resource.Metadata?.[ENTRY_METADATA_KEY]).toMatch(/^functions\/.+\.ts$/);
      }
      expect(resourcesOfType(template, RESOURCE_TYPES.stateMachine)).toHaveLength(1);
      expect(await readdir(dir.path)).toEqual([]);
    } finally {
      await dir.remove();
    }
  }, 90_000);

  it("fails with the synth's exit code and its stderr, and leaves no file behind", async () => {
    const dir = await makeTempDir('synth');
    try {
      await expect(synthesizeInChild({ dir: dir.path, stage: 'Not_A_Stage' })).rejects.toThrow(
        /^Synthesizing the CDK app failed: the synth process \(.*synth-cli\.ts\) exited with code 1\.\nIts stderr:\n[\s\S]*StageConfigError: Invalid stage configuration:\s+-c stage: Expected a lower-case name/,
      );
      expect(await readdir(dir.path)).toEqual([]);
    } finally {
      await dir.remove();
    }
  }, 90_000);
});
