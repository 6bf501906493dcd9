import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { startAuthorizationServer } from '../../test/authorization-server.js';
import { onCleanup } from '../../test/helpers.js';
import { buildApp } from '../app.js';
import { echoTool } from '../examples/echo.js';

/**
 * The app behind a listener opened first, so that its audience can be its own URL, as the
 * SDK client checks the metadata's `resource` against the URL it was given.
 */
async function startAt(make: (base: string) => Parameters<typeof buildApp>[0]) {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  const app = await buildApp({ rateLimit: 0, ...make(base) });
  await app.ready();
  listener.on('request', (req, res) => app.server.emit('request', req, res));
  onCleanup(async () => {
    listener.closeAllConnections();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    await app.close();
  });
  return base;
}

describe('the official SDK client (1.32) OAuth against our server', { timeout: 60_000 }, () => {
  it('discovers the authorization server, gets a client-credentials token and calls a tool', async () => {
    const as = await startAuthorizationServer();
    const base = await startAt((url) => ({
      tools: [echoTool],
      oauth: { issuer: as.issuer, audience: `${url}/mcp`, scopes: ['mcp:tools'] },
    }));
    const authProvider = new ClientCredentialsProvider({
      clientId: as.secretClient.id,
      clientSecret: as.secretClient.secret,
      expectedIssuer: as.issuer,
      scope: 'mcp:tools',
    });
    const client = new Client({ name: 'sdk-oauth-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { authProvider }),
    );
    onCleanup(() => client.close());
    expect(authProvider.tokens()?.access_token).toBeTypeOf('string');
    const result = await client.callTool({ name: 'echo', arguments: { message: 'authorised' } });
    expect(result.content).toEqual([{ type: 'text', text: 'authorised' }]);
  });
});
