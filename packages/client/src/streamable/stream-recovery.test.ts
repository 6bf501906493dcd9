import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SAME_ID_RESEND_CAPABILITY } from '@mcp-sse/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpSseClient } from '../client.js';
import { connect } from '../connect.js';
import type { McpSseClientOptions } from '../options.js';

/** What the scripted 2025 session server does with a `tools/call` POST (or a resuming GET). */
type CallHandler = (id: number, res: ServerResponse, post: number) => void;
type GetHandler = (req: IncomingMessage, res: ServerResponse) => void;

interface Scripted {
  url: string;
  /** Every POST of tools/call: its JSON-RPC id and session header. */
  calls: { id: number; session: string | undefined }[];
  /** Every GET after the handshake: its Last-Event-ID. */
  gets: (string | undefined)[];
  /** Sessions issued so far. */
  sessions: number;
  /** Forgets every session (the next POST naming one gets 404). */
  forget(): void;
  close(): Promise<void>;
}

const TOOLS = [{ name: 'work', inputSchema: { type: 'object' } }];

/** A minimal Streamable HTTP 2025-11-25 server with sessions, scripted per test. */
async function scripted(
  onCall: CallHandler,
  onGet?: GetHandler,
  { reattaches = true }: { reattaches?: boolean } = {},
): Promise<Scripted> {
  const live = new Set<string>();
  const state: Omit<Scripted, 'url' | 'close' | 'forget'> = { calls: [], gets: [], sessions: 0 };
  const json = (res: ServerResponse, status: number, body: unknown, session?: string) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      ...(session ? { 'mcp-session-id': session } : {}),
    });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const session = req.headers['mcp-session-id'] as string | undefined;
    if (req.method === 'GET') {
      if (req.headers['last-event-id'] === undefined || !onGet) {
        res.writeHead(405).end();
        return;
      }
      state.gets.push(req.headers['last-event-id'] as string);
      onGet(req, res);
      return;
    }
    if (req.method === 'DELETE') {
      res.writeHead(200).end();
      return;
    }
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const body = JSON.parse(text) as { id?: number; method: string };
      if (body.method === 'initialize') {
        const id = `s${++state.sessions}`;
        live.add(id);
        json(
          res,
          200,
          {
            jsonrpc: '2.0',
            id: body.id,
            result: {
              protocolVersion: '2025-11-25',
              // Says it attaches a re-sent id to the call it has (as @mcp-sse/server does).
              capabilities: reattaches
                ? { tools: {}, experimental: { [SAME_ID_RESEND_CAPABILITY]: {} } }
                : { tools: {} },
              serverInfo: { name: 'scripted', version: '1' },
            },
          },
          id,
        );
        return;
      }
      if (session === undefined || !live.has(session)) {
        json(res, 404, {
          jsonrpc: '2.0',
          id: null,
          error: { code: -32001, message: 'no session' },
        });
        return;
      }
      if (body.id === undefined) {
        res.writeHead(202).end();
        return;
      }
      if (body.method === 'tools/list') {
        json(res, 200, { jsonrpc: '2.0', id: body.id, result: { tools: TOOLS } });
        return;
      }
      state.calls.push({ id: body.id, session });
      onCall(body.id, res, state.calls.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/mcp`,
    forget: () => live.clear(),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

const answer = (id: number, text: string) => ({
  jsonrpc: '2.0',
  id,
  result: { content: [{ type: 'text', text }] },
});

let server: Scripted | undefined;
let client: McpSseClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

const fast: McpSseClientOptions = {
  transport: 'streamable-http',
  protocolVersion: '2025-11-25',
  reconnect: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 5 },
};

describe('Streamable HTTP (2025 session): a request whose POST or answer broke', () => {
  it('before any HTTP answer: sent again with the same id on the same session; a plain call gets its one answer', async () => {
    server = await scripted((id, res, post) => {
      // The first POST reaches the server and runs; the connection drops before the answer.
      if (post === 1) res.destroy();
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(answer(id, 'once')));
    });
    client = await connect(server.url, fast);
    const result = await client.callTool('work');
    expect(result.content).toEqual([{ type: 'text', text: 'once' }]);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]).toEqual(server.calls[0]);
  });

  it('resendSameId: false (a server that would run the copy): a plain call fails as may-have-run, sent once', async () => {
    server = await scripted((_id, res) => res.destroy());
    client = await connect(server.url, {
      ...fast,
      reconnect: { ...(fast.reconnect as object), resendSameId: false },
    });
    await expect(client.callTool('work')).rejects.toMatchObject({ code: 'session_lost' });
    expect(server.calls).toHaveLength(1);
  });

  it('a server that does not say it re-attaches re-sends (most servers would run the copy): a plain call fails as may-have-run, sent once', async () => {
    server = await scripted((_id, res) => res.destroy(), undefined, { reattaches: false });
    client = await connect(server.url, fast);
    await expect(client.callTool('work')).rejects.toMatchObject({ code: 'session_lost' });
    expect(server.calls).toHaveLength(1);
  });

  it('an SSE answer that broke before any event id: sent again with the same id, not failed as may-have-run', async () => {
    server = await scripted((id, res, post) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (post === 1) {
        res.write(': working\n\n');
        setTimeout(() => res.destroy(), 10);
        return;
      }
      res.end(`event: message\ndata: ${JSON.stringify(answer(id, 'attached'))}\n\n`);
    });
    client = await connect(server.url, fast);
    const result = await client.callTool('work');
    expect(result.content).toEqual([{ type: 'text', text: 'attached' }]);
    expect(server.calls.map((call) => call.id)).toEqual([server.calls[0]?.id, server.calls[0]?.id]);
  });

  it('the session is gone when the copy arrives (404): a plain call fails as may-have-run, an idempotent one runs on the new session', async () => {
    server = await scripted((id, res, post) => {
      if (post <= 2) {
        server?.forget();
        res.destroy();
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer(id, 'new')));
    });
    client = await connect(server.url, fast);
    await expect(client.callTool('work')).rejects.toMatchObject({ code: 'session_lost' });
    await new Promise<void>((resolve) => client?.on('reconnected', () => resolve()));
    const again = await client.callTool('work', {}, { idempotent: true });
    expect(again.content).toEqual([{ type: 'text', text: 'new' }]);
    // The idempotent call broke on the second session too, and ran again on the third.
    expect(server.sessions).toBe(3);
    expect(server.calls.map((call) => call.session)).toEqual(['s1', 's2', 's3']);
  });

  it('an SSE answer silent past the heartbeat window is cut and resumed with Last-Event-ID', async () => {
    server = await scripted(
      (_id, res) => {
        // A priming event, then nothing: a dead peer (no heartbeats either).
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('id: 7:0\ndata: \n\n');
      },
      (req, res) => {
        const id = server?.calls[0]?.id ?? 0;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(
          `id: ${req.headers['last-event-id']}\ndata: \n\nid: 7:1\nevent: message\ndata: ${JSON.stringify(answer(id, 'resumed'))}\n\n`,
        );
      },
    );
    client = await connect(server.url, {
      ...fast,
      reconnect: { ...(fast.reconnect as object), heartbeatMs: 40, deadAfterHeartbeats: 2 },
    });
    const result = await client.callTool('work');
    expect(result.content).toEqual([{ type: 'text', text: 'resumed' }]);
    expect(server.gets).toEqual(['7:0']);
    expect(server.calls).toHaveLength(1);
  });

  it('a resumed stream that lacks events is reported as a replayGap, and the call still completes', async () => {
    server = await scripted(
      (_id, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('id: 3:0\ndata: \n\n');
        setTimeout(() => res.destroy(), 10);
      },
      (req, res) => {
        const id = server?.calls[0]?.id ?? 0;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        // Events 3:1..3:4 fell out of the replay buffer.
        res.end(
          `id: ${req.headers['last-event-id']}\ndata: \n\nid: 3:5\nevent: message\ndata: ${JSON.stringify(answer(id, 'late'))}\n\n`,
        );
      },
    );
    client = await connect(server.url, fast);
    const gaps: unknown[] = [];
    client.on('replayGap', (gap) => gaps.push(gap));
    const result = await client.callTool('work');
    expect(result.content).toEqual([{ type: 'text', text: 'late' }]);
    expect(gaps).toEqual([
      { stream: 'response', requestId: server.calls[0]?.id, from: '3:0', to: '3:5', missed: 4 },
    ]);
  });
});
