import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from 'jose';

/** What a DPoP proof (RFC 9449 section 4) must match: this request and the token it comes with. */
export interface DpopExpectation {
  /** The request's method (`htm`). */
  method: string;
  /** The URLs (without query) the client may have used for this request (`htu`). */
  urls: readonly string[];
  /** The access token (`ath` is its SHA-256). */
  accessToken: string;
  /** The token's `cnf.jkt`: the proof's key must be the one the token is bound to. */
  keyThumbprint: string;
  /** Signature algorithms accepted. */
  algorithms: string[];
  /** Seconds of clock skew allowed on `iat`. */
  clockToleranceSeconds: number;
}

/** How old a proof may be, seconds: proofs are made per request, so a minute is plenty. */
const MAX_AGE_SECONDS = 60;
/** The proof ids remembered against replay, at most (the oldest are forgotten first). */
const MAX_SEEN = 10_000;

/** The `jti`s of recent proofs, with when they were seen (one process; replay within it). */
const seen = new Map<string, number>();

function remember(jti: string, now: number): boolean {
  if (seen.has(jti)) return false;
  seen.set(jti, now);
  // Maps keep insertion order: the first entries are the oldest.
  for (const [old, at] of seen) {
    if (seen.size <= MAX_SEEN && now - at <= MAX_AGE_SECONDS * 2) break;
    seen.delete(old);
  }
  return true;
}

const base = (url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return undefined;
  }
};

/**
 * Checks the `DPoP` header of a request sent with a DPoP-bound token: one compact JWS of
 * type `dpop+jwt`, signed by the public key in its header, that key's thumbprint equal to
 * the token's `cnf.jkt`, `htm` and `htu` naming this request, `ath` the token's hash, a
 * fresh `iat` and a `jti` not seen before. False for anything else.
 */
export async function isValidDpopProof(
  header: string | string[] | undefined,
  expected: DpopExpectation,
): Promise<boolean> {
  if (typeof header !== 'string' || header === '') return false;
  try {
    const { payload, protectedHeader } = await jwtVerify(header, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: expected.algorithms,
    });
    if (protectedHeader.jwk === undefined) return false;
    if ((await calculateJwkThumbprint(protectedHeader.jwk)) !== expected.keyThumbprint)
      return false;
    if (payload.htm !== expected.method) return false;
    const htu = typeof payload.htu === 'string' ? base(payload.htu) : undefined;
    if (htu === undefined || !expected.urls.some((url) => base(url) === htu)) return false;
    const ath = createHash('sha256').update(expected.accessToken).digest('base64url');
    if (payload.ath !== ath) return false;
    const now = Math.floor(Date.now() / 1000);
    const iat = payload.iat;
    const skew = expected.clockToleranceSeconds;
    if (typeof iat !== 'number' || iat > now + skew || iat < now - MAX_AGE_SECONDS - skew) {
      return false;
    }
    return typeof payload.jti === 'string' && payload.jti !== '' && remember(payload.jti, now);
  } catch {
    return false;
  }
}
