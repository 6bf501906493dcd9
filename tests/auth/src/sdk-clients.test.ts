import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  browse,
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '@mcp-sse/test-authorization-server';
import {
  ClientCredentialsProvider as ClientCredentialsV2,
  Client as ClientV2,
  StreamableHTTPClientTransport as TransportV2,
} from '@modelcontextprotocol/client';
import {
  type OAuthClientProvider,
  UnauthorizedError,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationFull,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_SCOPE, type ProtectedDeployment, startSingle } from './protected-deployment.js';
import { textOf } from './user-agent.js';

/** A one-shot loopback redirect target: resolves with the query the browser came back with. */
async function startCallback() {
  let deliver: (query: URLSearchParams) => void = () => {};
  const query = new Promise<URLSearchParams>((resolve) => {
    deliver = resolve;
  });
  const server = createServer((req, res) => {
    deliver(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('You may close this window.');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return { url, query, close: () => server.close() };
}

/** The SDK 1.32 client's OAuth provider interface, kept in memory, for a person at a browser. */
class InMemoryProvider implements OAuthClientProvider {
  authorizationUrl: URL | undefined;
  #client: OAuthClientInformationFull | undefined;
  #tokens: OAuthTokens | undefined;
  #verifier = '';

  constructor(readonly redirectUrl: string) {}

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'sdk-1.32-e2e',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      application_type: 'native',
    } as OAuthClientMetadata;
  }
  clientInformation() {
    return this.#client;
  }
  saveClientInformation(client: OAuthClientInformationFull) {
    this.#client = client;
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.#tokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    return this.#verifier;
  }
}

describe('the official SDK clients’ own OAuth code against our server', () => {
  let as: TestAuthorizationServer;
  let server: ProtectedDeployment;

  beforeAll(async () => {
    as = await startAuthorizationServer();
    server = await startSingle(as);
  });
  afterAll(async () => {
    await server?.close();
    await as?.close();
  });

  it.concurrent('SDK 1.32: discovery, registration, authorization code with PKCE, then a call', async () => {
    const url = new URL(`${server.origin}/mcp`);
    const callback = await startCallback();
    try {
      const provider = new InMemoryProvider(callback.url);
      const first = new StreamableHTTPClientTransport(url, { authProvider: provider });
      await expect(
        new Client({ name: 'sdk-e2e', version: '1.0.0' }).connect(first),
      ).rejects.toBeInstanceOf(UnauthorizedError);
      const authorization = provider.authorizationUrl!;
      expect(authorization.searchParams.get('resource')).toBe(url.href);
      expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
      await browse(authorization);
      const code = (await callback.query).get('code');
      expect(code).toBeTruthy();
      await first.finishAuth(code!);

      const client = new Client({ name: 'sdk-e2e', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
      try {
        const result = await client.callTool({ name: 'echo', arguments: { message: 'sdk' } });
        expect(textOf(result as { content: unknown[] })).toBe('sdk');
      } finally {
        await client.close();
      }
    } finally {
      callback.close();
    }
  });

  it.concurrent('SDK v2: client credentials (its ClientCredentialsProvider), then a call', async () => {
    const authProvider = new ClientCredentialsV2({
      clientId: as.secretClient.id,
      clientSecret: as.secretClient.secret,
      expectedIssuer: as.issuer,
      scope: BASE_SCOPE,
    });
    const client = new ClientV2({ name: 'sdk-v2-e2e', version: '1.0.0' });
    await client.connect(new TransportV2(new URL(`${server.origin}/mcp`), { authProvider }));
    try {
      const result = await client.callTool({ name: 'echo', arguments: { message: 'v2' } });
      expect(textOf(result as { content: unknown[] })).toBe('v2');
    } finally {
      await client.close();
    }
  });
});
