import * as oauth from 'oauth4webapi';
import { McpAuthError } from './auth-error.js';
import type { AuthChallenge, AuthProvider } from './auth-provider.js';
import { type AuthStorage, MemoryAuthStorage } from './auth-storage.js';
import { discoverAuthorizationServer, requirePkce } from './authorization-server.js';
import { type ClientIdentity, toClientIdentity } from './client-identity.js';
import { httpOptions } from './http-options.js';
import { startLoopbackRedirect } from './loopback-redirect.js';
import { probeChallenge } from './probe-challenge.js';
import {
  discoverProtectedResource,
  type ProtectedResource,
  resourceIdentifier,
} from './protected-resource.js';
import { type ClientRegistrationOptions, resolveClient } from './registration.js';
import { selectScope } from './scope.js';
import { isExpired, type StoredTokens, serverKey, tokensKey, toStoredTokens } from './token-set.js';

/** Options of {@link OAuthProvider}. */
export interface OAuthProviderOptions extends ClientRegistrationOptions {
  /**
   * `authorization_code` (default: a person logs in, PKCE, loopback redirect) or
   * `client_credentials` (a machine client: needs clientId with clientSecret or privateKey).
   */
  grant?: 'authorization_code' | 'client_credentials';
  /** Where registrations and tokens are kept (default: memory). */
  storage?: AuthStorage;
  /** The scope to ask for, instead of the challenge's or the resource's `scopes_supported`. */
  scope?: string;
  /**
   * Shows the authorization URL to the person (opens a browser). Without it the
   * authorization code flow cannot run and rejects with `interaction_required`.
   */
  openAuthorizationUrl?: (url: URL) => void | Promise<void>;
  /** The loopback port for the redirect (default 0: any free one). */
  redirectPort?: number;
  /** How long to wait for the browser to come back, ms (default 5 minutes). */
  callbackTimeout?: number;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Said when `interaction_required` is raised (default: how to call `openAuthorizationUrl`). */
  interactionHint?: string;
}

interface Binding {
  issuer: string;
  resource: string;
}

/**
 * OAuth 2.1 for MCP clients, as the specification's authorization section says, built on
 * oauth4webapi (OpenID certified): Protected Resource Metadata discovery (RFC 9728),
 * authorization server metadata (RFC 8414 / OpenID Discovery, exact issuer match), PKCE S256,
 * `resource` indicators (RFC 8707), `iss` checks (RFC 9207), registration (pre-registered,
 * Client ID Metadata Document, RFC 7591), refresh, client credentials and scope step-up.
 */
export class OAuthProvider implements AuthProvider {
  /** Where registrations and tokens are kept. */
  readonly storage: AuthStorage;
  readonly #options: OAuthProviderOptions;
  readonly #fetch: typeof fetch;
  readonly #servers = new Map<string, oauth.AuthorizationServer>();
  #running: Promise<void> | undefined;

  constructor(options: OAuthProviderOptions = {}) {
    this.#options = options;
    this.storage = options.storage ?? new MemoryAuthStorage();
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async token(serverUrl: URL, signal?: AbortSignal): Promise<string | undefined> {
    await this.#running?.catch(() => {});
    const binding = (await this.storage.get(serverKey(serverUrl.href))) as Binding | undefined;
    if (binding === undefined) return undefined;
    const key = tokensKey(binding.issuer, binding.resource);
    const tokens = (await this.storage.get(key)) as StoredTokens | undefined;
    if (tokens === undefined) return undefined;
    if (!isExpired(tokens)) return tokens.access_token;
    try {
      await this.#single(() => this.#renew(binding, tokens, signal));
    } catch {
      // An expired token is still sent: the server's 401 then starts the full flow.
      return tokens.access_token;
    }
    const renewed = (await this.storage.get(key)) as StoredTokens | undefined;
    return renewed?.access_token;
  }

  authorize(challenge: AuthChallenge, signal?: AbortSignal): Promise<void> {
    return this.#single(() => this.#authorize(challenge, signal));
  }

  /** Runs the whole flow for `serverUrl` now (what `mcp-sse login` does), without a 401 first. */
  async login(serverUrl: string | URL, signal?: AbortSignal): Promise<void> {
    const url = new URL(serverUrl);
    // Ask the server first: its 401 challenge may name metadata no well-known URL has.
    const challenge = await probeChallenge(url, this.#fetch, signal);
    return this.authorize(
      { status: 401, serverUrl: url, ...(challenge ? { challenge } : {}) },
      signal,
    );
  }

  /** Forgets the tokens for `serverUrl` (the registration at its issuer is kept). */
  async logout(serverUrl: string | URL): Promise<boolean> {
    const key = serverKey(new URL(serverUrl).href);
    const binding = (await this.storage.get(key)) as Binding | undefined;
    if (binding === undefined) return false;
    await this.storage.delete(tokensKey(binding.issuer, binding.resource));
    await this.storage.delete(key);
    return true;
  }

  // Concurrent requests that all got a 401 share one flow instead of opening N browsers.
  #single(run: () => Promise<void>): Promise<void> {
    if (this.#running !== undefined) return this.#running;
    const running = run().finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
  }

  async #metadata(issuer: string, signal?: AbortSignal): Promise<oauth.AuthorizationServer> {
    let as = this.#servers.get(issuer);
    if (as === undefined) {
      as = await discoverAuthorizationServer(issuer, this.#fetch, signal);
      this.#servers.set(issuer, as);
    }
    return as;
  }

  // 2025-06-18 on: Protected Resource Metadata names the authorization server. A 2025-03-26
  // server has none: its origin is the authorization server, with default endpoints when it
  // publishes no metadata either.
  async #discover(
    challenge: AuthChallenge,
    signal?: AbortSignal,
  ): Promise<{ prm: ProtectedResource; as: oauth.AuthorizationServer }> {
    let prm: ProtectedResource;
    try {
      prm = await discoverProtectedResource(
        challenge.serverUrl,
        challenge.challenge,
        this.#fetch,
        signal,
      );
    } catch (error) {
      if (!McpAuthError.isInstance(error) || error.code !== 'discovery_failed') throw error;
      if (challenge.challenge?.resourceMetadata !== undefined) throw error;
      const origin = challenge.serverUrl.origin;
      prm = { resource: resourceIdentifier(challenge.serverUrl), authorizationServers: [origin] };
      try {
        return { prm, as: await this.#metadata(origin, signal) };
      } catch (cause) {
        if (!McpAuthError.isInstance(cause) || cause.code !== 'discovery_failed') throw cause;
        // Without any metadata this may just as well be a server wanting an API key: guess
        // the default endpoints only when a person can try them (login), else say so.
        if (this.#options.openAuthorizationUrl === undefined) throw error;
        const as =
          (await legacyMetadata(origin, this.#fetch, signal)) ?? legacyDefaultEndpoints(origin);
        this.#servers.set(origin, as);
        return { prm, as };
      }
    }
    const issuer = prm.authorizationServers[0] as string;
    return { prm, as: await this.#metadata(issuer, signal) };
  }

  async #authorize(challenge: AuthChallenge, signal?: AbortSignal): Promise<void> {
    const { prm, as } = await this.#discover(challenge, signal);
    const binding: Binding = { issuer: as.issuer, resource: prm.resource };
    const key = tokensKey(binding.issuer, binding.resource);
    const previous = (await this.storage.get(key)) as StoredTokens | undefined;
    const scope = selectScope(
      this.#options.scope,
      challenge.challenge?.scope,
      prm.scopesSupported,
      challenge.status === 403 ? previous?.scope : undefined,
    );
    // A 401 with a refresh token in hand tries the refresh first (no browser needed).
    if (challenge.status === 401 && previous?.refresh_token !== undefined) {
      try {
        await this.#renew(binding, previous, signal);
        await this.storage.set(serverKey(challenge.serverUrl.href), binding);
        return;
      } catch {
        // Refused or revoked: fall through to a new authorization.
      }
    }
    const tokens =
      (this.#options.grant ?? 'authorization_code') === 'client_credentials'
        ? await this.#clientCredentials(as, prm, scope, signal)
        : await this.#authorizationCode(as, prm, scope, signal);
    await this.storage.set(key, toStoredTokens(tokens, scope, previous));
    await this.storage.set(serverKey(challenge.serverUrl.href), binding);
  }

  async #identity(
    as: oauth.AuthorizationServer,
    redirectUris: string[],
    grantTypes: string[],
  ): Promise<ClientIdentity> {
    const stored = await resolveClient(
      as,
      this.#options,
      this.storage,
      { redirectUris, grantTypes },
      this.#fetch,
    );
    return toClientIdentity(stored);
  }

  async #clientCredentials(
    as: oauth.AuthorizationServer,
    prm: ProtectedResource,
    scope: string | undefined,
    signal?: AbortSignal,
  ): Promise<oauth.TokenEndpointResponse> {
    if (this.#options.clientId === undefined) {
      const saved = await this.storage.get(`client:${as.issuer}`);
      if (saved === undefined) {
        throw new McpAuthError(
          'registration_required',
          'Client credentials need a pre-registered client: pass clientId (--client-id) with ' +
            'clientSecret (--client-secret) or privateKey (--private-key FILE --signing-alg ALG).',
        );
      }
    }
    const { client, clientAuth } = await this.#identity(as, [], ['client_credentials']);
    const parameters: Record<string, string> = { resource: prm.resource };
    if (scope !== undefined) parameters.scope = scope;
    try {
      const response = await oauth.clientCredentialsGrantRequest(
        as,
        client,
        clientAuth,
        parameters,
        httpOptions(this.#fetch, new URL(as.issuer), signal),
      );
      return await oauth.processClientCredentialsResponse(as, client, response);
    } catch (cause) {
      throw tokenError(as, cause);
    }
  }

  async #authorizationCode(
    as: oauth.AuthorizationServer,
    prm: ProtectedResource,
    scope: string | undefined,
    signal?: AbortSignal,
  ): Promise<oauth.TokenEndpointResponse> {
    requirePkce(as);
    const open = this.#options.openAuthorizationUrl;
    if (open === undefined) {
      throw new McpAuthError(
        'interaction_required',
        this.#options.interactionHint ??
          'Authorization needs a person to log in: give openAuthorizationUrl to OAuthProvider.',
      );
    }
    if (as.authorization_endpoint === undefined) {
      throw new McpAuthError('discovery_failed', `${as.issuer} names no authorization_endpoint.`);
    }
    const loopback = await startLoopbackRedirect({
      ...(this.#options.redirectPort !== undefined ? { port: this.#options.redirectPort } : {}),
      ...(this.#options.callbackTimeout !== undefined
        ? { timeout: this.#options.callbackTimeout }
        : {}),
      ...(signal ? { signal } : {}),
    });
    try {
      const { client, clientAuth } = await this.#identity(
        as,
        [loopback.redirectUri],
        ['authorization_code', 'refresh_token'],
      );
      const verifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const url = new URL(as.authorization_endpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', client.client_id);
      url.searchParams.set('redirect_uri', loopback.redirectUri);
      url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
      url.searchParams.set('code_challenge_method', 'S256');
      url.searchParams.set('state', state);
      url.searchParams.set('resource', prm.resource);
      if (scope !== undefined) url.searchParams.set('scope', scope);
      await open(url);
      const callback = await loopback.callback;
      let params: URLSearchParams;
      try {
        // Checks state, and `iss` (RFC 9207) when present or advertised as required.
        params = oauth.validateAuthResponse(as, client, callback, state);
      } catch (cause) {
        throw new McpAuthError(
          'authorization_failed',
          `The authorization server refused or answered wrongly: ${(cause as Error).message}`,
          { cause },
        );
      }
      try {
        const response = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          clientAuth,
          params,
          loopback.redirectUri,
          verifier,
          {
            additionalParameters: { resource: prm.resource },
            ...httpOptions(this.#fetch, new URL(as.issuer), signal),
          },
        );
        return await oauth.processAuthorizationCodeResponse(as, client, response);
      } catch (cause) {
        throw tokenError(as, cause);
      }
    } finally {
      await loopback.close();
    }
  }

  async #renew(binding: Binding, tokens: StoredTokens, signal?: AbortSignal): Promise<void> {
    const as = await this.#metadata(binding.issuer, signal);
    const key = tokensKey(binding.issuer, binding.resource);
    if (tokens.refresh_token === undefined) {
      if (this.#options.grant !== 'client_credentials') {
        throw new McpAuthError('token_failed', 'The token expired and there is no refresh token.');
      }
      const fresh = await this.#clientCredentials(
        as,
        { resource: binding.resource, authorizationServers: [binding.issuer] },
        tokens.scope,
        signal,
      );
      await this.storage.set(key, toStoredTokens(fresh, tokens.scope, tokens));
      return;
    }
    const { client, clientAuth } = await this.#identity(as, [], ['refresh_token']);
    try {
      const response = await oauth.refreshTokenGrantRequest(
        as,
        client,
        clientAuth,
        tokens.refresh_token,
        {
          additionalParameters: { resource: binding.resource },
          ...httpOptions(this.#fetch, new URL(as.issuer), signal),
        },
      );
      const fresh = await oauth.processRefreshTokenResponse(as, client, response);
      await this.storage.set(key, toStoredTokens(fresh, tokens.scope, tokens));
    } catch (cause) {
      throw tokenError(as, cause);
    }
  }
}

function tokenError(as: oauth.AuthorizationServer, cause: unknown): McpAuthError {
  if (McpAuthError.isInstance(cause)) return cause;
  const detail =
    cause instanceof oauth.ResponseBodyError
      ? `${cause.error}${cause.error_description ? `: ${cause.error_description}` : ''}`
      : (cause as Error).message;
  return new McpAuthError('token_failed', `The token endpoint of ${as.issuer} refused: ${detail}`, {
    cause,
  });
}

/** The 2025-03-26 default endpoints of a server without metadata (PKCE assumed, as it required). */
function legacyDefaultEndpoints(origin: string): oauth.AuthorizationServer {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/authorize`,
    token_endpoint: `${origin}/token`,
    registration_endpoint: `${origin}/register`,
    code_challenge_methods_supported: ['S256'],
  };
}

/**
 * 2025-03-26 servers' own metadata, read without the exact issuer match (that revision had
 * no issuer to match: the "authorization base URL" is the server's origin).
 */
async function legacyMetadata(
  origin: string,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<oauth.AuthorizationServer | undefined> {
  try {
    const response = await fetchImpl(`${origin}/.well-known/oauth-authorization-server`, {
      headers: { accept: 'application/json', 'mcp-protocol-version': '2025-03-26' },
      ...(signal ? { signal } : {}),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as Record<string, unknown>;
    if (
      typeof body.authorization_endpoint !== 'string' ||
      typeof body.token_endpoint !== 'string'
    ) {
      return undefined;
    }
    return {
      ...(body as Partial<oauth.AuthorizationServer>),
      issuer: typeof body.issuer === 'string' ? body.issuer : origin,
      code_challenge_methods_supported: (body.code_challenge_methods_supported as
        | string[]
        | undefined) ?? ['S256'],
    } as oauth.AuthorizationServer;
  } catch {
    return undefined;
  }
}
