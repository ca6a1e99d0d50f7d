import { App } from 'aws-cdk-lib';
import { GridworkStack } from './gridwork-stack.ts';

export interface GridworkAppOptions {
  /** False skips esbuild (tests and the local runtime run the TypeScript sources). */
  readonly bundling?: boolean;
  readonly stage?: string;
  readonly outdir?: string;
}

/** The CDK app: one stack per stage. The CLI, the infra tests and the local runtime all build it here. */
export function createGridworkApp(options: GridworkAppOptions = {}) {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: options.bundling === false ? { 'aws:cdk:bundling-stacks': [] } : {},
  });
  const stage = options.stage ?? (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
  const stack = new GridworkStack(app, `Gridwork-${stage}`, {
    stage,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  return { app, stack };
}
