import { describe, expect, it } from 'vitest';
import { openSession, postJson, rpc, start, TestStream } from '../../test/helpers.js';

const KEY = 'k-alpha-0123456789';
const OTHER = 'k-beta-9876543210';

describe('auth', () => {
  it('answers a missing or wrong key with 401 and WWW-Authenticate', async () => {
    const { base } = await start({ apiKeys: [KEY] });
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong' },
      { 'x-api-key': 'wrong' },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${base}/sse`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect((await res.json()).code).toBe('MCP_SSE_UNAUTHORIZED');
    }
    const post = await postJson(
      `${base}/messages?sessionId=00000000-0000-4000-8000-000000000000`,
      rpc(1, 'ping'),
    );
    expect(post.status).toBe(401);
  });

  it.each([
    ['Authorization: Bearer', { authorization: `Bearer ${KEY}` }],
    ['X-API-Key', { 'x-api-key': KEY }],
    ['api_key', { api_key: KEY }],
  ])('accepts the key as %s', async (_name, headers) => {
    const { base } = await start({ apiKeys: [OTHER, KEY] });
    const { stream, postUrl } = await openSession(base, '/sse', headers);
    expect((await postJson(postUrl, rpc(1, 'ping'), headers)).status).toBe(202);
    expect(await stream.reply(1)).toMatchObject({ result: {} });
  });

  it('refuses a POST for a session opened by another principal with 403', async () => {
    const { base } = await start({ apiKeys: [KEY, OTHER] });
    const { postUrl, sessionId } = await openSession(base, '/sse', { 'x-api-key': KEY });
    const hijack = await postJson(postUrl, rpc(1, 'ping'), { 'x-api-key': OTHER });
    expect(hijack.status).toBe(403);
    expect((await hijack.json()).code).toBe('MCP_SSE_SESSION_FORBIDDEN');
    const simple = await postJson(
      `${base}/sse`,
      { session_id: sessionId, tool: 'echo', args: { message: 'x' } },
      {
        'x-api-key': OTHER,
      },
    );
    expect(simple.status).toBe(403);
  });

  it('uses a custom authenticate hook and hands the principal to handlers', async () => {
    const { base } = await start({
      authenticate: async (request) =>
        request.headers['x-user'] ? { id: String(request.headers['x-user']) } : null,
    });
    expect((await fetch(`${base}/sse`)).status).toBe(401);
    const { postUrl } = await openSession(base, '/sse', { 'x-user': 'ada' });
    expect((await postJson(postUrl, rpc(1, 'ping'), { 'x-user': 'bob' })).status).toBe(403);
    expect((await postJson(postUrl, rpc(1, 'ping'), { 'x-user': 'ada' })).status).toBe(202);
  });

  it('leaves the health check open', async () => {
    const { base } = await start({ apiKeys: [KEY] });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('origin', () => {
  it('refuses a foreign Origin with 403 and allows loopback by default', async () => {
    const { base } = await start();
    const evil = await fetch(`${base}/sse`, { headers: { origin: 'http://evil.example' } });
    expect(evil.status).toBe(403);
    expect((await evil.json()).code).toBe('MCP_SSE_ORIGIN_NOT_ALLOWED');
    const stream = await TestStream.open(`${base}/sse`, { origin: 'http://localhost:6274' });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('access-control-allow-origin')).toBe(
      'http://localhost:6274',
    );
  });

  it('follows allowedOrigins and answers CORS preflight with the MCP headers', async () => {
    const { base } = await start({ allowedOrigins: ['https://app.example'], apiKeys: [KEY] });
    expect(
      (await fetch(`${base}/sse`, { headers: { origin: 'http://localhost:3000' } })).status,
    ).toBe(403);
    const preflight = await fetch(`${base}/messages`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, mcp-protocol-version, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/MCP-Protocol-Version/i);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    // Browsers preflight a GET that carries Cache-Control (some EventSource polyfills do).
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Cache-Control/i);
  });
});

describe('limits', () => {
  it('rate-limits per principal with 429 and Retry-After', async () => {
    const { base } = await start({ rateLimit: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await postJson(
        `${base}/messages?sessionId=00000000-0000-4000-8000-000000000000`,
        rpc(1, 'ping'),
      );
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect((await res.json()).code).toBe('MCP_SSE_RATE_LIMITED');
      }
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('answers repeated failed authentication from one address with 429, never a good key', async () => {
    // The request limit is off (rateLimit 0): the failure limit stands on its own.
    const { base } = await start({ apiKeys: [KEY], authFailureLimit: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${base}/sse`, { headers: { 'x-api-key': `guess-${i}` } });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect((await res.json()).code).toBe('MCP_SSE_AUTH_RATE_LIMITED');
      } else {
        await res.body?.cancel();
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Only failures count: the right key from the same address is still admitted.
    const { stream } = await openSession(base, '/sse', { 'x-api-key': KEY });
    expect(stream.response.status).toBe(200);
  });

  it('keys the rate limit by principal, not only by address', async () => {
    const { base } = await start({ rateLimit: 2, apiKeys: [KEY, OTHER] });
    const url = `${base}/messages?sessionId=00000000-0000-4000-8000-000000000000`;
    for (let i = 0; i < 2; i++) await postJson(url, rpc(1, 'ping'), { 'x-api-key': KEY });
    expect((await postJson(url, rpc(1, 'ping'), { 'x-api-key': KEY })).status).toBe(429);
    expect((await postJson(url, rpc(1, 'ping'), { 'x-api-key': OTHER })).status).toBe(404);
  });

  it('refuses sessions beyond maxSessions with 503', async () => {
    const { base } = await start({ maxSessions: 2, maxSessionsPerClient: 2 });
    await openSession(base);
    await openSession(base);
    const third = await fetch(`${base}/sse`);
    expect(third.status).toBe(503);
    expect((await third.json()).code).toBe('MCP_SSE_TOO_MANY_SESSIONS');
  });

  it('survives hostile headers and bodies', async () => {
    const { base } = await start();
    const { postUrl } = await openSession(base);
    const bodies = [
      '{"__proto__":{"x":1},"jsonrpc":"2.0","id":1,"method":"ping"}',
      '1e999',
      '{"jsonrpc":"2.0","id":{},"method":"x"}',
    ];
    for (const body of bodies) expect([202, 400]).toContain((await postJson(postUrl, body)).status);
    const weird = await fetch(`${base}/messages?sessionId=a&sessionId=b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer', 'x-api-key': '' },
      body: '{}',
    });
    expect(weird.status).toBe(400);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
