import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnTemplate } from '#contract/template.ts';
import { createGridworkApp } from './app.ts';

/** Synthesizes the app in-process without bundling and returns the stack's template (what the local runtime runs). */
export function synthesizeTemplate(stage = 'local'): CfnTemplate {
  const outdir = mkdtempSync(join(tmpdir(), 'gridwork-synth-'));
  try {
    const { app, stack } = createGridworkApp({ bundling: false, stage, outdir });
    return app.synth().getStackByName(stack.stackName).template as CfnTemplate;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
