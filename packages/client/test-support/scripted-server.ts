import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ErrorCode,
  encodeSseComment,
  encodeSseEvent,
  encodeSseMessage,
  type JSONRPCMessage,
  jsonRpcError,
  jsonRpcNotification,
  jsonRpcResult,
  negotiateProtocolVersion,
  type Tool,
} from '@mcp-sse/protocol';

/** One open SSE stream of the scripted server. */
export interface ScriptedSession {
  id: string;
  req: IncomingMessage;
  res: ServerResponse;
  /** Writes raw SSE text. */
  write(text: string): void;
  /** Sends a JSON-RPC message as a `message` event. */
  send(message: JSONRPCMessage): void;
  /** Ends the stream. */
  end(): void;
}

/** What the scripted server does; every hook is optional and falls back to a sane MCP server. */
export interface Script {
  /** Path of the SSE stream (default `/sse`). */
  ssePath?: string;
  /** Answer the GET with this status and body instead of a stream. */
  getStatus?: number;
  /** Content-type of the GET answer (default `text/event-stream`). */
  getContentType?: string;
  /** The endpoint data for a session; `null` sends no endpoint at all. */
  endpoint?: ((session: ScriptedSession) => string) | null;
  /** Path POSTs go to (default `/messages`). */
  postPath?: string;
  /** Query parameter naming the session (default `sessionId`). */
  sessionParam?: string;
  /** Raw SSE text written right after the endpoint. */
  afterEndpoint?: string;
  /** A pushed `tools` event right after the endpoint. */
  pushTools?: Tool[];
  /** Status answered to a POST (default 202). */
  postStatus?: (message: JSONRPCMessage) => number;
  /** Custom handling; return true when handled (then the default does nothing). */
  onMessage?: (message: JSONRPCMessage, session: ScriptedSession) => boolean | undefined;
  /** Tools listed, paged by `pageSize`. */
  tools?: Tool[];
  /** Tools per `tools/list` page (default: all). */
  pageSize?: number;
  /** Overrides the `initialize` result's protocol version. */
  protocolVersion?: string;
  /** Handle the message (and write its response to the stream) before answering the POST, this many ms later. */
  ackDelayMs?: number;
  /** Heartbeat comment interval in ms (none by default). */
  heartbeatMs?: number;
  /** Takes over any request first (redirects, hostile answers); return true when handled. */
  onRequest?: (req: IncomingMessage, res: ServerResponse) => boolean | undefined;
  /**
   * Takes over the HTTP answer to a parsed POST; return true when it answered. The message
   * is still recorded and handled as usual (its response goes on the stream).
   */
  answerPost?: (message: JSONRPCMessage, res: ServerResponse) => boolean | undefined;
}

/** A running scripted server. */
export interface ScriptedServer {
  /** The SSE URL. */
  url: string;
  /** Base origin. */
  origin: string;
  /** Every message POSTed, in order. */
  received: JSONRPCMessage[];
  /** Headers of every request. */
  requestHeaders: IncomingMessage['headers'][];
  /** Open sessions by id. */
  sessions: Map<string, ScriptedSession>;
  /** Resolves with the first received message that passes `test` (rejects after `timeoutMs`). */
  waitFor(test: (message: JSONRPCMessage) => boolean, timeoutMs?: number): Promise<JSONRPCMessage>;
  close(): Promise<void>;
}

/** Tools the default server offers. */
export const DEFAULT_TOOLS: Tool[] = [
  {
    name: 'echo',
    description: 'Echoes the text back',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
  {
    name: 'add',
    description: 'Adds two numbers',
    inputSchema: {
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
    },
  },
  {
    name: 'slow',
    description: 'Reports progress in steps, then answers',
    inputSchema: { type: 'object', properties: { steps: { type: 'number' } } },
  },
  { name: 'hang', description: 'Never answers', inputSchema: { type: 'object' } },
  { name: 'fail', description: 'Always fails', inputSchema: { type: 'object' } },
];

/**
 * A small HTTP+SSE MCP server on node:http, 127.0.0.1, port 0, whose every behaviour a test
 * can script: wrong statuses, no endpoint, garbage, pushed tools, delays, hangs.
 */
export async function startScriptedServer(script: Script = {}): Promise<ScriptedServer> {
  const ssePath = script.ssePath ?? '/sse';
  const postPath = script.postPath ?? '/messages';
  const param = script.sessionParam ?? 'sessionId';
  const tools = script.tools ?? DEFAULT_TOOLS;
  const received: JSONRPCMessage[] = [];
  const requestHeaders: IncomingMessage['headers'][] = [];
  const sessions = new Map<string, ScriptedSession>();
  const waiters: { test: (m: JSONRPCMessage) => boolean; resolve: (m: JSONRPCMessage) => void }[] =
    [];
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const defaultHandle = (message: JSONRPCMessage, session: ScriptedSession) => {
    if (!('method' in message) || !('id' in message)) return;
    const id = message.id as string | number;
    const params = (message.params ?? {}) as Record<string, unknown>;
    switch (message.method) {
      case 'initialize':
        session.send(
          jsonRpcResult(id, {
            protocolVersion:
              script.protocolVersion ?? negotiateProtocolVersion(String(params.protocolVersion)),
            capabilities: { tools: { listChanged: true }, logging: {} },
            serverInfo: { name: 'scripted', version: '1.0.0' },
            instructions: 'Use the tools.',
          }),
        );
        return;
      case 'ping':
        session.send(jsonRpcResult(id, {}));
        return;
      case 'tools/list': {
        const size = script.pageSize ?? tools.length;
        const start = params.cursor === undefined ? 0 : Number(params.cursor);
        const page = tools.slice(start, start + size);
        const next = start + size < tools.length ? String(start + size) : undefined;
        session.send(
          jsonRpcResult(
            id,
            next === undefined ? { tools: page } : { tools: page, nextCursor: next },
          ),
        );
        return;
      }
      case 'tools/call': {
        const args = (params.arguments ?? {}) as Record<string, unknown>;
        const token = (params._meta as { progressToken?: string | number } | undefined)
          ?.progressToken;
        switch (params.name) {
          case 'echo':
            session.send(
              jsonRpcResult(id, { content: [{ type: 'text', text: String(args.text) }] }),
            );
            return;
          case 'add':
            session.send(
              jsonRpcResult(id, {
                content: [{ type: 'text', text: String(Number(args.a) + Number(args.b)) }],
              }),
            );
            return;
          case 'slow': {
            const steps = Number(args.steps ?? 3);
            const delay = Number(args.delayMs ?? 20);
            for (let i = 1; i <= steps; i++) {
              later(delay * i, () => {
                if (token !== undefined) {
                  session.send(
                    jsonRpcNotification('notifications/progress', {
                      progressToken: token,
                      progress: i,
                      total: steps,
                      message: `step ${i}`,
                    }),
                  );
                }
              });
            }
            later(delay * (steps + 1), () =>
              session.send(
                jsonRpcResult(id, {
                  content: [{ type: 'text', text: `done after ${steps} steps` }],
                }),
              ),
            );
            return;
          }
          case 'hang':
            return;
          case 'fail':
            session.send(
              jsonRpcResult(id, { content: [{ type: 'text', text: 'it failed' }], isError: true }),
            );
            return;
          default:
            session.send(
              jsonRpcError(id, ErrorCode.InvalidParams, `Unknown tool: ${String(params.name)}`),
            );
            return;
        }
      }
      default:
        session.send(
          jsonRpcError(id, ErrorCode.MethodNotFound, `Method not found: ${message.method}`),
        );
    }
  };

  const server: Server = createServer((req, res) => {
    requestHeaders.push(req.headers);
    if (script.onRequest?.(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === ssePath) {
      if (script.getStatus !== undefined) {
        res.writeHead(script.getStatus, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `scripted status ${script.getStatus}` }));
        return;
      }
      res.writeHead(200, {
        'content-type': script.getContentType ?? 'text/event-stream',
        'cache-control': 'no-cache',
      });
      res.flushHeaders();
      const id = param === 'session_id' ? randomUUID().replaceAll('-', '') : randomUUID();
      const session: ScriptedSession = {
        id,
        req,
        res,
        write: (text) => {
          if (!res.writableEnded) res.write(text);
        },
        send: (message) => session.write(encodeSseMessage(JSON.stringify(message))),
        end: () => res.end(),
      };
      sessions.set(id, session);
      res.on('close', () => sessions.delete(id));
      if (script.endpoint !== null) {
        const data = script.endpoint ? script.endpoint(session) : `${postPath}?${param}=${id}`;
        session.write(encodeSseEvent({ event: 'endpoint', data }));
      }
      if (script.afterEndpoint) session.write(script.afterEndpoint);
      if (script.pushTools)
        session.write(encodeSseEvent({ event: 'tools', data: script.pushTools }));
      if (script.heartbeatMs) {
        const beat = setInterval(() => session.write(encodeSseComment('ping')), script.heartbeatMs);
        res.on('close', () => clearInterval(beat));
      }
      return;
    }
    if (req.method === 'POST' && url.pathname === postPath) {
      const sessionId = url.searchParams.get(param);
      const session = sessionId === null ? undefined : sessions.get(sessionId);
      if (!session) {
        res.writeHead(sessionId === null ? 400 : 404, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: sessionId === null ? 'missing session' : 'unknown session' }),
        );
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        let message: JSONRPCMessage;
        try {
          message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as JSONRPCMessage;
        } catch {
          res.writeHead(400).end('bad json');
          return;
        }
        received.push(message);
        for (const waiter of waiters.filter((w) => w.test(message))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
        if (script.answerPost?.(message, res)) {
          if (!script.onMessage?.(message, session)) defaultHandle(message, session);
          return;
        }
        const status = script.postStatus?.(message) ?? 202;
        const ack = () =>
          res
            .writeHead(status, { 'content-type': 'text/plain' })
            .end(status === 202 ? 'Accepted' : 'nope');
        if (status >= 300) {
          ack();
          return;
        }
        if (script.ackDelayMs === undefined) ack();
        if (!script.onMessage?.(message, session)) defaultHandle(message, session);
        if (script.ackDelayMs !== undefined) later(script.ackDelayMs, ack);
      });
      return;
    }
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: 'not found' }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${ssePath}`,
    origin,
    received,
    requestHeaders,
    sessions,
    waitFor(test, timeoutMs = 30_000) {
      const found = received.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { test, resolve };
        waiters.push(waiter);
        later(timeoutMs, () => {
          if (waiters.includes(waiter))
            reject(new Error(`no matching message within ${timeoutMs} ms`));
        });
      });
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const session of sessions.values()) session.res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
