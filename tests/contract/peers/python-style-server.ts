import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  ErrorCode,
  encodeSseComment,
  encodeSseEvent,
  type JSONRPCMessage,
  jsonRpcError,
  jsonRpcNotification,
  jsonRpcResult,
  negotiateProtocolVersion,
  parseJSONRPCMessage,
  type RequestId,
} from '@mcp-sse/protocol';
import { listenLoopback, type RunningPeer } from './listen.js';
import { pythonStyleTools, runPythonStyleTool } from './python-style-tools.js';

/** Options for {@link startPythonStyleServer}. */
export interface PythonStyleOptions {
  /** How often to send a `: ping` comment; the Python SDK uses 15 s. */
  pingIntervalMs?: number;
}

interface Session {
  res: ServerResponse;
  running: Map<RequestId, AbortController>;
}

// sse-starlette, which the Python SDK uses, ends lines with CRLF: keep that, so the
// client's decoder is tested on it.
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
}

function handleMessage(session: Session, message: JSONRPCMessage): void {
  const send = (out: JSONRPCMessage) =>
    session.res.write(crlf(encodeSseEvent({ event: 'message', data: out })));
  if (!('method' in message)) return;
  if (message.method === 'notifications/cancelled') {
    const id = (message.params as { requestId?: RequestId } | undefined)?.requestId;
    if (id !== undefined) session.running.get(id)?.abort();
    return;
  }
  if (!('id' in message)) return;
  const { id } = message;
  if (typeof id !== 'string' && typeof id !== 'number') return;
  const params = (message.params ?? {}) as Record<string, unknown>;
  switch (message.method) {
    case 'initialize':
      send(
        jsonRpcResult(id, {
          protocolVersion: negotiateProtocolVersion(String(params.protocolVersion)),
          capabilities: { tools: { listChanged: false } },
          serverInfo: { name: 'python-style-peer', version: '1.0.0' },
        }),
      );
      return;
    case 'ping':
      send(jsonRpcResult(id, {}));
      return;
    case 'tools/list':
      send(jsonRpcResult(id, { tools: pythonStyleTools }));
      return;
    case 'tools/call': {
      const controller = new AbortController();
      session.running.set(id, controller);
      const token = (params._meta as { progressToken?: string | number } | undefined)
        ?.progressToken;
      const progress = (value: number, total: number) => {
        if (token !== undefined && !controller.signal.aborted) {
          send(
            jsonRpcNotification('notifications/progress', {
              progressToken: token,
              progress: value,
              total,
            }),
          );
        }
      };
      const args = (params.arguments ?? {}) as Record<string, unknown>;
      runPythonStyleTool(String(params.name), args, { signal: controller.signal, progress })
        .then((result) => {
          // A cancelled request gets no answer, as the spec asks.
          if (!controller.signal.aborted) send(jsonRpcResult(id, result));
        })
        .finally(() => session.running.delete(id));
      return;
    }
    default:
      send(jsonRpcError(id, ErrorCode.MethodNotFound, `Method not found: ${message.method}`));
  }
}

/**
 * A small server that speaks HTTP+SSE the way the Python SDK's `SseServerTransport` does:
 * the endpoint is `/messages/?session_id=<uuid hex>`, lines end in CRLF, `: ping` comments
 * keep the stream alive, POSTs answer `202 Accepted` as plain text, and errors are the
 * Python server's plain-text 400/404 answers.
 */
export async function startPythonStyleServer(
  options: PythonStyleOptions = {},
): Promise<RunningPeer> {
  const sessions = new Map<string, Session>();
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/sse') {
      const sessionId = randomUUID().replaceAll('-', '');
      const session: Session = { res, running: new Map() };
      sessions.set(sessionId, session);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      });
      res.write(
        crlf(encodeSseEvent({ event: 'endpoint', data: `/messages/?session_id=${sessionId}` })),
      );
      const ping = setInterval(
        () => res.write(crlf(encodeSseComment(`ping - ${new Date().toISOString()}`))),
        options.pingIntervalMs ?? 15_000,
      );
      res.on('close', () => {
        clearInterval(ping);
        for (const controller of session.running.values()) controller.abort();
        sessions.delete(sessionId);
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages/') {
      const sessionId = url.searchParams.get('session_id');
      if (!sessionId) return plain(res, 400, 'session_id is required');
      if (!/^[0-9a-f]{32}$/.test(sessionId)) return plain(res, 400, 'Invalid session ID');
      const session = sessions.get(sessionId);
      if (!session) return plain(res, 404, 'Could not find session');
      readBody(req).then(
        (body) => {
          const parsed = parseJSONRPCMessage(body);
          if (!parsed.ok) return plain(res, 400, 'Could not parse message');
          plain(res, 202, 'Accepted');
          handleMessage(session, parsed.value);
        },
        () => plain(res, 400, 'Could not read body'),
      );
      return;
    }
    plain(res, 404, 'Not Found');
  });
  return listenLoopback(http, '/sse');
}
