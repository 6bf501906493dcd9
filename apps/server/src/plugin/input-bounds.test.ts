import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bigText, heapAfterGc } from '../../test/heap.js';
import { openSession, postJson, rpc, start } from '../../test/helpers.js';
import { CoreSession } from '../core/core-session.js';
import { resolveOptions } from './options.js';

const MiB = 2 ** 20;

/** JSON text of `depth` nested arrays around `inner`. */
const nested = (depth: number, inner = '0') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

/** A GET with a chosen Host header (fetch will not send one); resolves with status and body. */
function getWithHost(
  base: string,
  path: string,
  host: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        // An SSE stream never ends: its first bytes are enough.
        if (res.statusCode === 200) req.destroy();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}

describe('body limit', () => {
  it('accepts the 1 MiB echo an official SDK client sends (default limit 4 MiB)', async () => {
    const { base } = await start();
    const { stream, postUrl } = await openSession(base);
    const message = 'x'.repeat(MiB);
    const res = await postJson(
      postUrl,
      rpc(1, 'tools/call', { name: 'echo', arguments: { message } }),
    );
    expect(res.status).toBe(202);
    const reply = (await stream.reply(1, 20_000)) as {
      result: { content: Array<{ text: string }> };
    };
    expect(reply.result.content[0]!.text).toHaveLength(MiB);
    stream.close();
  });
});

describe('answered ids', () => {
  it('are remembered as a fixed-size digest, however long the id', () => {
    const session = new CoreSession({ id: 's', send: () => {} });
    const before = heapAfterGc();
    for (let i = 0; i < 200; i++) session.markAnswered(bigText(MiB, i));
    const growthMiB = (heapAfterGc() - before) / MiB;
    console.log(`[answered] 200 answered ids of 1 MiB: heap +${growthMiB.toFixed(1)} MiB`);
    expect(growthMiB).toBeLessThan(8);
    expect(session.wasAnswered(bigText(MiB, 199))).toBe(true);
    expect(session.wasAnswered(bigText(MiB, 200))).toBe(false);
    session.markAnswered('short');
    session.markAnswered(7);
    expect(session.wasAnswered('short')).toBe(true);
    expect(session.wasAnswered(7)).toBe(true);
    expect(session.wasAnswered('7')).toBe(false);
  });
});

describe('deeply nested JSON', () => {
  it('gets 400 with a JSON body, never 500, on every POST route', async () => {
    const { base } = await start();
    const { stream, postUrl, sessionId } = await openSession(base);
    const deep = nested(100_000);
    const bodies: Array<[string, string]> = [
      [`${base}/sse`, `{"session_id":${deep},"tool":"echo","args":{}}`],
      [`${base}/sse`, `{"session_id":"${sessionId}","tool":"echo","args":{"message":${deep}}}`],
      [
        postUrl,
        `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":${deep}}}`,
      ],
      [postUrl, `{"jsonrpc":"2.0","id":${deep},"method":"ping"}`],
    ];
    for (const [url, body] of bodies) {
      const res = await postJson(url, body);
      expect(res.status, url).toBe(400);
      expect((await res.json()).message).toMatch(/nested/);
    }
    // Ordinary nesting still passes.
    const ok = await postJson(
      postUrl,
      `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi","x":${nested(50)}}}}`,
    );
    expect(ok.status).toBe(202);
    stream.close();
  });
});

describe('Host header', () => {
  it('refuses a Host that is not a loopback name on a loopback bind (DNS rebinding) with 403', async () => {
    const { base } = await start();
    const { port } = new URL(base);
    const refused = await getWithHost(base, '/sse', 'rebind.evil');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).code).toBe('MCP_SSE_HOST_NOT_ALLOWED');
    expect((await getWithHost(base, '/healthz', `rebind.evil:${port}`)).status).toBe(403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      expect((await getWithHost(base, '/sse', host)).status, host).toBe(200);
    }
  });

  it('lets configured hosts (or any with "*") through', async () => {
    const listed = await start({ allowedHosts: ['mcp.example.com'] });
    expect((await getWithHost(listed.base, '/sse', 'mcp.example.com:443')).status).toBe(200);
    expect((await getWithHost(listed.base, '/sse', 'rebind.evil')).status).toBe(403);
    const any = await start({ allowedHosts: '*' });
    expect((await getWithHost(any.base, '/sse', 'rebind.evil')).status).toBe(200);
  });
});

describe('millisecond options', () => {
  it('refuses values a Node timer cannot hold, naming the limit', () => {
    for (const key of ['heartbeatMs', 'resumeGraceMs', 'sessionTtlMs', 'toolTimeoutMs'] as const) {
      expect(() => resolveOptions({ [key]: 3_000_000_000 }), key).toThrow(/2147483647/);
      expect(() => resolveOptions({ [key]: 2 ** 31 - 1 }), key).not.toThrow();
    }
  });
});
