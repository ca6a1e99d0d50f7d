import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/page-scripts.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine. Most files here wait on
    // a local runtime (workflow timers, polls) rather than use a core, and none synthesizes the CDK app any more
    // (one cached template serves every start, see local/template-cache.ts): three keep both cores busy.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: {
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      LOG_LEVEL: 'WARN',
      // Handlers run in-process: their EMF metric lines would flood the test output.
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
  },
});
