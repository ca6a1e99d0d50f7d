// The local issuer's signing key: an RSA key (API Gateway's JWT authorizers accept RSA only), made once per data
// directory and kept beside the data, readable by its owner only, so a restart does not sign anyone out.
import { createHash, type webcrypto } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export const ISSUER_ALGORITHM = 'RS256';

export interface IssuerKey {
  readonly privateKey: webcrypto.CryptoKey;
  /** The public half as the JWKS publishes it (`kid`, `alg`, `use`). */
  readonly publicJwk: JWK;
}

/** The key in `<dataDir>/issuer-key.json`, created on first use. */
export async function loadOrCreateIssuerKey(dataDir: string): Promise<IssuerKey> {
  const path = join(dataDir, 'issuer-key.json');
  const stored = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stored === undefined) {
    const { privateKey } = await generateKeyPair(ISSUER_ALGORITHM, { extractable: true });
    // `wx`: of two starts racing, the second keeps the first one's key.
    await writeFile(path, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600, flag: 'wx' }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
    return loadOrCreateIssuerKey(dataDir);
  }
  const jwk = JSON.parse(stored) as JWK;
  const privateKey = (await importJWK(jwk, ISSUER_ALGORITHM)) as webcrypto.CryptoKey;
  const { kty, n, e } = jwk;
  // The key id names the public key (its digest), so a replaced key file gets a new id.
  const kid = createHash('sha256').update(`${n}.${e}`).digest('base64url').slice(0, 16);
  return { privateKey, publicJwk: { kty, n, e, kid, alg: ISSUER_ALGORITHM, use: 'sig' } };
}
