import { type Agent, type ClientRequest, type IncomingMessage, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { AnswerCounts, CallSession } from './call-session.js';
import type { CallOutcome, ResultCheck } from './session.js';
import { SessionError } from './session.js';
import { createSseReader } from './sse-reader.js';

/**
 * How the client speaks Streamable HTTP: `sessions` (2025-11-25: `initialize`, then
 * `Mcp-Session-Id` on every POST), `stateless-2025` (`initialize` once, no session id is
 * expected), `modern` (2026-07-28: no handshake; `_meta` and the `Mcp-Method` / `Mcp-Name`
 * headers on every POST).
 */
export type StreamableMode = 'sessions' | 'stateless-2025' | 'modern';

const SESSION_VERSION = '2025-11-25';
const MODERN_VERSION = '2026-07-28';
const CLIENT_INFO = { name: 'mcp-sse-bench', version: '0.0.0' };
const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
};

interface RpcMessage {
  id?: number;
  method?: string;
  params?: { progressToken?: number };
  result?: unknown;
  error?: { code?: number };
}

/**
 * One Streamable HTTP client as the neutral load generator drives it: one POST per request
 * through a shared keep-alive agent; the answer is read whole, as `application/json` or as
 * an SSE stream (counted apart), and the call is complete when the response with its id
 * was read and the HTTP response ended (so its socket is free for the next call). Shares no
 * code with our client or the SDK's.
 */
export class StreamableSession implements CallSession {
  private sessionId: string | undefined;
  private nextId = 1;
  private pendingCount = 0;
  private closed = false;
  private readonly requests = new Set<ClientRequest>();
  unexpected = 0;
  readonly answers: AnswerCounts = { json: 0, sse: 0 };

  private constructor(
    private readonly url: URL,
    private readonly agent: Agent,
    private readonly mode: StreamableMode,
  ) {}

  /** Opens a client: the handshake for 2025 modes, nothing for 2026-07-28. */
  static async open(
    url: URL,
    agent: Agent,
    mode: StreamableMode,
    timeoutMs = 10_000,
  ): Promise<StreamableSession> {
    const session = new StreamableSession(url, agent, mode);
    if (mode === 'modern') return session;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SessionError('open_timeout', `session not ready in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([session.handshake(), timeout]);
      return session;
    } catch (error) {
      session.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  get inFlight(): number {
    return this.pendingCount;
  }

  private async handshake(): Promise<void> {
    const init = await this.call('initialize', {
      protocolVersion: SESSION_VERSION,
      capabilities: {},
      clientInfo: CLIENT_INFO,
    });
    if (!init.ok) throw new SessionError(`init_${init.kind}`, `initialize failed: ${init.kind}`);
    if (this.mode === 'sessions' && this.sessionId === undefined) {
      throw new SessionError('init_no_session_id', 'initialize answered without Mcp-Session-Id');
    }
    const status = await this.post(
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      'notifications/initialized',
      undefined,
    );
    if (status < 200 || status >= 300) {
      throw new SessionError(`init_http_${status}`, `initialized answered ${status}`);
    }
  }

  private headers(body: string, method: string, name: string | undefined) {
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'content-length': Buffer.byteLength(body),
    };
    if (this.mode === 'modern') {
      headers['mcp-protocol-version'] = MODERN_VERSION;
      headers['mcp-method'] = method;
      if (name !== undefined) headers['mcp-name'] = name;
    } else if (method !== 'initialize') {
      headers['mcp-protocol-version'] = SESSION_VERSION;
      if (this.sessionId !== undefined) headers['mcp-session-id'] = this.sessionId;
    }
    return headers;
  }

  /** POSTs a notification; resolves with the status once the answer was read (0: failed). */
  private post(body: string, method: string, name: string | undefined): Promise<number> {
    return new Promise((resolve) => {
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          path: `${this.url.pathname}${this.url.search}`,
          method: 'POST',
          headers: this.headers(body, method, name),
        },
        (res) => {
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
          res.resume();
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });
  }

  call(
    method: string,
    params?: Record<string, unknown>,
    check?: ResultCheck,
    progress = false,
  ): Promise<CallOutcome> {
    const id = this.nextId++;
    const started = performance.now();
    if (this.closed) {
      return Promise.resolve({
        ok: false,
        kind: 'stream_closed',
        latencyMs: 0,
        endedAt: started,
        progress: 0,
      });
    }
    let sent = params;
    if (this.mode === 'modern' || progress) {
      const meta = {
        ...(params?._meta as Record<string, unknown> | undefined),
        ...(this.mode === 'modern' ? MODERN_META : {}),
        ...(progress ? { progressToken: id } : {}),
      };
      sent = { ...params, _meta: meta };
    }
    const body = JSON.stringify({ jsonrpc: '2.0', id, method, params: sent });
    const name = method === 'tools/call' ? (params?.name as string | undefined) : undefined;
    this.pendingCount += 1;
    return new Promise((resolve) => {
      let response: RpcMessage | undefined;
      let progressSeen = 0;
      let settled = false;
      const settle = (kind: string | undefined) => {
        if (settled) return;
        settled = true;
        this.pendingCount -= 1;
        this.requests.delete(req);
        const endedAt = performance.now();
        const outcome: CallOutcome = {
          ok: kind === undefined,
          latencyMs: endedAt - started,
          endedAt,
          progress: progressSeen,
        };
        if (kind !== undefined) outcome.kind = kind;
        resolve(outcome);
      };
      const onMessage = (text: string) => {
        let message: RpcMessage;
        try {
          message = JSON.parse(text) as RpcMessage;
        } catch {
          this.unexpected += 1;
          return;
        }
        if (message.method === 'notifications/progress') {
          if (message.params?.progressToken === id) progressSeen += 1;
          else this.unexpected += 1;
        } else if (message.method === undefined && message.id === id && response === undefined) {
          response = message;
        } else if (message.method === undefined) {
          this.unexpected += 1;
        }
      };
      const done = () => {
        if (response === undefined) return settle('stream_closed');
        if (response.error !== undefined) return settle(`rpc_${response.error.code}`);
        if (check !== undefined && !check(response.result)) return settle('wrong_result');
        settle(undefined);
      };
      const onResponse = (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const sessionId = res.headers['mcp-session-id'];
        if (method === 'initialize' && typeof sessionId === 'string') this.sessionId = sessionId;
        res.on('error', () => settle('stream_closed'));
        if (status < 200 || status >= 300) {
          res.resume();
          res.on('end', () => settle(`http_${status}`));
          return;
        }
        const type = res.headers['content-type'] ?? '';
        res.setEncoding('utf8');
        if (type.startsWith('text/event-stream')) {
          this.answers.sse += 1;
          const reader = createSseReader((event, data) => {
            // An event with empty data primes a resumable stream (its id): not a message.
            if (event === 'message' && data !== '') onMessage(data);
          });
          res.on('data', (chunk: string) => reader.feed(chunk));
        } else if (type.startsWith('application/json')) {
          this.answers.json += 1;
          let text = '';
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => onMessage(text));
        } else {
          res.resume();
          res.on('end', () => settle('bad_content_type'));
          return;
        }
        res.on('end', done);
        res.on('close', () => settle('stream_closed'));
      };
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          path: `${this.url.pathname}${this.url.search}`,
          method: 'POST',
          headers: this.headers(body, method, name),
        },
        onResponse,
      );
      this.requests.add(req);
      req.on('error', (error) => {
        settle(
          this.closed
            ? 'stream_closed'
            : `post_${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        );
      });
      req.end(body);
    });
  }

  close(): void {
    this.closed = true;
    for (const req of this.requests) req.destroy();
    this.requests.clear();
  }
}
