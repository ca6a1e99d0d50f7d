// All functions run in one process, so they share one `process.env`: the union of every
// function's template environment. The CDK app keeps the rule that a variable means the same
// thing everywhere; a clash is reported at start instead of silently giving one function the
// other's value.

export class ConflictingEnvironmentError extends Error {
  constructor(variable: string, first: { fn: string; value: string }, second: { fn: string; value: string }) {
    super(
      `Environment variable ${variable} differs between functions ${first.fn} (${JSON.stringify(first.value)}) ` +
        `and ${second.fn} (${JSON.stringify(second.value)}); functions sharing the local process must agree on it`,
    );
    this.name = 'ConflictingEnvironmentError';
  }
}

export function mergeFunctionEnvironments(
  functions: Array<{ logicalId: string; env: Record<string, string> }>,
): Record<string, string> {
  const merged: Record<string, { fn: string; value: string }> = {};
  for (const { logicalId, env } of functions) {
    for (const [variable, value] of Object.entries(env)) {
      const seen = merged[variable];
      if (seen && seen.value !== value) {
        throw new ConflictingEnvironmentError(variable, seen, { fn: logicalId, value });
      }
      merged[variable] ??= { fn: logicalId, value };
    }
  }
  return Object.fromEntries(Object.entries(merged).map(([variable, { value }]) => [variable, value]));
}

/** What makes the real AWS SDK clients inside handlers talk to the local services, and only to them. */
export function localAwsEnvironment(settings: {
  region: string;
  dynamodbEndpoint: string;
  stepFunctionsEndpoint: string;
}): Record<string, string> {
  return {
    AWS_REGION: settings.region,
    AWS_DEFAULT_REGION: settings.region,
    AWS_ENDPOINT_URL_DYNAMODB: settings.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SFN: settings.stepFunctionsEndpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

export function applyToProcessEnv(variables: Record<string, string>): void {
  // A session token left in the shell would be sent along with the dummy keys; drop it.
  delete process.env.AWS_SESSION_TOKEN;
  Object.assign(process.env, variables);
}
