import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test-support/close-after-each.js';
import { startScriptedServer } from '../../test-support/scripted-server.js';
import { connect } from '../connect.js';

const closeLater = closeAfterEach();
const KEY = 'secret-key';

/** Another origin that records every request it gets (and answers like an SSE server would). */
async function startOtherOrigin(): Promise<{
  origin: string;
  seen: IncomingMessage['headers'][];
  close(): Promise<void>;
}> {
  const seen: IncomingMessage['headers'][] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: endpoint\ndata: /messages?sessionId=stolen\n\n');
      return;
    }
    res.writeHead(202).end('Accepted');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('redirects stay on the origin given', () => {
  it('a GET redirected to another origin is refused, and the key never goes there', async () => {
    const other = closeLater(await startOtherOrigin());
    const server = closeLater(
      await startScriptedServer({
        onRequest: (req, res) => {
          if (req.method !== 'GET') return false;
          res.writeHead(302, { location: `${other.origin}/sse` }).end();
          return true;
        },
      }),
    );
    const error = await connect(server.url, { apiKey: KEY, apiKeyHeader: 'x-api-key' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'redirect_refused', status: 302 });
    expect((error as Error).message).toMatch(/another origin/);
    expect(other.seen).toEqual([]);
  });

  it('a POST answered 307 to another origin is refused: neither body nor key goes there', async () => {
    const other = closeLater(await startOtherOrigin());
    const server = closeLater(
      await startScriptedServer({
        answerPost: (message, res) => {
          if (!('method' in message) || message.method !== 'tools/call') return false;
          res.writeHead(307, { location: `${other.origin}/messages` }).end();
          return true;
        },
        onMessage: (message) => 'method' in message && message.method === 'tools/call',
      }),
    );
    const client = closeLater(await connect(server.url, { apiKey: KEY }));
    const error = await client.callTool('echo', { text: 'private' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'redirect_refused', status: 307 });
    expect(other.seen).toEqual([]);
    // The connection itself is fine: other calls go on.
    await client.ping();
  });

  it('same-origin redirects are followed, with the key (GET 301, POST 307)', async () => {
    let postsRedirected = 0;
    const server = closeLater(
      await startScriptedServer({
        onRequest: (req, res) => {
          if (req.method === 'GET' && req.url === '/old-sse') {
            res.writeHead(301, { location: '/sse' }).end();
            return true;
          }
          if (req.method === 'POST' && req.url?.startsWith('/old-messages')) {
            postsRedirected++;
            res.writeHead(307, { location: req.url.replace('/old-messages', '/messages') }).end();
            return true;
          }
          return false;
        },
        endpoint: (session) => `/old-messages?sessionId=${session.id}`,
      }),
    );
    const client = closeLater(
      await connect(server.url.replace('/sse', '/old-sse'), { apiKey: KEY }),
    );
    const result = await client.callTool('echo', { text: 'via 307' });
    expect(result.content).toEqual([{ type: 'text', text: 'via 307' }]);
    expect(postsRedirected).toBeGreaterThan(0);
    expect(server.requestHeaders.every((h) => h.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('a POST redirected with 303 is refused (it would arrive as a bodiless GET)', async () => {
    const server = closeLater(
      await startScriptedServer({
        answerPost: (message, res) => {
          if (!('method' in message) || message.method !== 'tools/call') return false;
          res.writeHead(303, { location: '/elsewhere' }).end();
          return true;
        },
        onMessage: (message) => 'method' in message && message.method === 'tools/call',
      }),
    );
    const client = closeLater(await connect(server.url));
    const error = await client.callTool('echo', { text: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'redirect_refused', status: 303 });
  });

  it('a redirect loop on the same origin ends after a few hops', async () => {
    let gets = 0;
    const server = closeLater(
      await startScriptedServer({
        onRequest: (req, res) => {
          if (req.method !== 'GET') return false;
          gets++;
          res.writeHead(302, { location: '/sse' }).end();
          return true;
        },
      }),
    );
    const error = await connect(server.url).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'redirect_refused' });
    expect((error as Error).message).toMatch(/more than 5 times/);
    // The first GET and five redirects followed.
    expect(gets).toBe(6);
  });
});
