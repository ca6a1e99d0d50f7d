import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { writePageScripts } from '#http/pages/build-scripts.ts';
import { FirewallStack } from './constructs/edge-firewall.ts';
import { GridworkStack } from './gridwork-stack.ts';
import { REPO_ROOT } from './paths.ts';
import { readStageConfig, STAGE_CONTEXT_KEYS } from './stage-config.ts';

export interface GridworkAppOptions {
  /** False skips esbuild (tests and the local runtime run the TypeScript sources). */
  readonly bundling?: boolean;
  readonly stage?: string;
  readonly outdir?: string;
  /** CDK context as `-c key=value` would give it (tests use it; the CLI passes its own). */
  readonly context?: Record<string, unknown>;
}

/** The context of cdk.json (the feature flags), which the CLI reads and an in-process app does not. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: object };
  return { ...cdkJson.context };
}

/** The CDK app: one stack per stage. The CLI, the infra tests and the local runtime all build it here. */
export function createGridworkApp(options: GridworkAppOptions = {}) {
  // Before any function is bundled: the page functions carry the built page modules (see shared/http/pages/build-scripts.ts).
  if (options.bundling !== false) writePageScripts();
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    // Lowest precedence: the CLI's own context and `-c` values override it, so in-process synths (tests, the
    // local runtime) build the template the CLI builds.
    context: {
      ...cdkJsonContext(),
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
  // A CLOUDFRONT web ACL can only be made in us-east-1: a stack of its own there, read across regions.
  const firewall = config.firewall
    ? new FirewallStack(app, `Gridwork-${config.stage}-Firewall`, {
        env: { account: config.env.account, region: 'us-east-1' },
        limits: config.firewall,
        crossRegionReferences: true,
      })
    : undefined;
  const stack = new GridworkStack(app, `Gridwork-${config.stage}`, {
    config,
    env: config.env,
    ...(firewall ? { webAclArn: firewall.webAcl.attrArn, crossRegionReferences: true } : {}),
  });
  return { app, stack, firewall, config };
}
