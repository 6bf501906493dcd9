import * as oauth from 'oauth4webapi';
import { McpAuthError } from './auth-error.js';
import type { AuthChallenge, AuthProvider } from './auth-provider.js';
import { type AuthStorage, MemoryAuthStorage } from './auth-storage.js';
import { discoverAuthorizationServer, requirePkce } from './authorization-server.js';
import { type ClientIdentity, toClientIdentity } from './client-identity.js';
import { dpopAlgorithm, dpopHandle, dpopKeyPair, withDpopNonceRetry } from './dpop.js';
import { httpOptions } from './http-options.js';
import { type AssertionSource, JWT_BEARER_GRANT_TYPE } from './jwt-bearer.js';
import { startLoopbackRedirect } from './loopback-redirect.js';
import { probeChallenge } from './probe-challenge.js';
import {
  discoverProtectedResource,
  type ProtectedResource,
  resourceIdentifier,
} from './protected-resource.js';
import { type ClientRegistrationOptions, resolveClient } from './registration.js';
import { coversScope, selectScope } from './scope.js';
import { isExpired, type StoredTokens, serverKey, tokensKey, toStoredTokens } from './token-set.js';

/** Options of {@link OAuthProvider}. */
export interface OAuthProviderOptions extends ClientRegistrationOptions {
  /**
   * `authorization_code` (default: a person logs in, PKCE, loopback redirect),
   * `client_credentials` (a machine client: needs clientId with clientSecret or privateKey) or
   * `jwt_bearer` (RFC 7523: a JWT from `assertion`, e.g. a workload identity token or the
   * ID-JAG of cross-app access; needs clientId).
   */
  grant?: OAuthGrant;
  /** For `jwt_bearer`: where the assertion comes from, asked again at each renewal. */
  assertion?: AssertionSource;
  /**
   * Sender-constrained tokens (DPoP, RFC 9449) when the authorization server advertises
   * `dpop_signing_alg_values_supported` and the MCP server takes them (a DPoP challenge, or
   * DPoP in its Protected Resource Metadata). Default true; false: Bearer tokens always. The
   * key pair is made once per issuer and kept in `storage`.
   */
  dpop?: boolean;
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

/** The grants {@link OAuthProvider} can obtain tokens with. */
export type OAuthGrant = 'authorization_code' | 'client_credentials' | 'jwt_bearer';

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
  readonly #dpopHandles = new Map<string, oauth.DPoPHandle>();
  // Issuers whose tokens are to be DPoP-bound: the resource said it takes them.
  readonly #dpopIssuers = new Set<string>();
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

  /**
   * Sends a request to the MCP server with a DPoP-bound token: oauth4webapi makes a fresh
   * proof for each request, and a `use_dpop_nonce` answer is retried once with the server's
   * nonce. Undefined for a Bearer token (withAuth sends it).
   */
  async send(
    serverUrl: URL,
    url: URL,
    init: RequestInit,
    fetchImpl: typeof fetch,
  ): Promise<Response | undefined> {
    const signal = init.signal ?? undefined;
    const token = await this.token(serverUrl, signal);
    if (token === undefined) return undefined;
    const binding = (await this.storage.get(serverKey(serverUrl.href))) as Binding | undefined;
    if (binding === undefined) return undefined;
    const tokens = (await this.storage.get(tokensKey(binding.issuer, binding.resource))) as
      | StoredTokens
      | undefined;
    if (tokens?.token_type !== 'dpop') return undefined;
    this.#dpopIssuers.add(binding.issuer);
    const handle = await this.#dpop(await this.#metadata(binding.issuer, signal), {});
    if (handle === undefined) return undefined;
    const headers = new Headers(init.headers);
    // The transports send JSON text; other bodies oauth4webapi cannot carry go as a Blob's bytes.
    const body =
      init.body instanceof Blob
        ? await init.body.arrayBuffer()
        : (init.body as oauth.ProtectedResourceRequestBody);
    try {
      return await withDpopNonceRetry(() =>
        oauth.protectedResourceRequest(token, init.method ?? 'GET', url, headers, body, {
          DPoP: handle,
          // Its bodies are ones fetch takes (it only passes ours on); the types differ by a
          // Uint8Array generic.
          ...(httpOptions(fetchImpl, url, signal) as oauth.ProtectedResourceRequestOptions),
        }),
      );
    } catch (error) {
      // A refusal is the request's answer: withAuth decides what to do with it.
      if (error instanceof oauth.WWWAuthenticateChallengeError) return error.response;
      throw error;
    }
  }

  authorize(challenge: AuthChallenge, signal?: AbortSignal): Promise<void> {
    return this.#single(() => this.#authorize(challenge, signal));
  }

  /** Runs the whole flow for `serverUrl` now (what `mcp-sse login` does), without a 401 first. */
  async login(serverUrl: string | URL, signal?: AbortSignal): Promise<void> {
    const url = new URL(serverUrl);
    // Ask the server first: its 401 challenge may name metadata no well-known URL has.
    const challenge = await probeChallenge(url, this.#fetch, signal);
    // An explicit login for a wider scope than the stored token holds must authorize again:
    // a refresh can never widen a grant (RFC 6749 section 6).
    return this.#single(() =>
      this.#authorize(
        { status: 401, serverUrl: url, ...(challenge ? { challenge } : {}) },
        signal,
        true,
      ),
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

  async #authorize(challenge: AuthChallenge, signal?: AbortSignal, login = false): Promise<void> {
    const { prm, as } = await this.#discover(challenge, signal);
    // DPoP only when both sides take it: a Bearer-only resource would refuse bound tokens.
    if (challenge.challenge?.scheme === 'dpop' || prm.dpop === true) {
      this.#dpopIssuers.add(as.issuer);
    }
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
    const widens = login && !coversScope(previous?.scope, this.#options.scope);
    if (challenge.status === 401 && previous?.refresh_token !== undefined && !widens) {
      try {
        await this.#renew(binding, previous, signal);
        await this.storage.set(serverKey(challenge.serverUrl.href), binding);
        return;
      } catch {
        // Refused or revoked: fall through to a new authorization.
      }
    }
    const tokens = await this.#grant(as, prm, scope, signal);
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

  // The grant the provider was set up with; only the authorization code needs a person.
  #grant(
    as: oauth.AuthorizationServer,
    prm: ProtectedResource,
    scope: string | undefined,
    signal?: AbortSignal,
  ): Promise<oauth.TokenEndpointResponse> {
    switch (this.#options.grant ?? 'authorization_code') {
      case 'client_credentials':
        return this.#clientCredentials(as, prm, scope, signal);
      case 'jwt_bearer':
        return this.#jwtBearer(as, prm, scope, signal);
      default:
        return this.#authorizationCode(as, prm, scope, signal);
    }
  }

  async #requirePreRegistered(as: oauth.AuthorizationServer, grant: string): Promise<void> {
    if (this.#options.clientId !== undefined) return;
    if ((await this.storage.get(`client:${as.issuer}`)) !== undefined) return;
    throw new McpAuthError(
      'registration_required',
      `The ${grant} grant needs a pre-registered client: pass clientId (--client-id)` +
        (grant === 'client credentials'
          ? ' with clientSecret (--client-secret) or privateKey (--private-key FILE --signing-alg ALG).'
          : ', and clientSecret (--client-secret) when the authorization server requires one.'),
    );
  }

  async #jwtBearer(
    as: oauth.AuthorizationServer,
    prm: ProtectedResource,
    scope: string | undefined,
    signal?: AbortSignal,
  ): Promise<oauth.TokenEndpointResponse> {
    const source = this.#options.assertion;
    if (source === undefined) {
      throw new McpAuthError(
        'registration_required',
        'The jwt_bearer grant needs an assertion: give `assertion` to OAuthProvider ' +
          '(--assertion-file FILE, or --id-token with --idp-token-endpoint for cross-app access).',
      );
    }
    await this.#requirePreRegistered(as, 'JWT bearer');
    const { client, clientAuth } = await this.#identity(as, [], [JWT_BEARER_GRANT_TYPE]);
    const assertion = await source(
      { issuer: as.issuer, resource: prm.resource, ...(scope !== undefined ? { scope } : {}) },
      signal,
    );
    const parameters: Record<string, string> = { assertion, resource: prm.resource };
    if (scope !== undefined) parameters.scope = scope;
    try {
      const options = await this.#tokenOptions(as, client, signal);
      return await withDpopNonceRetry(async () => {
        const response = await oauth.genericTokenEndpointRequest(
          as,
          client,
          clientAuth,
          JWT_BEARER_GRANT_TYPE,
          parameters,
          options,
        );
        return oauth.processGenericTokenEndpointResponse(as, client, response);
      });
    } catch (cause) {
      throw tokenError(as, cause);
    }
  }

  // Token requests: our fetch, and a DPoP proof when the authorization server takes DPoP.
  async #tokenOptions(
    as: oauth.AuthorizationServer,
    client: oauth.Client,
    signal?: AbortSignal,
  ): Promise<ReturnType<typeof httpOptions> & { DPoP?: oauth.DPoPHandle }> {
    const handle = await this.#dpop(as, client);
    return {
      ...httpOptions(this.#fetch, new URL(as.issuer), signal),
      ...(handle !== undefined ? { DPoP: handle } : {}),
    };
  }

  // One handle per issuer, so the nonces it learns serve every later request.
  async #dpop(
    as: oauth.AuthorizationServer,
    client: Pick<oauth.Client, typeof oauth.clockSkew>,
  ): Promise<oauth.DPoPHandle | undefined> {
    if (this.#options.dpop === false || !this.#dpopIssuers.has(as.issuer)) return undefined;
    let handle = this.#dpopHandles.get(as.issuer);
    if (handle !== undefined) return handle;
    const alg = dpopAlgorithm(as);
    if (alg === undefined) return undefined;
    handle = dpopHandle(client, await dpopKeyPair(this.storage, as.issuer, alg));
    this.#dpopHandles.set(as.issuer, handle);
    return handle;
  }

  async #clientCredentials(
    as: oauth.AuthorizationServer,
    prm: ProtectedResource,
    scope: string | undefined,
    signal?: AbortSignal,
  ): Promise<oauth.TokenEndpointResponse> {
    await this.#requirePreRegistered(as, 'client credentials');
    const { client, clientAuth } = await this.#identity(as, [], ['client_credentials']);
    const parameters: Record<string, string> = { resource: prm.resource };
    if (scope !== undefined) parameters.scope = scope;
    try {
      const options = await this.#tokenOptions(as, client, signal);
      return await withDpopNonceRetry(async () => {
        const response = await oauth.clientCredentialsGrantRequest(
          as,
          client,
          clientAuth,
          parameters,
          options,
        );
        return oauth.processClientCredentialsResponse(as, client, response);
      });
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
        const options = await this.#tokenOptions(as, client, signal);
        return await withDpopNonceRetry(async () => {
          const response = await oauth.authorizationCodeGrantRequest(
            as,
            client,
            clientAuth,
            params,
            loopback.redirectUri,
            verifier,
            { additionalParameters: { resource: prm.resource }, ...options },
          );
          return oauth.processAuthorizationCodeResponse(as, client, response);
        });
      } catch (cause) {
        throw tokenError(as, cause);
      }
    } finally {
      await loopback.close();
    }
  }

  async #renew(binding: Binding, tokens: StoredTokens, signal?: AbortSignal): Promise<void> {
    const as = await this.#metadata(binding.issuer, signal);
    if (tokens.token_type === 'dpop') this.#dpopIssuers.add(binding.issuer);
    const key = tokensKey(binding.issuer, binding.resource);
    if (tokens.refresh_token === undefined) {
      // The machine grants simply run again; a person's login cannot without them.
      if ((this.#options.grant ?? 'authorization_code') === 'authorization_code') {
        throw new McpAuthError('token_failed', 'The token expired and there is no refresh token.');
      }
      const fresh = await this.#grant(
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
      const options = await this.#tokenOptions(as, client, signal);
      const refreshToken = tokens.refresh_token;
      const fresh = await withDpopNonceRetry(async () => {
        const response = await oauth.refreshTokenGrantRequest(
          as,
          client,
          clientAuth,
          refreshToken,
          { additionalParameters: { resource: binding.resource }, ...options },
        );
        return oauth.processRefreshTokenResponse(as, client, response);
      });
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
