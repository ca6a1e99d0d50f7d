// Imported first by every benchmark entry point, before any module that creates a logger or an SDK client:
// dummy credentials and no instance metadata (the SDK must never look for real ones), and quiet logs.
export const BENCH_ENV: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  LOG_LEVEL: 'WARN',
};

for (const [name, value] of Object.entries(BENCH_ENV)) process.env[name] = value;
