import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

/** A real OAuth 2.1 / OpenID Connect server (panva's oidc-provider) on 127.0.0.1. */
export interface TestAuthorizationServer {
  /** Its issuer URL. */
  issuer: string;
  /** A pre-registered client-credentials client authenticating with a secret. */
  secretClient: { id: string; secret: string };
  /** A pre-registered client-credentials client authenticating with private_key_jwt (ES256). */
  jwtClient: { id: string; privateJwk: string };
  /** How many authorization interactions it auto-approved (logins). */
  logins(): number;
  close(): Promise<void>;
}

/** Every scope it grants. */
export const AS_SCOPES = 'mcp:tools mcp:admin';

/**
 * Starts oidc-provider with dynamic registration, PKCE, resource indicators (RFC 8707, JWT
 * access tokens whose `aud` is the resource), refresh tokens and client credentials. Logins
 * and consent are approved automatically (test only): an interaction finishes at once as
 * `user-1`, and the grant holds what was asked for.
 */
export async function startAuthorizationServer(
  options: { accessTokenTTL?: number } = {},
): Promise<TestAuthorizationServer> {
  let handler: ((req: never, res: never) => void) | undefined;
  let provider: Provider | undefined;
  let logins = 0;
  const server = createServer((req, res) => {
    if (provider === undefined || handler === undefined) {
      res.writeHead(503).end();
      return;
    }
    if (req.url?.startsWith('/interaction/')) {
      approve(provider, req, res).catch(() => res.writeHead(500).end());
      return;
    }
    handler(req as never, res as never);
  });
  // The test's user approves everything: a login as user-1, then consent to what was asked.
  const approve = async (current: Provider, req: IncomingMessage, res: ServerResponse) => {
    const details = await current.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      logins += 1;
      await current.interactionFinished(
        req,
        res,
        { login: { accountId: 'user-1' } },
        {
          mergeWithLastSubmission: false,
        },
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
    if (typeof resource === 'string') {
      grant.addResourceScope(resource, asked);
    }
    await current.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      {
        mergeWithLastSubmission: true,
      },
    );
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signing = await generateKeyPair('ES256', { extractable: true });
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const clientKey = await generateKeyPair('ES256', { extractable: true });
  const clientPublic: JWK = { ...(await exportJWK(clientKey.publicKey)), alg: 'ES256' };
  const clientPrivate: JWK = { ...(await exportJWK(clientKey.privateKey)), alg: 'ES256' };
  const secretClient = { id: 'machine-secret', secret: 'machine-secret-0123456789abcdef' };
  const jwtClient = { id: 'machine-jwt', privateJwk: JSON.stringify(clientPrivate) };
  const ttl = options.accessTokenTTL ?? 300;

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
        { ...(await exportJWK(signing.privateKey)), kid: 'as-es256', alg: 'ES256', use: 'sig' },
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
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: AS_SCOPES,
          audience: resource,
          accessTokenTTL: ttl,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
  });
  provider.on('server_error', () => {});
  handler = provider.callback() as never;

  return {
    issuer,
    secretClient,
    jwtClient,
    logins: () => logins,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A test "browser": follows the authorization server's redirects (keeping its cookies) until
 * a page without a redirect — the loopback callback. At most 10 hops.
 */
export async function browse(start: URL): Promise<Response> {
  const cookies = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = (pair as string).indexOf('=');
      cookies.set((pair as string).slice(0, eq).trim(), (pair as string).slice(eq + 1).trim());
    }
    const location = response.headers.get('location');
    if (location === null) return response;
    await response.body?.cancel();
    url = new URL(location, url);
  }
  throw new Error(`more than 10 redirects from ${start.href}`);
}
