import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SseItem } from '@mcp-sse/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { readSseBody } from '../transport/read-sse.js';
import { ABORT_HANDLE, AbortHandle } from './abort-handle.js';
import { readBodyPrefix } from './bounded-body.js';
import {
  FREE_SOCKET_TIMEOUT_MS,
  nodeHttpFetch,
  nodeHttpFetchWithIdleTimeout,
} from './node-http-fetch.js';
import { NodeResponse } from './node-response.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server | undefined;
const sockets = new Set<Socket>();

async function serve(handler: Handler): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => handler(req, res, body));
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const manual = { redirect: 'manual' } as const;

describe('nodeHttpFetch', () => {
  it('POSTs a string body with its headers and reads status, headers and JSON', async () => {
    const url = await serve((req, res, body) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-seen': req.headers['x-one'] });
      res.end(JSON.stringify({ body, length: req.headers['content-length'], method: req.method }));
    });
    const response = await nodeHttpFetch(url, {
      ...manual,
      method: 'POST',
      headers: { 'X-One': 'a', 'content-type': 'application/json' },
      body: '{"é":1}',
    });
    expect(response).toBeInstanceOf(NodeResponse);
    // Libraries that check for a Response loosely (oauth4webapi's DPoP retry) accept it.
    expect(Object.prototype.toString.call(response)).toBe('[object Response]');
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Seen')).toBe('a');
    expect(response.headers.get('missing')).toBeNull();
    expect(await response.json()).toEqual({ body: '{"é":1}', length: '8', method: 'POST' });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('reuses one keep-alive connection for requests one after another', async () => {
    const url = await serve((_req, res) => res.end('ok'));
    for (let i = 0; i < 5; i++) {
      const response = await nodeHttpFetch(url, { ...manual, method: 'POST', body: 'x' });
      expect(await response.text()).toBe('ok');
    }
    expect(sockets.size).toBe(1);
  });

  it('gives as many connections as requests in flight', async () => {
    const held: ServerResponse[] = [];
    const url = await serve((_req, res) => {
      held.push(res);
      if (held.length === 4) for (const r of held) r.end('done');
    });
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        nodeHttpFetch(url, { ...manual, method: 'POST', body: 'x' }).then((r) => r.text()),
      ),
    );
    expect(answers).toEqual(['done', 'done', 'done', 'done']);
    expect(sockets.size).toBe(4);
  });

  it('does not follow a redirect: the 3xx and its Location are the answer', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(307, { location: '/elsewhere' }).end();
    });
    const response = await nodeHttpFetch(url, { ...manual, method: 'GET' });
    expect(response.status).toBe(307);
    expect(response.type).toBe('basic');
    expect(response.headers.get('location')).toBe('/elsewhere');
  });

  it('leaves requests it does not take (a redirect to follow) to the global fetch', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/mcp') res.writeHead(302, { location: '/final' }).end();
      else res.end('final');
    });
    const response = await nodeHttpFetch(url);
    expect(response).not.toBeInstanceOf(NodeResponse);
    expect(await response.text()).toBe('final');
  });

  it('keeps to fetch when the application set a dispatcher of its own (a proxy agent)', async () => {
    const url = await serve((_req, res) => res.end('via fetch'));
    // Node's own dispatcher, made by a first fetch.
    await (await fetch(url)).text();
    const key = Symbol.for('undici.globalDispatcher.1');
    const global = globalThis as Record<symbol, unknown>;
    const own = global[key] as { dispatch: (...args: unknown[]) => boolean };
    let dispatched = 0;
    class ProxyAgent {
      dispatch(...args: unknown[]): boolean {
        dispatched++;
        return own.dispatch(...args);
      }
    }
    global[key] = new ProxyAgent();
    try {
      const handle = new AbortHandle();
      const response = await nodeHttpFetch(url, {
        ...manual,
        method: 'POST',
        body: 'x',
        [ABORT_HANDLE]: handle,
      } as RequestInit);
      expect(response).not.toBeInstanceOf(NodeResponse);
      expect(await response.text()).toBe('via fetch');
      expect(dispatched).toBe(1);
    } finally {
      global[key] = own;
    }
    // Node's own default dispatcher (set by any fetch) is no reason to leave the Node path.
    const again = await nodeHttpFetch(url, { ...manual, method: 'POST', body: 'x' });
    expect(again).toBeInstanceOf(NodeResponse);
    await again.text();
  });

  it('rejects a refused connection like fetch: a TypeError whose cause has the code', async () => {
    const url = await serve((_req, res) => res.end());
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const error = await nodeHttpFetch(url, { ...manual, method: 'POST', body: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });

  it('rejects with the signal reason when aborted before the answer', async () => {
    const url = await serve(() => {
      // never answers
    });
    const controller = new AbortController();
    const pending = nodeHttpFetch(url, {
      ...manual,
      method: 'POST',
      body: 'x',
      signal: controller.signal,
    });
    setImmediate(() => controller.abort(new Error('stop')));
    await expect(pending).rejects.toThrow('stop');
    const again = new AbortController();
    again.abort(new Error('early'));
    await expect(nodeHttpFetch(url, { ...manual, signal: again.signal })).rejects.toThrow('early');
  });

  it('an abort after the headers ends the body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': open\n\n');
    });
    const controller = new AbortController();
    const response = await nodeHttpFetch(url, { ...manual, signal: controller.signal });
    const items: SseItem[] = [];
    const reading = readSseBody(response, (item) => items.push(item));
    setImmediate(() => controller.abort(new Error('stop')));
    const { failure } = await reading;
    expect(failure).toBeDefined();
  });

  it('makes the web body on demand, and clone() gives two readable copies', async () => {
    const url = await serve((_req, res) => res.end('twice'));
    const response = await nodeHttpFetch(url, { ...manual });
    const copy = response.clone();
    expect(await copy.text()).toBe('twice');
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe('twice');
  });

  it('gives up a request, or a body, that sees no byte for the idle bound', async () => {
    const url = await serve((req, res) => {
      if (req.method === 'POST') return; // never answers
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': one comment, then silence\n\n');
    });
    const quick = nodeHttpFetchWithIdleTimeout(100);
    const error = await quick(url, { ...manual, method: 'POST', body: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ETIMEDOUT');
    const response = await quick(url, { ...manual });
    const items: SseItem[] = [];
    const end = await readSseBody(response, (item) => items.push(item));
    expect(items).toHaveLength(1);
    expect((end.failure as { code?: string }).code).toBe('ETIMEDOUT');
  });

  it('a slow answer is waited for past the idle-socket bound; the idle socket then closes', async () => {
    const url = await serve((_req, res) => {
      setTimeout(() => res.end('late'), FREE_SOCKET_TIMEOUT_MS + 500);
    });
    const response = await nodeHttpFetch(url, { ...manual, method: 'POST', body: 'x' });
    expect(await response.text()).toBe('late');
    const [socket] = sockets;
    // Idle in the pool now: the agent drops it after FREE_SOCKET_TIMEOUT_MS.
    await new Promise((resolve) => socket?.once('close', resolve));
    expect(socket?.destroyed).toBe(true);
  }, 30_000);

  it('a 204 has no body and frees its connection', async () => {
    const url = await serve((_req, res) => res.writeHead(204).end());
    const response = await nodeHttpFetch(url, { ...manual, method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    const next = await nodeHttpFetch(url, { ...manual, method: 'DELETE' });
    expect(next.status).toBe(204);
    expect(sockets.size).toBe(1);
  });
});

describe('reading a Node response', () => {
  it('readBodyPrefix keeps at most maxBytes and cuts the rest off', async () => {
    const url = await serve((_req, res) => {
      res.write('a'.repeat(100));
      // Never ends: only the cut stops it.
    });
    const response = await nodeHttpFetch(url, { ...manual });
    const { bytes, truncated } = await readBodyPrefix(response, 10);
    expect(truncated).toBe(true);
    expect(bytes.length).toBe(10);
  });

  it('readSseBody decodes events across chunks, the last one ended by a CR', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('id: 1\nevent: message\ndata: {"jsonrpc":"2.0",');
      setTimeout(() => res.end('"method":"notifications/x"}\r\r'), 5);
    });
    const response = await nodeHttpFetch(url, { ...manual });
    const items: SseItem[] = [];
    let chunks = 0;
    const end = await readSseBody(
      response,
      (item) => items.push(item),
      () => chunks++,
    );
    expect(end.failure).toBeUndefined();
    expect(chunks).toBeGreaterThanOrEqual(2);
    expect(items).toMatchObject([
      { type: 'event', event: { id: '1', data: { method: 'notifications/x' } } },
    ]);
  });

  it('a handler that throws ends the body with that failure', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: message\ndata: {"jsonrpc":"2.0","method":"a"}\n\n');
    });
    const response = await nodeHttpFetch(url, { ...manual });
    const boom = new Error('handler broke');
    const end = await readSseBody(response, () => {
      throw boom;
    });
    expect(end.failure).toBe(boom);
  });

  it('a cut signal ends the body with its reason', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\n\n');
    });
    const response = await nodeHttpFetch(url, { ...manual });
    const cut = new AbortHandle();
    const end = readSseBody(response, () => cut.abort('silent'), undefined, cut);
    expect((await end).failure).toBe('silent');
  });
});
