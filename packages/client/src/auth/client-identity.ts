import { importJWK, importPKCS8, type JWK } from 'jose';
import * as oauth from 'oauth4webapi';
import { McpAuthError } from './auth-error.js';

/** How the client authenticates at the token endpoint. */
export type TokenEndpointAuthMethod =
  | 'none'
  | 'client_secret_basic'
  | 'client_secret_post'
  | 'private_key_jwt';

/** A client registration as stored (plain JSON), keyed by issuer. */
export interface StoredClient {
  /** The client id (for a Client ID Metadata Document, its URL). */
  client_id: string;
  /** The secret, for `client_secret_basic` / `client_secret_post`. */
  client_secret?: string;
  /** How to authenticate at the token endpoint. */
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  /** For `private_key_jwt`: the private key, PKCS#8 PEM or a JWK as JSON text. */
  private_key?: string;
  /** For `private_key_jwt`: the JWS algorithm (RS256, ES256, ...). */
  signing_alg?: string;
  /** For `private_key_jwt`: the key id put in the assertion header. */
  key_id?: string;
  /** Where the registration came from: given, a metadata document, or dynamic registration. */
  source: 'pre-registered' | 'metadata-document' | 'dynamic';
}

/** The oauth4webapi client and its token endpoint authentication, ready for requests. */
export interface ClientIdentity {
  /** The stored form. */
  stored: StoredClient;
  /** The oauth4webapi client. */
  client: oauth.Client;
  /** How requests to the token endpoint authenticate. */
  clientAuth: oauth.ClientAuth;
}

/** Turns a stored registration into what oauth4webapi needs (imports the private key). */
export async function toClientIdentity(stored: StoredClient): Promise<ClientIdentity> {
  const client: oauth.Client = {
    client_id: stored.client_id,
    token_endpoint_auth_method: stored.token_endpoint_auth_method,
  };
  switch (stored.token_endpoint_auth_method) {
    case 'client_secret_basic':
    case 'client_secret_post': {
      if (stored.client_secret === undefined) {
        throw new McpAuthError(
          'registration_required',
          `Client ${stored.client_id} uses ${stored.token_endpoint_auth_method} but has no secret: pass clientSecret (--client-secret).`,
        );
      }
      const clientAuth =
        stored.token_endpoint_auth_method === 'client_secret_basic'
          ? basicAuth(stored.client_id, stored.client_secret)
          : oauth.ClientSecretPost(stored.client_secret);
      return { stored, client, clientAuth };
    }
    case 'private_key_jwt': {
      if (stored.private_key === undefined) {
        throw new McpAuthError(
          'registration_required',
          `Client ${stored.client_id} uses private_key_jwt but has no key: pass privateKey (--private-key FILE).`,
        );
      }
      const key = await importPrivateKey(stored.private_key, stored.signing_alg);
      return {
        stored,
        client,
        clientAuth: oauth.PrivateKeyJwt(
          stored.key_id !== undefined ? { key, kid: stored.key_id } : key,
        ),
      };
    }
    default:
      return { stored, client, clientAuth: oauth.None() };
  }
}

/** Imports a PKCS#8 PEM or JWK private key for `alg` (default: the JWK's own, else RS256). */
export async function importPrivateKey(text: string, alg?: string): Promise<CryptoKey> {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as JWK;
      const key = await importJWK(jwk, alg ?? jwk.alg ?? 'RS256');
      if (!(key instanceof CryptoKey)) throw new Error('not an asymmetric private key');
      return key;
    }
    return await importPKCS8(trimmed, alg ?? 'RS256');
  } catch (cause) {
    throw new McpAuthError(
      'registration_required',
      `The private key could not be imported for ${alg ?? 'RS256'} (${(cause as Error).message}): ` +
        'give a PKCS#8 PEM ("BEGIN PRIVATE KEY") or a private JWK, and --signing-alg matching it.',
      { cause },
    );
  }
}

/**
 * client_secret_basic with the id and secret percent-encoded as URI components. oauth4webapi's
 * own encodes unreserved characters too (`-` as `%2D`), which servers that skip the decoding
 * step RFC 6749 asks for then refuse; this form is read the same by every server.
 */
export function basicAuth(clientId: string, secret: string): oauth.ClientAuth {
  // btoa suffices (percent-encoded text is ASCII) and, unlike Buffer, exists in browsers.
  const token = btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`);
  return (_as, _client, _body, headers) => {
    headers.set('authorization', `Basic ${token}`);
  };
}
