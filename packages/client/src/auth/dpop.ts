import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import * as oauth from 'oauth4webapi';
import type { AuthStorage } from './auth-storage.js';

/** The proof algorithms we sign with, in the order we prefer them. */
const ALGORITHMS = ['ES256', 'EdDSA', 'PS256', 'RS256'] as const;

/** A DPoP key pair as stored (plain JSON), one per authorization server. */
interface StoredDpopKey {
  alg: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** The storage key of the DPoP key used with `issuer`. */
export function dpopKeyKey(issuer: string): string {
  return `dpop:${issuer}`;
}

/**
 * The algorithm to prove possession with at `as`, or undefined when it does not take DPoP
 * (no `dpop_signing_alg_values_supported`, or none we can sign with): Bearer tokens then.
 */
export function dpopAlgorithm(as: oauth.AuthorizationServer): string | undefined {
  const supported = as.dpop_signing_alg_values_supported;
  if (!Array.isArray(supported)) return undefined;
  return ALGORITHMS.find((alg) => supported.includes(alg));
}

/**
 * The DPoP key pair for `issuer` (RFC 9449), made once and kept in `storage`: the tokens are
 * bound to it, so every later process must sign with the same key.
 */
export async function dpopKeyPair(
  storage: AuthStorage,
  issuer: string,
  alg: string,
): Promise<CryptoKeyPair> {
  const key = dpopKeyKey(issuer);
  const stored = (await storage.get(key)) as StoredDpopKey | undefined;
  if (stored !== undefined && stored.alg === alg) {
    return {
      privateKey: (await importJWK(stored.privateJwk, alg)) as CryptoKey,
      publicKey: (await importJWK(stored.publicJwk, alg, { extractable: true })) as CryptoKey,
    };
  }
  const pair = await generateKeyPair(alg, { extractable: true });
  const fresh: StoredDpopKey = {
    alg,
    privateJwk: await exportJWK(pair.privateKey),
    publicJwk: await exportJWK(pair.publicKey),
  };
  await storage.set(key, fresh);
  return pair;
}

/** The DPoP handle oauth4webapi signs proofs and tracks nonces with. */
export function dpopHandle(
  client: Pick<oauth.Client, typeof oauth.clockSkew>,
  keyPair: CryptoKeyPair,
): oauth.DPoPHandle {
  return oauth.DPoP(client, keyPair);
}

/**
 * Runs a request once more when the server answered `use_dpop_nonce`: the handle has then
 * kept the nonce it sent (RFC 9449 sections 8 and 9).
 */
export async function withDpopNonceRetry<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!oauth.isDPoPNonceError(error)) throw error;
    return run();
  }
}
