// Each function sees only its own environment, as in its own Lambda sandbox, although all of
// them run in this one process with one `process.env`.
//
// How: `process.env` becomes a proxy over the real environment object. While a function's
// invocation runs (and in everything that invocation awaits, schedules or imports, since
// AsyncLocalStorage follows the async context), reads and writes go to that function's own
// variables, and the template variables of other functions are hidden. Outside any invocation
// (the runtime itself, local maintenance, tests) the real object shows every function's
// variables, as an operator holding all settings would see them. Swapping `process.env` in and
// out around each invocation would be simpler but wrong: invocations interleave at every await,
// so one function would read another's variables. A context per async chain cannot leak that way.
//
// What stays shared: module instances. A module two functions import is evaluated once, and
// whatever it read at module scope is kept for both, so two functions must still agree on the
// value of a variable they both have; a clash is reported at start.
import { AsyncLocalStorage } from 'node:async_hooks';

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
  functions: ReadonlyArray<{ logicalId: string; env: Record<string, string> }>,
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

/** The dummy credentials every local client signs with; the local S3 server checks signatures against them. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** What makes the real AWS SDK clients inside handlers talk to the local services, and only to them. */
export function localAwsEnvironment(settings: {
  region: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  stepFunctionsEndpoint: string;
}): Record<string, string> {
  return {
    AWS_REGION: settings.region,
    AWS_DEFAULT_REGION: settings.region,
    AWS_ENDPOINT_URL_DYNAMODB: settings.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SFN: settings.stepFunctionsEndpoint,
    AWS_ENDPOINT_URL_S3: settings.s3Endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** One function's view of the environment: its own variables, and the variables it must not see. */
export interface FunctionEnvironment {
  readonly own: Record<string, string>;
  readonly hidden: Set<string>;
}

const current = new AsyncLocalStorage<FunctionEnvironment>();
let installed = false;

/**
 * Sets the variables every function shares (`common`: region, endpoints, local settings) and every function's
 * template variables on the real `process.env`, and returns each function's own view, for `runInEnvironment`.
 */
export function prepareEnvironments(
  functions: ReadonlyArray<{ logicalId: string; env: Record<string, string> }>,
  common: Record<string, string>,
): Map<string, FunctionEnvironment> {
  const union = mergeFunctionEnvironments(functions);
  installScopedEnv();
  // A session token left in the shell would be sent along with the dummy keys; drop it.
  delete process.env.AWS_SESSION_TOKEN;
  Object.assign(process.env, union, common);
  return new Map(
    functions.map(({ logicalId, env }) => {
      const own = { ...env, ...common };
      const hidden = new Set(Object.keys(union).filter((variable) => !(variable in own)));
      return [logicalId, { own, hidden }];
    }),
  );
}

/** Runs `work` (and all it starts) with `process.env` showing only `environment`. */
export function runInEnvironment<T>(environment: FunctionEnvironment, work: () => T): T {
  return current.run(environment, work);
}

function installScopedEnv(): void {
  if (installed) return;
  installed = true;
  const real = process.env;
  const visible = (scope: FunctionEnvironment, key: string) =>
    Object.hasOwn(scope.own, key) || (!scope.hidden.has(key) && Object.hasOwn(real, key));
  process.env = new Proxy(real, {
    get(target, key, receiver) {
      const scope = current.getStore();
      if (!scope || typeof key !== 'string') return Reflect.get(target, key, receiver);
      if (Object.hasOwn(scope.own, key)) return scope.own[key];
      return scope.hidden.has(key) ? undefined : target[key];
    },
    set(target, key, value) {
      const scope = current.getStore();
      if (!scope || typeof key !== 'string') return Reflect.set(target, key, value);
      // Like process.env itself: every value is stored as a string.
      scope.own[key] = String(value);
      return true;
    },
    deleteProperty(target, key) {
      const scope = current.getStore();
      if (!scope || typeof key !== 'string') return Reflect.deleteProperty(target, key);
      delete scope.own[key];
      scope.hidden.add(key);
      return true;
    },
    has(target, key) {
      const scope = current.getStore();
      if (!scope || typeof key !== 'string') return Reflect.has(target, key);
      return visible(scope, key);
    },
    ownKeys(target) {
      const scope = current.getStore();
      if (!scope) return Reflect.ownKeys(target);
      const keys = new Set([
        ...Object.keys(target).filter((key) => !scope.hidden.has(key)),
        ...Object.keys(scope.own),
      ]);
      return [...keys];
    },
    getOwnPropertyDescriptor(target, key) {
      const scope = current.getStore();
      if (!scope || typeof key !== 'string') return Reflect.getOwnPropertyDescriptor(target, key);
      if (!visible(scope, key)) return undefined;
      const value = Object.hasOwn(scope.own, key) ? scope.own[key] : target[key];
      return { value, writable: true, enumerable: true, configurable: true };
    },
  });
}
