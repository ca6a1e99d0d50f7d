import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, with every file's waits
    // (workflow timers, polls) run end to end. No file synthesizes the CDK app any more (the global setup does it
    // once, see local/template-cache.ts), so two workers overlap those waits; a third only adds CPU contention to
    // the files that act within a deadline.
    maxWorkers: 2,
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
