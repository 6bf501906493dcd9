import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { looksLikeJwt } from './authorization-header.js';
import { introspect } from './introspection.js';
import {
  fetchIssuerMetadata,
  type IssuerMetadata,
  IssuerMetadataError,
} from './issuer-metadata.js';
import type { ResolvedOAuthOptions } from './oauth-options.js';
import { type OAuthPrincipal, principalOf } from './token-claims.js';

/**
 * Asymmetric algorithms only: `none` and the HMAC family (`HS*`) are refused, since a public
 * JWKS would otherwise serve as an HMAC secret anyone can read.
 */
export const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

/** The token could not be checked because the authorization server is out of reach. */
export class TokenCheckUnavailableError extends Error {
  override readonly name = 'TokenCheckUnavailableError';
}

/** How a failed metadata fetch is remembered, so a dead issuer is not asked on every request. */
const RETRY_METADATA_MS = 5000;

/**
 * Validates access tokens for one issuer and its accepted audiences: JWTs against the issuer's JWKS
 * (discovered from its metadata), opaque tokens by RFC 7662 introspection when configured.
 * Answers the principal, undefined for a bad token, or throws
 * {@link TokenCheckUnavailableError} when the issuer cannot be reached.
 */
export class TokenVerifier {
  private metadata: Promise<IssuerMetadata> | undefined;
  private metadataFailedAt = 0;
  private jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(private readonly options: ResolvedOAuthOptions) {}

  private issuerMetadata(): Promise<IssuerMetadata> {
    if (
      this.metadata === undefined ||
      (this.metadataFailedAt > 0 && Date.now() - this.metadataFailedAt > RETRY_METADATA_MS)
    ) {
      this.metadataFailedAt = 0;
      this.metadata = fetchIssuerMetadata(this.options.issuer, this.options.timeoutMs);
      this.metadata.catch(() => {
        this.metadataFailedAt = Date.now();
      });
    }
    return this.metadata;
  }

  private async keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (this.jwks !== undefined) return this.jwks;
    const metadata = await this.issuerMetadata();
    if (typeof metadata.jwks_uri !== 'string') {
      throw new IssuerMetadataError(`the metadata of ${this.options.issuer} names no jwks_uri`);
    }
    this.jwks = createRemoteJWKSet(new URL(metadata.jwks_uri), {
      timeoutDuration: this.options.timeoutMs,
    });
    return this.jwks;
  }

  /** Checks a token; see the class comment. */
  async verify(token: string): Promise<OAuthPrincipal | undefined> {
    if (looksLikeJwt(token)) return this.verifyJwt(token);
    if (this.options.introspection !== undefined) return this.introspect(token);
    return undefined;
  }

  private async verifyJwt(token: string): Promise<OAuthPrincipal | undefined> {
    let payload: JWTPayload;
    try {
      const keys = await this.keySet();
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.options.issuer,
        audience: [...this.options.audiences],
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: this.options.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (isUnavailable(error)) {
        throw new TokenCheckUnavailableError((error as Error).message, { cause: error });
      }
      return undefined;
    }
    return principalOf(payload as Record<string, unknown>, this.options.issuer);
  }

  private async introspect(token: string): Promise<OAuthPrincipal | undefined> {
    const settings = this.options.introspection!;
    let endpoint = settings.endpoint;
    try {
      if (endpoint === undefined) {
        endpoint = (await this.issuerMetadata()).introspection_endpoint;
        if (typeof endpoint !== 'string') {
          throw new IssuerMetadataError(
            `the metadata of ${this.options.issuer} names no introspection_endpoint`,
          );
        }
      }
      return await introspect(token, { ...settings, endpoint }, this.options);
    } catch (error) {
      throw new TokenCheckUnavailableError((error as Error).message, { cause: error });
    }
  }
}

/**
 * Failures of the authorization server rather than of the token: its metadata or JWKS
 * cannot be fetched. A token signed by a key the JWKS does not hold is a bad token.
 */
function isUnavailable(error: unknown): boolean {
  if (error instanceof IssuerMetadataError) return true;
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError) return false;
  // fetch's own failures (connection refused, DNS) surface as TypeError or AbortError.
  return error instanceof Error;
}
