import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  browse,
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../../test-support/authorization-server.js';
import {
  startProtectedResource,
  type TestProtectedResource,
} from '../../test-support/protected-resource.js';
import { connect } from '../connect.js';
import { McpAuthError } from './auth-error.js';
import { MemoryAuthStorage } from './auth-storage.js';
import { OAuthProvider } from './oauth-provider.js';
import { type StoredTokens, serverKey, tokensKey } from './token-set.js';

let as: TestAuthorizationServer;
let rs: TestProtectedResource;

beforeEach(async () => {
  as = await startAuthorizationServer();
  rs = await startProtectedResource(as.issuer);
});
afterEach(async () => {
  await rs.close();
  await as.close();
});

const text = (result: { content: unknown[] }) => (result.content[0] as { text: string }).text;

describe('authorization code + PKCE with a loopback redirect (oidc-provider)', () => {
  it('a 401 runs discovery, dynamic registration and login, then the request is retried', async () => {
    const opened: URL[] = [];
    const auth = new OAuthProvider({
      openAuthorizationUrl: async (url) => {
        opened.push(url);
        await browse(url);
      },
    });
    const client = await connect(rs.url, { auth, transport: 'streamable-http' });
    try {
      expect(text(await client.callTool('whoami', {}))).toBe('scopes: mcp:tools');
    } finally {
      await client.close();
    }
    expect(opened).toHaveLength(1);
    const params = (opened[0] as URL).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('resource')).toBe(rs.url);
    expect(params.get('scope')).toBe('mcp:tools');
    expect(params.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(rs.seen[0]).toBeUndefined();
    expect(rs.seen.at(-1)).toMatch(/^Bearer /);
    expect(as.logins()).toBe(1);
  });

  it('negotiation (the 2026-07-28 probe first) also gets the token', async () => {
    const auth = new OAuthProvider({
      openAuthorizationUrl: async (url) => void (await browse(url)),
    });
    const client = await connect(rs.url, { auth });
    try {
      expect((await client.listTools()).map((t) => t.name).sort()).toEqual(['admin', 'whoami']);
    } finally {
      await client.close();
    }
  });

  it('refreshes an expired token without a new login', async () => {
    const storage = new MemoryAuthStorage();
    const auth = new OAuthProvider({
      storage,
      openAuthorizationUrl: async (url) => void (await browse(url)),
    });
    await auth.login(rs.url);
    const { issuer, resource } = (await storage.get(serverKey(rs.url))) as {
      issuer: string;
      resource: string;
    };
    const key = tokensKey(issuer, resource);
    const before = (await storage.get(key)) as StoredTokens;
    expect(before.refresh_token).toBeDefined();
    await storage.set(key, { ...before, expires_at: 0 });
    const client = await connect(rs.url, { auth, transport: 'streamable-http' });
    try {
      await client.callTool('whoami', {});
    } finally {
      await client.close();
    }
    const after = (await storage.get(key)) as StoredTokens;
    expect(after.access_token).not.toBe(before.access_token);
    expect(as.logins()).toBe(1);
  });

  it('login again for the same scope refreshes; for a wider one it authorizes again', async () => {
    const storage = new MemoryAuthStorage();
    const provider = (scope: string) =>
      new OAuthProvider({
        storage,
        scope,
        openAuthorizationUrl: async (url) => void (await browse(url)),
      });
    await provider('mcp:tools').login(rs.url);
    await provider('mcp:tools').login(rs.url);
    expect(as.logins()).toBe(1);
    await provider('mcp:tools mcp:admin').login(rs.url);
    expect(as.logins()).toBe(2);
    const { issuer, resource } = (await storage.get(serverKey(rs.url))) as {
      issuer: string;
      resource: string;
    };
    const stored = (await storage.get(tokensKey(issuer, resource))) as StoredTokens;
    expect(stored.scope?.split(' ')).toContain('mcp:admin');
  });

  it('steps up after 403 insufficient_scope and keeps the scope it had', async () => {
    const opened: URL[] = [];
    const auth = new OAuthProvider({
      openAuthorizationUrl: async (url) => {
        opened.push(url);
        await browse(url);
      },
    });
    const client = await connect(rs.url, { auth, transport: 'streamable-http' });
    try {
      expect(text(await client.callTool('admin', {}))).toBe('admin done');
    } finally {
      await client.close();
    }
    expect(opened.map((u) => u.searchParams.get('scope'))).toEqual([
      'mcp:tools',
      'mcp:tools mcp:admin',
    ]);
  });

  it('without a way to open the browser, says interaction is required', async () => {
    const auth = new OAuthProvider();
    await expect(auth.login(rs.url)).rejects.toSatisfy(
      (error) => McpAuthError.isInstance(error) && error.code === 'interaction_required',
    );
  });
});

describe('client credentials (machine clients)', () => {
  it('client_secret_basic', async () => {
    const auth = new OAuthProvider({
      grant: 'client_credentials',
      clientId: as.secretClient.id,
      clientSecret: as.secretClient.secret,
    });
    const client = await connect(rs.url, { auth, transport: 'streamable-http' });
    try {
      expect(text(await client.callTool('whoami', {}))).toBe('scopes: mcp:tools');
    } finally {
      await client.close();
    }
  });

  it('client_secret_post', async () => {
    const auth = new OAuthProvider({
      grant: 'client_credentials',
      clientId: as.secretClient.id,
      clientSecret: as.secretClient.secret,
      tokenEndpointAuthMethod: 'client_secret_post',
    });
    await auth.login(rs.url);
    expect(await auth.token(new URL(rs.url))).toMatch(/^ey/);
  });

  it('private_key_jwt', async () => {
    const auth = new OAuthProvider({
      grant: 'client_credentials',
      clientId: as.jwtClient.id,
      privateKey: as.jwtClient.privateJwk,
      signingAlg: 'ES256',
    });
    const client = await connect(rs.url, { auth, transport: 'streamable-http' });
    try {
      expect(text(await client.callTool('whoami', {}))).toBe('scopes: mcp:tools');
    } finally {
      await client.close();
    }
  });

  it('a wrong secret is a token_failed error, and the 401 is reported', async () => {
    const auth = new OAuthProvider({
      grant: 'client_credentials',
      clientId: as.secretClient.id,
      clientSecret: 'wrong',
    });
    await expect(auth.login(rs.url)).rejects.toSatisfy(
      (error) => McpAuthError.isInstance(error) && error.code === 'token_failed',
    );
    await expect(connect(rs.url, { auth, transport: 'streamable-http' })).rejects.toMatchObject({
      code: 'auth_failed',
    });
  });
});
