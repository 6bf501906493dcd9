import { describe, expect, it } from 'vitest';
import { McpAuthError } from './auth-error.js';
import { MemoryAuthStorage } from './auth-storage.js';
import { requirePkce } from './authorization-server.js';
import { discoverProtectedResource, protectedResourceMetadataUrls } from './protected-resource.js';
import { resolveClient } from './registration.js';
import { selectScope } from './scope.js';

/** A fetch answering from a table of URL -> JSON body (404 for the rest), recording calls. */
function table(routes: Record<string, unknown>) {
  const calls: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    return url in routes
      ? new Response(JSON.stringify(routes[url]), {
          headers: { 'content-type': 'application/json' },
        })
      : new Response('', { status: 404 });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const server = new URL('http://127.0.0.1:9/tenant/mcp');

describe('protected resource discovery (RFC 9728)', () => {
  it('tries the path-aware URL, then the root', async () => {
    expect(protectedResourceMetadataUrls(server).map(String)).toEqual([
      'http://127.0.0.1:9/.well-known/oauth-protected-resource/tenant/mcp',
      'http://127.0.0.1:9/.well-known/oauth-protected-resource',
    ]);
    const { calls, fetchImpl } = table({
      'http://127.0.0.1:9/.well-known/oauth-protected-resource': {
        resource: 'http://127.0.0.1:9/',
        authorization_servers: ['https://as.example'],
        scopes_supported: ['a'],
      },
    });
    const prm = await discoverProtectedResource(server, undefined, fetchImpl);
    expect(calls).toHaveLength(2);
    expect(prm).toEqual({
      resource: 'http://127.0.0.1:9/',
      authorizationServers: ['https://as.example'],
      scopesSupported: ['a'],
    });
  });

  it('uses the challenge URL first and refuses metadata for another resource', async () => {
    const { calls, fetchImpl } = table({
      'http://127.0.0.1:9/custom': {
        resource: 'http://127.0.0.1:9/other',
        authorization_servers: ['https://as.example'],
      },
    });
    await expect(
      discoverProtectedResource(
        server,
        { resourceMetadata: 'http://127.0.0.1:9/custom' },
        fetchImpl,
      ),
    ).rejects.toThrow(/not for http:\/\/127\.0\.0\.1:9\/tenant\/mcp/);
    expect(calls).toEqual(['http://127.0.0.1:9/custom']);
  });

  it('says what it tried when nothing is there', async () => {
    const { fetchImpl } = table({});
    await expect(discoverProtectedResource(server, undefined, fetchImpl)).rejects.toSatisfy(
      (error) => McpAuthError.isInstance(error) && error.code === 'discovery_failed',
    );
  });
});

describe('PKCE, scope and registration order', () => {
  it('refuses an authorization server without S256', () => {
    expect(() =>
      requirePkce({ issuer: 'https://as', code_challenge_methods_supported: ['plain'] }),
    ).toThrow(/does not advertise PKCE with S256/);
    expect(() => requirePkce({ issuer: 'https://as' })).toThrow(McpAuthError);
    requirePkce({ issuer: 'https://as', code_challenge_methods_supported: ['S256'] });
  });

  it('selects the scope: pinned, challenge, scopes_supported; step-up keeps the granted one', () => {
    expect(selectScope('p', 'c', ['s'])).toBe('p');
    expect(selectScope(undefined, 'c', ['s'])).toBe('c');
    expect(selectScope(undefined, undefined, ['s', 't'])).toBe('s t');
    expect(selectScope(undefined, undefined, undefined)).toBeUndefined();
    expect(selectScope(undefined, 'b c', undefined, 'a b')).toBe('a b c');
  });

  it('pre-registered first, then a Client ID Metadata Document, then an error naming the flags', async () => {
    const as = { issuer: 'https://as', client_id_metadata_document_supported: true };
    const storage = new MemoryAuthStorage();
    const reg = { redirectUris: [], grantTypes: ['authorization_code'] };
    const noFetch = (() => Promise.reject(new Error('no network'))) as typeof fetch;
    const given = await resolveClient(
      as,
      { clientId: 'c', clientMetadataUrl: 'https://m' },
      storage,
      reg,
      noFetch,
    );
    expect(given).toMatchObject({ client_id: 'c', source: 'pre-registered' });
    const cimd = await resolveClient(
      as,
      { clientMetadataUrl: 'https://m/c.json' },
      storage,
      reg,
      noFetch,
    );
    expect(cimd).toMatchObject({
      client_id: 'https://m/c.json',
      token_endpoint_auth_method: 'none',
    });
    await expect(
      resolveClient({ issuer: 'https://other' }, {}, storage, reg, noFetch),
    ).rejects.toThrow(/--client-id/);
  });
});
