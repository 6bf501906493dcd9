import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';
import { onCleanup } from './helpers.js';

/** A real OpenID Connect / OAuth 2.1 authorization server (panva's oidc-provider) on loopback. */
export interface TestAuthorizationServer {
  /** Its issuer URL (`http://127.0.0.1:<port>`). */
  issuer: string;
  /** Its signing key (ES256, as in its JWKS), for minting tokens it never would (expired, foreign issuer). */
  privateKey: CryptoKey;
  /** The `kid` of that key. */
  kid: string;
  /** A client-credentials token for `resource` with `scope`, from its token endpoint. */
  token(resource: string, scope: string): Promise<string>;
  /** The HTTP server, to stop it (JWKS unreachable). */
  server: Server;
}

/** The client the tests use, pre-registered at the authorization server. */
export const TEST_CLIENT = { id: 'mcp-test-client', secret: 'mcp-test-secret-0123456789abcdef' };

/** Every scope the server knows. */
export const TEST_SCOPES = 'mcp:tools mcp:admin';

/**
 * Starts oidc-provider with client credentials and resource indicators (RFC 8707): a token
 * asked for with `resource=<uri>` is a JWT (RFC 9068) whose `aud` is that URI. Closed after
 * the test.
 */
export async function startAuthorizationServer(): Promise<TestAuthorizationServer> {
  let handler: ((req: never, res: never) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler === undefined) {
      res.writeHead(503).end();
      return;
    }
    handler(req as never, res as never);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const kid = 'es256-test';
  const ec = await generateKeyPair('ES256', { extractable: true });
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const keys: JWK[] = [
    { ...(await exportJWK(ec.privateKey)), kid, alg: 'ES256', use: 'sig' },
    { ...(await exportJWK(rsa.privateKey)), kid: 'rs256-test', alg: 'RS256', use: 'sig' },
  ];
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        scope: TEST_SCOPES,
      },
    ],
    jwks: { keys },
    ttl: { ClientCredentials: 300 },
    scopes: TEST_SCOPES.split(' '),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        // A resource whose host starts with "opaque." gets opaque tokens (for introspection).
        getResourceServerInfo: (_ctx: unknown, resource: string) =>
          new URL(resource).hostname.startsWith('opaque.')
            ? {
                scope: TEST_SCOPES,
                audience: resource,
                accessTokenTTL: 300,
                accessTokenFormat: 'opaque',
              }
            : {
                scope: TEST_SCOPES,
                audience: resource,
                accessTokenTTL: 300,
                accessTokenFormat: 'jwt',
                jwt: { sign: { alg: 'ES256' } },
              },
      },
    },
  });
  // Its warnings about development defaults are not what these tests are about.
  provider.on('server_error', () => {});
  handler = provider.callback() as never;

  return {
    issuer,
    privateKey: ec.privateKey,
    kid,
    server,
    async token(resource, scope) {
      const basic = Buffer.from(`${TEST_CLIENT.id}:${TEST_CLIENT.secret}`).toString('base64');
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
  };
}
