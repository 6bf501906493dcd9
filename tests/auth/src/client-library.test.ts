import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '@mcp-sse/test-authorization-server';
import {
  connectOver,
  HTTP_SSE,
  STATELESS_HTTP,
  STREAMABLE_HTTP,
  type TransportCase,
} from '@mcp-sse/test-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { postWithToken } from './post-with-token.js';
import {
  ADMIN_SCOPE,
  BASE_SCOPE,
  type ProtectedDeployment,
  startPair,
  startSingle,
} from './protected-deployment.js';
import { textOf, untilStale, userAtBrowser } from './user-agent.js';

// 33 s: the client renews 30 s before expiry, so a token goes stale 3 s after it is issued.
const TTL = 33;
const TRANSPORTS = [HTTP_SSE, STREAMABLE_HTTP, STATELESS_HTTP];

describe.each([
  ['one instance', startSingle],
  ['two instances on Redis', startPair],
] as const)('our client against our server (%s)', (_name, start) => {
  let as: TestAuthorizationServer;
  let deployment: ProtectedDeployment;

  beforeAll(async () => {
    as = await startAuthorizationServer({ accessTokenTTL: TTL });
    deployment = await start(as);
  });
  afterAll(async () => {
    await deployment?.close();
    await as?.close();
  });

  describe.concurrent.each(TRANSPORTS.map((t) => [t.name, t] as [string, TransportCase]))(
    '%s',
    (_transport, over) => {
      it('login with PKCE, step-up, a refresh mid-session; the session stays bound to its user', async ({
        expect,
      }) => {
        const user = userAtBrowser();
        let sessionId: string | undefined;
        const client = await connectOver(over, deployment.origin, {
          auth: user.auth,
          reconnect: false,
          fetch: (input, init) => {
            sessionId = new Headers(init?.headers).get('mcp-session-id') ?? sessionId;
            return fetch(input, init);
          },
        });
        try {
          expect(textOf(await client.callTool('echo', { message: 'hello' }))).toBe('hello');
          expect(user.opened).toHaveLength(1);
          const first = user.opened[0]!.searchParams;
          expect(first.get('code_challenge_method')).toBe('S256');
          expect(first.get('resource')).toBe(`${deployment.origin}${over.path}`);
          expect(first.get('scope')).toBe(BASE_SCOPE);
          const endpoint = client.endpoint;

          // `add` needs mcp:admin: 403 insufficient_scope, a new login asks for both scopes.
          expect(textOf(await client.callTool('add', { a: 2, b: 3 }))).toBe('5');
          expect(user.opened.map((url) => url.searchParams.get('scope'))).toEqual([
            BASE_SCOPE,
            `${BASE_SCOPE} ${ADMIN_SCOPE}`,
          ]);

          // The token goes stale mid-session: the client refreshes it, no login, same session.
          const before = user.storage.last!;
          expect(before.refresh_token).toBeDefined();
          await untilStale(before);
          expect(textOf(await client.callTool('add', { a: 1, b: 1 }))).toBe('2');
          expect(user.storage.last!.access_token).not.toBe(before.access_token);
          expect(user.opened).toHaveLength(2);
          expect(client.endpoint).toBe(endpoint);

          // Someone else's valid token on this session is refused, on every instance.
          const resource = first.get('resource')!;
          const stranger = await as.token(resource, BASE_SCOPE);
          if (over === HTTP_SSE) {
            const path = new URL(endpoint!).pathname + new URL(endpoint!).search;
            for (const server of deployment.servers) {
              expect((await postWithToken(`${server.origin}${path}`, stranger)).status).toBe(403);
            }
          } else if (over === STREAMABLE_HTTP) {
            expect(sessionId).toBeDefined();
            for (const server of deployment.servers) {
              const refused = await postWithToken(`${server.origin}/mcp`, stranger, {
                'mcp-session-id': sessionId!,
                'mcp-protocol-version': over.protocolVersion!,
              });
              expect(refused.status).toBe(403);
            }
          }
          expect(textOf(await client.callTool('echo', { message: 'still me' }))).toBe('still me');
        } finally {
          await client.close();
        }
      });

      it('client credentials (a machine client), and a token for another resource refused', async ({
        expect,
      }) => {
        const user = userAtBrowser({
          grant: 'client_credentials',
          clientId: as.secretClient.id,
          clientSecret: as.secretClient.secret,
        });
        const client = await connectOver(over, deployment.origin, {
          auth: user.auth,
          reconnect: false,
        });
        try {
          expect(textOf(await client.callTool('echo', { message: 'machine' }))).toBe('machine');
          expect(user.opened).toHaveLength(0);
        } finally {
          await client.close();
        }
        const elsewhere = await as.token('http://127.0.0.1:1/mcp', BASE_SCOPE);
        for (const server of deployment.servers) {
          const refused = await postWithToken(`${server.origin}${over.path}`, elsewhere);
          expect(refused.status).toBe(401);
          expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
        }
      });
    },
  );
});
