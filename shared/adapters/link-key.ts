import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError, readSettings } from './config.ts';

/** The secret's value per ARN, fetched once per cold start; a failed fetch is forgotten so the next one retries. */
const fetched = new Map<string, Promise<Uint8Array>>();

async function fetchSecret(secretId: string): Promise<Uint8Array> {
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!secret.SecretString) throw new ConfigError('The link key secret has no value');
  return Buffer.from(secret.SecretString, 'utf8');
}

/**
 * The HMAC key behind approval links and tracking tokens: from Secrets Manager on AWS (read once per cold
 * start, then cached for the life of the execution environment), or given directly on a local run.
 * Rotating it invalidates every outstanding link; warm functions keep the old key until they are recycled,
 * so a rotation is followed by a deploy with `-c linkKeyRotation=<label>`, which starts fresh ones.
 */
export async function loadLinkKey(env = process.env): Promise<Uint8Array> {
  const { LINK_KEY, LINK_KEY_SECRET_ARN } = readSettings(['LINK_KEY', 'LINK_KEY_SECRET_ARN'], env);
  if (LINK_KEY) return Buffer.from(LINK_KEY, 'base64url');
  if (!LINK_KEY_SECRET_ARN) throw new ConfigError('Invalid configuration: LINK_KEY_SECRET_ARN is required');
  let key = fetched.get(LINK_KEY_SECRET_ARN);
  if (!key) {
    key = fetchSecret(LINK_KEY_SECRET_ARN);
    fetched.set(LINK_KEY_SECRET_ARN, key);
    key.catch(() => fetched.delete(LINK_KEY_SECRET_ARN));
  }
  return key;
}
