import { App } from 'aws-cdk-lib';
import { writePageScripts } from '#http/pages/build-scripts.ts';
import { GridworkStack } from './gridwork-stack.ts';
import { readStageConfig, STAGE_CONTEXT_KEYS } from './stage-config.ts';

export interface GridworkAppOptions {
  /** False skips esbuild (tests and the local runtime run the TypeScript sources). */
  readonly bundling?: boolean;
  readonly stage?: string;
  readonly outdir?: string;
  /** CDK context as `-c key=value` would give it (tests use it; the CLI passes its own). */
  readonly context?: Record<string, unknown>;
}

/** The CDK app: one stack per stage. The CLI, the infra tests and the local runtime all build it here. */
export function createGridworkApp(options: GridworkAppOptions = {}) {
  // Before any function is bundled: the page functions carry the built page modules (see shared/http/pages/build-scripts.ts).
  if (options.bundling !== false) writePageScripts();
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: {
      ...options.context,
      ...(options.bundling === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    },
  });
  const context = Object.fromEntries(
    STAGE_CONTEXT_KEYS.map((key) => [key, app.node.tryGetContext(key) as unknown]).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const config = readStageConfig(
    { ...context, ...(options.stage ? { stage: options.stage } : {}) },
    { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  );
  const stack = new GridworkStack(app, `Gridwork-${config.stage}`, { config, env: config.env });
  return { app, stack, config };
}
