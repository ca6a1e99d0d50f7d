import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError, readSettings } from './config.ts';

/**
 * The HMAC key behind approval links and tracking tokens: from Secrets Manager on AWS (read once per cold
 * start), or given directly on a local run. Rotating it invalidates every outstanding link.
 */
export async function loadLinkKey(env = process.env): Promise<Uint8Array> {
  const { LINK_KEY, LINK_KEY_SECRET_ARN } = readSettings(['LINK_KEY', 'LINK_KEY_SECRET_ARN'], env);
  if (LINK_KEY) return Buffer.from(LINK_KEY, 'base64url');
  if (!LINK_KEY_SECRET_ARN) throw new ConfigError('Invalid configuration: LINK_KEY_SECRET_ARN is required');
  const secret = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: LINK_KEY_SECRET_ARN }),
  );
  if (!secret.SecretString) throw new ConfigError('The link key secret has no value');
  return Buffer.from(secret.SecretString, 'utf8');
}
