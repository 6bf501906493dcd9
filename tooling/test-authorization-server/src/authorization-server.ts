/// <reference path="./oidc-provider.d.ts" />
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

/** Every scope the authorization server grants. */
export const AS_SCOPES = 'mcp:tools mcp:admin';

/** Options of {@link startAuthorizationServer}. */
export interface AuthorizationServerOptions {
  /** Lifetime of access tokens, seconds. Default 300. */
  accessTokenTTL?: number;
  /**
   * Which resources (RFC 8707) get opaque access tokens, checked by introspection, rather
   * than JWTs. Default: those whose host starts with `opaque.`.
   */
  opaqueTokens?: (resource: string) => boolean;
}

/** A real OAuth 2.1 / OpenID Connect server (panva's oidc-provider) on 127.0.0.1. */
export interface TestAuthorizationServer {
  /** Its issuer URL (`http://127.0.0.1:<port>`). */
  issuer: string;
  /**
   * A pre-registered confidential client: client credentials with a secret (basic or post),
   * also allowed to introspect tokens (a resource server's credentials).
   */
  secretClient: { id: string; secret: string };
  /** A pre-registered client-credentials client authenticating with private_key_jwt (ES256). */
  jwtClient: { id: string; privateJwk: string };
  /** Its ES256 signing key (as in its JWKS), to mint tokens it never would (expired, foreign). */
  privateKey: CryptoKey;
  /** The `kid` of that key. */
  kid: string;
  /** The HTTP server (stop it to make the JWKS unreachable). */
  server: Server;
  /** The account the next login completes as. Default `user-1`. */
  account: string;
  /** How many logins it completed (authorization interactions auto-approved). */
  logins(): number;
  /** How many refresh_token grants it answered. */
  refreshes(): number;
  /** A client-credentials token for `resource` with `scope` (as {@link secretClient}). */
  token(resource: string, scope: string): Promise<string>;
  /**
   * Revokes an opaque access token as the user would at the identity provider: the token,
   * and with it its grant (every access and refresh token of that login).
   */
  revoke(accessToken: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts oidc-provider with dynamic registration, PKCE, resource indicators (RFC 8707: the
 * token's `aud` is the resource), refresh tokens, client credentials, introspection and
 * revocation. Logins and consent are approved at once (test only): an interaction finishes
 * as {@link TestAuthorizationServer.account}, and the grant holds what was asked for.
 */
export async function startAuthorizationServer(
  options: AuthorizationServerOptions = {},
): Promise<TestAuthorizationServer> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  let provider: Provider | undefined;
  let logins = 0;
  let refreshes = 0;
  const server = createServer((req, res) => {
    if (provider === undefined || handler === undefined) {
      res.writeHead(503).end();
      return;
    }
    if (req.url?.startsWith('/interaction/')) {
      approve(provider, req, res).catch(() => res.writeHead(500).end());
      return;
    }
    handler(req, res);
  });
  // The test's user approves everything: a login, then consent to what was asked.
  const approve = async (current: Provider, req: IncomingMessage, res: ServerResponse) => {
    const details = await current.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      logins += 1;
      await current.interactionFinished(
        req,
        res,
        { login: { accountId: result.account } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new current.Grant({
      clientId: String(details.params.client_id),
      accountId: String(details.session?.accountId),
    });
    const asked = String(details.params.scope ?? AS_SCOPES);
    // oidc-provider counts the scopes it knows among the OIDC ones too, so both get them.
    grant.addOIDCScope(`openid offline_access ${asked}`);
    const resource = details.params.resource;
    if (typeof resource === 'string') grant.addResourceScope(resource, asked);
    await current.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const kid = 'as-es256';
  const signing = await generateKeyPair('ES256', { extractable: true });
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const clientKey = await generateKeyPair('ES256', { extractable: true });
  const clientPublic: JWK = { ...(await exportJWK(clientKey.publicKey)), alg: 'ES256' };
  const clientPrivate: JWK = { ...(await exportJWK(clientKey.privateKey)), alg: 'ES256' };
  const secretClient = { id: 'machine-secret', secret: 'machine-secret-0123456789abcdef' };
  const jwtClient = { id: 'machine-jwt', privateJwk: JSON.stringify(clientPrivate) };
  const ttl = options.accessTokenTTL ?? 300;
  const opaque = options.opaqueTokens ?? ((r: string) => new URL(r).hostname.startsWith('opaque.'));

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: secretClient.id,
        client_secret: secretClient.secret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        scope: AS_SCOPES,
      },
      {
        client_id: jwtClient.id,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'ES256',
        jwks: { keys: [clientPublic] },
        scope: AS_SCOPES,
      },
    ],
    jwks: {
      keys: [
        { ...(await exportJWK(signing.privateKey)), kid, alg: 'ES256', use: 'sig' },
        // ID tokens default to RS256 (client metadata), so the server needs such a key too.
        { ...(await exportJWK(rsa.privateKey)), kid: 'as-rs256', alg: 'RS256', use: 'sig' },
      ],
    },
    scopes: ['openid', 'offline_access', ...AS_SCOPES.split(' ')],
    ttl: { AccessToken: ttl, ClientCredentials: ttl },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) =>
          opaque(resource)
            ? {
                scope: AS_SCOPES,
                audience: resource,
                accessTokenTTL: ttl,
                accessTokenFormat: 'opaque',
              }
            : {
                scope: AS_SCOPES,
                audience: resource,
                accessTokenTTL: ttl,
                accessTokenFormat: 'jwt',
                jwt: { sign: { alg: 'ES256' } },
              },
      },
    },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
  });
  // Its warnings about development defaults are not what these tests are about.
  provider.on('server_error', () => {});
  provider.on('grant.success', (ctx: { oidc?: { params?: { grant_type?: unknown } } }) => {
    if (ctx.oidc?.params?.grant_type === 'refresh_token') refreshes += 1;
  });
  handler = provider.callback();
  const current = provider;

  const result: TestAuthorizationServer = {
    issuer,
    secretClient,
    jwtClient,
    privateKey: signing.privateKey,
    kid,
    server,
    account: 'user-1',
    logins: () => logins,
    refreshes: () => refreshes,
    async token(resource, scope) {
      const basic = Buffer.from(`${secretClient.id}:${secretClient.secret}`).toString('base64');
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope }),
      });
      const body = (await res.json()) as { access_token?: string };
      if (res.status !== 200 || body.access_token === undefined) {
        throw new Error(`token endpoint: ${res.status} ${JSON.stringify(body)}`);
      }
      return body.access_token;
    },
    async revoke(accessToken) {
      const token =
        (await current.AccessToken.find(accessToken)) ??
        (await current.ClientCredentials.find(accessToken));
      if (token === undefined)
        throw new Error('revoke: no such opaque token (JWTs are not stored)');
      await token.destroy();
      if (token.grantId !== undefined) {
        await current.AccessToken.revokeByGrantId(token.grantId);
        await current.RefreshToken.revokeByGrantId(token.grantId);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return result;
}
