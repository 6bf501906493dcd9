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
import { type ProtectedDeployment, startPair, startSingle } from './protected-deployment.js';
import { textOf, userAtBrowser } from './user-agent.js';

const TRANSPORTS = [HTTP_SSE, STREAMABLE_HTTP, STATELESS_HTTP];

describe.each([
  ['one instance', startSingle],
  ['two instances on Redis', startPair],
] as const)('revocation, introspection mode (%s)', (_name, start) => {
  let as: TestAuthorizationServer;
  let deployment: ProtectedDeployment;

  beforeAll(async () => {
    // Opaque tokens only: the server must ask the authorization server (RFC 7662) each time.
    as = await startAuthorizationServer({ opaqueTokens: () => true });
    deployment = await start(as, [
      '--oauth-client-id',
      as.secretClient.id,
      '--oauth-client-secret',
      as.secretClient.secret,
    ]);
  });
  afterAll(async () => {
    await deployment?.close();
    await as?.close();
  });

  describe.concurrent.each(TRANSPORTS.map((t) => [t.name, t] as [string, TransportCase]))(
    '%s',
    (_transport, over) => {
      it('a revoked token is refused on the next request; the client logs in again and goes on', async ({
        expect,
      }) => {
        const user = userAtBrowser();
        const client = await connectOver(over, deployment.origin, {
          auth: user.auth,
          reconnect: false,
        });
        try {
          expect(textOf(await client.callTool('echo', { message: 'before' }))).toBe('before');
          const endpoint = client.endpoint;
          const token = user.storage.last!.access_token;
          expect(token.split('.')).toHaveLength(1);

          // The user revokes the grant at the identity provider: access and refresh tokens.
          await as.revoke(token);
          for (const server of deployment.servers) {
            const refused = await postWithToken(`${server.origin}${over.path}`, token);
            expect(refused.status).toBe(401);
            expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
          }

          // The client's next call gets the 401, cannot refresh, and logs in again.
          expect(textOf(await client.callTool('echo', { message: 'after' }))).toBe('after');
          expect(user.opened).toHaveLength(2);
          expect(user.storage.last!.access_token).not.toBe(token);
          expect(client.endpoint).toBe(endpoint);
        } finally {
          await client.close();
        }
      });
    },
  );
});
