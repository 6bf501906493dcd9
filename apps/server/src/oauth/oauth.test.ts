import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../../test/authorization-server.js';
import { openSession, postJson, rpc, start } from '../../test/helpers.js';
import { echoTool } from '../examples/echo.js';
import { initParams, mcpPost } from '../streamable/test-client.js';
import { defineTool } from '../tools/define-tool.js';
import type { OAuthOptions } from './oauth-options.js';

const AUDIENCE = 'https://mcp.example.test/mcp';
const SSE_RESOURCE = 'https://mcp.example.test/sse';
const KEY = 'k-alpha-0123456789';
const init = { jsonrpc: '2.0', id: 0, method: 'initialize', params: initParams() };
const adminTool = defineTool({
  name: 'admin_reset',
  description: 'Needs the mcp:admin scope.',
  input: z.object({}),
  handler: () => 'reset',
});

async function setup(
  given: Partial<OAuthOptions> | ((as: TestAuthorizationServer) => Partial<OAuthOptions>) = {},
  extra: Record<string, unknown> = {},
) {
  const as = await startAuthorizationServer();
  const oauth = typeof given === 'function' ? given(as) : given;
  const server = await start({
    tools: [echoTool, adminTool],
    apiKeys: [KEY],
    oauth: {
      issuer: as.issuer,
      audience: AUDIENCE,
      scopes: ['mcp:tools'],
      toolScopes: { admin_reset: ['mcp:admin'] },
      resourceName: 'Test MCP server',
      ...oauth,
    },
    ...extra,
  });
  return { as, ...server };
}

/** A token the authorization server never would issue, signed with its own key. */
function mint(
  as: TestAuthorizationServer,
  claims: Record<string, unknown>,
  exp: string | number = '5m',
) {
  return new SignJWT({
    scope: 'mcp:tools',
    client_id: as.secretClient.id,
    iss: as.issuer,
    aud: AUDIENCE,
    sub: 'someone',
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid: as.kid, typ: 'at+jwt' })
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(as.privateKey);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The status of a token on /mcp (initialize) and on /sse (GET, stream cancelled at once). */
async function statuses(base: string, headers: Record<string, string>) {
  const mcp = await mcpPost(`${base}/mcp`, init, headers);
  await mcp.body?.cancel();
  const abort = new AbortController();
  const sse = await fetch(`${base}/sse`, { headers, signal: abort.signal });
  const challenge = sse.headers.get('www-authenticate');
  abort.abort();
  return { mcp: mcp.status, sse: sse.status, challenge };
}

describe('OAuth resource server', () => {
  it('serves the Protected Resource Metadata at the root and path-aware well-known URLs', async () => {
    const { as, base } = await setup();
    // RFC 9728 section 3.3: a path-aware document names the resource its URL was made from,
    // so HTTP+SSE clients (given /sse) get /sse, a resource they accept.
    for (const [path, resource] of [
      ['', AUDIENCE],
      ['/mcp', AUDIENCE],
      ['/sse', SSE_RESOURCE],
      ['/messages', SSE_RESOURCE],
    ]) {
      const res = await fetch(`${base}/.well-known/oauth-protected-resource${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        resource,
        authorization_servers: [as.issuer],
        scopes_supported: ['mcp:tools', 'mcp:admin'],
        bearer_methods_supported: ['header'],
        resource_name: 'Test MCP server',
      });
    }
    expect((await fetch(`${base}/.well-known/oauth-protected-resource/other`)).status).toBe(404);
  });

  it('answers no token with 401 and a challenge naming the metadata and scope, on both transports', async () => {
    const { base } = await setup();
    const res = await mcpPost(`${base}/mcp`, init);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer resource_metadata="https://mcp.example.test/.well-known/oauth-protected-resource/mcp", scope="mcp:tools"',
    );
    expect((await res.json()).error.data.code).toBe('MCP_SSE_INVALID_TOKEN');
    const sse = await fetch(`${base}/sse`);
    expect(sse.status).toBe(401);
    expect(sse.headers.get('www-authenticate')).toContain(
      'resource_metadata="https://mcp.example.test/.well-known/oauth-protected-resource/sse"',
    );
    expect((await sse.json()).code).toBe('MCP_SSE_INVALID_TOKEN');
  });

  it('with the resource alone, accepts tokens for it and for its HTTP+SSE sibling', async () => {
    const { as, base } = await setup({ audience: undefined, resource: AUDIENCE });
    for (const resource of [AUDIENCE, SSE_RESOURCE]) {
      const token = await as.token(resource, 'mcp:tools');
      expect(await statuses(base, bearer(token))).toMatchObject({ mcp: 200, sse: 200 });
    }
    const other = await as.token('https://elsewhere.example.test/mcp', 'mcp:tools');
    expect(await statuses(base, bearer(other))).toMatchObject({ mcp: 401, sse: 401 });
  });

  it('accepts a token from the authorization server on /mcp and /sse, and calls a tool', async () => {
    const { as, base } = await setup();
    const token = await as.token(AUDIENCE, 'mcp:tools');
    const opened = await mcpPost(`${base}/mcp`, init, bearer(token));
    expect(opened.status).toBe(200);
    await opened.json();
    const sessionId = opened.headers.get('mcp-session-id')!;
    const headers = { ...bearer(token), 'mcp-session-id': sessionId };
    await mcpPost(`${base}/mcp`, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
    const call = await mcpPost(
      `${base}/mcp`,
      rpc(1, 'tools/call', { name: 'echo', arguments: { message: 'hi' } }),
      headers,
    );
    expect(call.status).toBe(200);
    expect(await call.text()).toContain('hi');

    const { stream, postUrl } = await openSession(base, '/sse', bearer(token));
    expect((await postJson(postUrl, rpc(1, 'ping'), bearer(token))).status).toBe(202);
    expect(await stream.reply(1)).toMatchObject({ result: {} });
  });

  it('refuses a token for another audience with 401', async () => {
    const { as, base } = await setup();
    const token = await as.token('https://other.example.test/mcp', 'mcp:tools');
    expect(await statuses(base, bearer(token))).toMatchObject({ mcp: 401, sse: 401 });
  });

  it('refuses expired, foreign-issuer, alg none, HS256 and tampered tokens with 401', async () => {
    const { as, base } = await setup({}, { authFailureLimit: 0 });
    const good = await as.token(AUDIENCE, 'mcp:tools');
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const hs256 = await new SignJWT({ scope: 'mcp:tools' })
      .setProtectedHeader({ alg: 'HS256', kid: as.kid })
      .setIssuer(as.issuer)
      .setAudience(AUDIENCE)
      .setSubject('someone')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-secret-that-is-long-enough-for-hs256!!'));
    const bad: Record<string, string> = {
      expired: await mint(as, {}, (Math.floor(Date.now() / 1000) - 3600) as unknown as string),
      foreignIssuer: await mint(as, { iss: 'https://evil.example.test' }),
      algNone: `${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`,
      hs256,
      tamperedPayload: `${header}.${b64({ ...claims, scope: 'mcp:tools mcp:admin' })}.${signature}`,
      tamperedSignature: `${header}.${payload}.${signature.slice(0, -4)}${signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`,
      noExpiry: await new SignJWT({ scope: 'mcp:tools' })
        .setProtectedHeader({ alg: 'ES256', kid: as.kid })
        .setIssuer(as.issuer)
        .setAudience(AUDIENCE)
        .setSubject('someone')
        .sign(as.privateKey),
      garbage: 'not-a-token',
    };
    for (const [name, token] of Object.entries(bad)) {
      const result = await statuses(base, bearer(token));
      expect({ name, ...result }).toMatchObject({ name, mcp: 401, sse: 401 });
      expect(result.challenge).toContain('resource_metadata=');
      expect(result.challenge).toContain('error="invalid_token"');
    }
    expect((await statuses(base, bearer(good))).mcp).toBe(200);
  });

  it('answers a malformed Authorization header with 400 invalid_request', async () => {
    const { base } = await setup();
    for (const authorization of ['Bearer', 'Bearer a b', 'Bearer  a"b', 'Bearer\ttok%en']) {
      const res = await fetch(`${base}/sse`, { headers: { authorization } });
      expect(res.status).toBe(400);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_request"');
      expect((await res.json()).code).toBe('MCP_SSE_INVALID_AUTHORIZATION');
    }
  });

  it('answers a token without the required scope with 403 insufficient_scope', async () => {
    const { as, base } = await setup();
    const token = await as.token(AUDIENCE, 'mcp:admin');
    const res = await mcpPost(`${base}/mcp`, init, bearer(token));
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(res.headers.get('www-authenticate')).toContain('scope="mcp:tools"');
    expect((await res.json()).error.data.code).toBe('MCP_SSE_INSUFFICIENT_SCOPE');
  });

  it('asks for step-up (403 with the scope) when a tool needs more, on /mcp and /messages', async () => {
    const { as, base } = await setup();
    const token = await as.token(AUDIENCE, 'mcp:tools');
    const opened = await mcpPost(`${base}/mcp`, init, bearer(token));
    await opened.json();
    const headers = { ...bearer(token), 'mcp-session-id': opened.headers.get('mcp-session-id')! };
    const call = rpc(1, 'tools/call', { name: 'admin_reset', arguments: {} });
    const refused = await mcpPost(`${base}/mcp`, call, headers);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toBe(
      'Bearer resource_metadata="https://mcp.example.test/.well-known/oauth-protected-resource/mcp", scope="mcp:tools mcp:admin", error="insufficient_scope", error_description="missing scope mcp:admin"',
    );
    await refused.body?.cancel();

    const { postUrl } = await openSession(base, '/sse', bearer(token));
    const legacy = await postJson(postUrl, call, bearer(token));
    expect(legacy.status).toBe(403);
    expect((await legacy.json()).code).toBe('MCP_SSE_INSUFFICIENT_SCOPE');

    // Step-up: a token with both scopes is let through, and API keys are not scope-checked.
    const wider = await as.token(AUDIENCE, 'mcp:tools mcp:admin');
    const { stream, postUrl: url2 } = await openSession(base, '/sse', bearer(wider));
    expect((await postJson(url2, call, bearer(wider))).status).toBe(202);
    expect(await stream.reply(1)).toMatchObject({ result: { content: [{ text: 'reset' }] } });
  });

  it('checks per-method scopes (methodScopes): a resources or list method can need its own', async () => {
    const { as, base } = await setup({ methodScopes: { 'tools/list': ['mcp:admin'] } });
    const token = await as.token(AUDIENCE, 'mcp:tools');
    const { postUrl } = await openSession(base, '/sse', bearer(token));
    const single = await postJson(postUrl, rpc(1, 'tools/list'), bearer(token));
    expect(single.status).toBe(403);
    expect(single.headers.get('www-authenticate')).toContain('scope="mcp:tools mcp:admin"');
    expect((await postJson(postUrl, rpc(2, 'ping'), bearer(token))).status).toBe(202);
  });

  it('binds a session to the token subject: another subject gets 403', async () => {
    const { as, base } = await setup();
    const owner = await mint(as, { sub: 'ada' });
    const other = await mint(as, { sub: 'bob' });
    const { postUrl } = await openSession(base, '/sse', bearer(owner));
    const res = await postJson(postUrl, rpc(1, 'ping'), bearer(other));
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('MCP_SSE_SESSION_FORBIDDEN');
    expect((await postJson(postUrl, rpc(2, 'ping'), bearer(owner))).status).toBe(202);
  });

  it('keeps API keys working beside OAuth', async () => {
    const { base } = await setup();
    expect(await statuses(base, { 'x-api-key': KEY })).toMatchObject({ mcp: 200, sse: 200 });
    expect(await statuses(base, bearer(KEY))).toMatchObject({ mcp: 200, sse: 200 });
  });

  it('answers 503 with a JSON body, without crashing, when the issuer is unreachable', async () => {
    const { as, base } = await setup();
    const token = await mint(as, {});
    await new Promise<void>((resolve) => {
      as.server.closeAllConnections();
      as.server.close(() => resolve());
    });
    const res = await mcpPost(`${base}/mcp`, init, bearer(token));
    expect(res.status).toBe(503);
    expect((await res.json()).error.data.code).toBe('MCP_SSE_AUTH_SERVER_UNAVAILABLE');
    const sse = await fetch(`${base}/sse`, { headers: bearer(token) });
    expect(sse.status).toBe(503);
    expect((await sse.json()).code).toBe('MCP_SSE_AUTH_SERVER_UNAVAILABLE');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await statuses(base, { 'x-api-key': KEY })).toMatchObject({ mcp: 200 });
  });

  it('introspects opaque tokens (RFC 7662) when configured', async () => {
    const audience = 'https://opaque.example.test/mcp';
    const { as, base } = await setup((server) => ({
      audience,
      introspection: { clientId: server.secretClient.id, clientSecret: server.secretClient.secret },
    }));
    const opaque = await as.token(audience, 'mcp:tools');
    expect(opaque.split('.').length).toBe(1);
    expect((await statuses(base, bearer(opaque))).mcp).toBe(200);
    expect((await statuses(base, bearer(`${opaque}x`))).mcp).toBe(401);
    const forOthers = await as.token('https://opaque.other.test/mcp', 'mcp:tools');
    expect((await statuses(base, bearer(forOthers))).mcp).toBe(401);
  });
});
