import * as oauth from 'oauth4webapi';
import { McpAuthError } from './auth-error.js';
import type { AuthStorage } from './auth-storage.js';
import type { StoredClient, TokenEndpointAuthMethod } from './client-identity.js';
import { httpOptions } from './http-options.js';

/** What the application says about its client identity (all optional). */
export interface ClientRegistrationOptions {
  /** A pre-registered client id. */
  clientId?: string;
  /** Its secret (confidential clients). */
  clientSecret?: string;
  /** How to authenticate at the token endpoint (default: basic with a secret, else none). */
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod;
  /** For private_key_jwt: the key, PKCS#8 PEM or JWK JSON text. */
  privateKey?: string;
  /** For private_key_jwt: the JWS algorithm. */
  signingAlg?: string;
  /** For private_key_jwt: the key id. */
  keyId?: string;
  /** An HTTPS URL of a Client ID Metadata Document, used as the client id where supported. */
  clientMetadataUrl?: string;
  /** The name shown at consent, for dynamic registration (default `mcp-sse`). */
  clientName?: string;
}

/** The storage key of the registration at `issuer`. */
export function clientKey(issuer: string): string {
  return `client:${issuer}`;
}

/**
 * Finds the client identity at `as` in the specification's order: pre-registered credentials,
 * a Client ID Metadata Document (when the server supports them), a registration stored from
 * before, Dynamic Client Registration (RFC 7591) — else an error saying what to pass.
 */
export async function resolveClient(
  as: oauth.AuthorizationServer,
  options: ClientRegistrationOptions,
  storage: AuthStorage,
  register: { redirectUris: string[]; grantTypes: string[] },
  fetchImpl: typeof fetch,
): Promise<StoredClient> {
  const key = clientKey(as.issuer);
  if (options.clientId !== undefined) {
    const method: TokenEndpointAuthMethod =
      options.tokenEndpointAuthMethod ??
      (options.privateKey !== undefined
        ? 'private_key_jwt'
        : options.clientSecret !== undefined
          ? 'client_secret_basic'
          : 'none');
    const stored: StoredClient = {
      client_id: options.clientId,
      token_endpoint_auth_method: method,
      source: 'pre-registered',
      ...(options.clientSecret !== undefined ? { client_secret: options.clientSecret } : {}),
      ...(options.privateKey !== undefined ? { private_key: options.privateKey } : {}),
      ...(options.signingAlg !== undefined ? { signing_alg: options.signingAlg } : {}),
      ...(options.keyId !== undefined ? { key_id: options.keyId } : {}),
    };
    await storage.set(key, stored);
    return stored;
  }
  const cimdSupported =
    (as as Record<string, unknown>).client_id_metadata_document_supported === true;
  if (options.clientMetadataUrl !== undefined && cimdSupported) {
    const stored: StoredClient = {
      client_id: options.clientMetadataUrl,
      token_endpoint_auth_method: 'none',
      source: 'metadata-document',
    };
    await storage.set(key, stored);
    return stored;
  }
  const saved = (await storage.get(key)) as StoredClient | undefined;
  if (saved !== undefined && typeof saved.client_id === 'string') return saved;
  if (as.registration_endpoint !== undefined) {
    return registerDynamically(as, options, register, fetchImpl, storage, key);
  }
  throw new McpAuthError(
    'registration_required',
    `The authorization server ${as.issuer} offers no dynamic client registration` +
      (options.clientMetadataUrl !== undefined ? ' nor Client ID Metadata Documents' : '') +
      ': pass a pre-registered client (clientId / --client-id, and clientSecret / --client-secret' +
      (cimdSupported ? ', or clientMetadataUrl / --client-metadata-url)' : ')') +
      '.',
  );
}

async function registerDynamically(
  as: oauth.AuthorizationServer,
  options: ClientRegistrationOptions,
  register: { redirectUris: string[]; grantTypes: string[] },
  fetchImpl: typeof fetch,
  storage: AuthStorage,
  key: string,
): Promise<StoredClient> {
  const endpoint = new URL(as.registration_endpoint as string);
  let registered: {
    client_id: string;
    client_secret?: unknown;
    token_endpoint_auth_method?: unknown;
  };
  try {
    const response = await oauth.dynamicClientRegistrationRequest(
      as,
      {
        client_name: options.clientName ?? 'mcp-sse',
        redirect_uris: register.redirectUris,
        grant_types: register.grantTypes,
        response_types: register.grantTypes.includes('authorization_code') ? ['code'] : [],
        token_endpoint_auth_method: 'none',
        // A CLI on the user's machine is a native application (loopback redirects, RFC 8252).
        application_type: 'native',
      },
      httpOptions(fetchImpl, endpoint),
    );
    registered = await readRegistration(response);
  } catch (cause) {
    throw new McpAuthError(
      'registration_required',
      `Dynamic client registration at ${endpoint.href} failed (${(cause as Error).message}): ` +
        'pass a pre-registered client (--client-id, --client-secret).',
      { cause },
    );
  }
  const method =
    (registered.token_endpoint_auth_method as TokenEndpointAuthMethod | undefined) ?? 'none';
  const stored: StoredClient = {
    client_id: registered.client_id,
    token_endpoint_auth_method: method,
    source: 'dynamic',
    ...(typeof registered.client_secret === 'string'
      ? { client_secret: registered.client_secret }
      : {}),
  };
  await storage.set(key, stored);
  return stored;
}

// oauth4webapi's own check of the answer also insists on fields the client never uses
// (`client_secret_expires_at` beside a secret), which some servers omit: only what we use
// is required here.
async function readRegistration(
  response: Response,
): Promise<{ client_id: string; client_secret?: unknown; token_endpoint_auth_method?: unknown }> {
  const body = (await response.json().catch(() => undefined)) as
    | Record<string, unknown>
    | undefined;
  if (response.status !== 201 && response.status !== 200) {
    const error = typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`;
    const description =
      typeof body?.error_description === 'string' ? `: ${body.error_description}` : '';
    throw new Error(`${error}${description}`);
  }
  if (typeof body?.client_id !== 'string' || body.client_id === '') {
    throw new Error('the answer has no client_id');
  }
  return body as { client_id: string };
}
