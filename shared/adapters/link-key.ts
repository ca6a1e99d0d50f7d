import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Keys } from '#ports';
import { ConfigError, readSettings } from './config.ts';
import { beforeEachInvocation } from './edge-middlewares.ts';
import { logger } from './logger.ts';

/**
 * How long a function uses the link key it read before asking Secrets Manager again (seconds): a rotated key
 * reaches every warm function within this time, with no deploy.
 */
export const LINK_KEY_MAX_AGE_SECONDS = 300;

let provider: SecretsProvider | undefined;

async function fetchLinkKey(secretId: string): Promise<Uint8Array> {
  provider ??= new SecretsProvider({ awsSdkV3Client: new SecretsManagerClient({}) });
  const value = await provider.get(secretId, { maxAge: LINK_KEY_MAX_AGE_SECONDS });
  if (typeof value !== 'string' || !value) throw new ConfigError('The link key secret has no value');
  return Buffer.from(value, 'utf8');
}

/** The key from Secrets Manager, read again before an invocation once the cached one is older than its age. */
class SecretLinkKey implements Keys {
  #key: Uint8Array;

  constructor(
    private readonly secretId: string,
    key: Uint8Array,
  ) {
    this.#key = key;
  }

  get linkKey(): Uint8Array {
    return this.#key;
  }

  /** A failed read keeps the key in hand: links keep working through a short Secrets Manager outage. */
  async refresh(): Promise<void> {
    try {
      this.#key = await fetchLinkKey(this.secretId);
    } catch (error) {
      logger.warn('link key not refreshed; the cached key stays in use', {
        error: error instanceof Error ? error.name : 'Error',
      });
    }
  }
}

/**
 * The HMAC key behind approval links and tracking tokens: from Secrets Manager on AWS (read at cold start,
 * then again before an invocation once it is five minutes old, so a rotation needs no deploy), or given
 * directly (LINK_KEY) on a local run. Rotating it invalidates every outstanding link.
 */
export async function loadLinkKey(env = process.env): Promise<Keys> {
  const { LINK_KEY, LINK_KEY_SECRET_ARN } = readSettings(['LINK_KEY', 'LINK_KEY_SECRET_ARN'], env);
  if (LINK_KEY) return { linkKey: Buffer.from(LINK_KEY, 'base64url') };
  if (!LINK_KEY_SECRET_ARN) throw new ConfigError('Invalid configuration: LINK_KEY_SECRET_ARN is required');
  const keys = new SecretLinkKey(LINK_KEY_SECRET_ARN, await fetchLinkKey(LINK_KEY_SECRET_ARN));
  beforeEachInvocation(() => keys.refresh());
  return keys;
}
