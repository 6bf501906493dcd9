import { type Agent, type ClientRequest, get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { jsonRpcNotification, jsonRpcRequest, LATEST_PROTOCOL_VERSION } from '@mcp-sse/protocol';
import { postJson } from './post.js';
import { createSseReader } from './sse-reader.js';

/** How one call ended: ok, or the kind of failure, with its latency and progress seen. */
export interface CallOutcome {
  ok: boolean;
  /** Failure kind when not ok: `http_<status>`, `post_<code>`, `rpc_<code>`, `wrong_result`... */
  kind?: string;
  latencyMs: number;
  /** `performance.now()` when the call was complete. */
  endedAt: number;
  /** `notifications/progress` events received for this call. */
  progress: number;
}

/** Checks a call's `result`; false counts the call as `wrong_result`. */
export type ResultCheck = (result: unknown) => boolean;

interface PendingCall {
  started: number;
  posted: boolean;
  response: { result?: unknown; error?: { code?: number } } | undefined;
  progress: number;
  check: ResultCheck | undefined;
  resolve: (outcome: CallOutcome) => void;
}

/** A failure while opening a session, with a kind for the error counts. */
export class SessionError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

/**
 * One MCP session as the neutral load generator drives it: a GET stream read with its own
 * small SSE reader, and one POST per message through a shared keep-alive agent. A call is
 * complete only when its POST got 2xx and the response with its id came on the stream.
 */
export class LoadSession {
  private endpoint: URL | undefined;
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 1;
  private stream: ClientRequest | undefined;
  private closed = false;
  /** Messages that matched no pending call (duplicates, unknown ids). */
  unexpected = 0;

  private constructor(
    private readonly sseUrl: URL,
    private readonly agent: Agent,
  ) {}

  /** Opens the stream, waits for `endpoint`, initializes and sends `initialized`. */
  static async open(sseUrl: URL, agent: Agent, timeoutMs = 10_000): Promise<LoadSession> {
    const session = new LoadSession(sseUrl, agent);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SessionError('open_timeout', `session not ready in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([session.start(), timeout]);
      return session;
    } catch (error) {
      session.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Calls still waiting for their POST or their response. */
  get inFlight(): number {
    return this.pending.size;
  }

  private async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const req = get(this.sseUrl, { agent: false, headers: { accept: 'text/event-stream' } });
      this.stream = req;
      req.on('error', (error) => {
        reject(
          new SessionError(
            `sse_${(error as NodeJS.ErrnoException).code ?? 'error'}`,
            error.message,
          ),
        );
        this.fail('stream_closed');
      });
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new SessionError(`sse_http_${res.statusCode}`, `GET answered ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        const reader = createSseReader((event, data) => {
          if (event === 'endpoint' && this.endpoint === undefined) {
            this.endpoint = new URL(data, this.sseUrl);
            resolve();
          } else if (event === 'message') {
            this.onMessage(data);
          }
        });
        res.on('data', (chunk: string) => reader.feed(chunk));
        res.on('close', () => {
          reject(new SessionError('sse_closed', 'stream closed before endpoint'));
          this.fail('stream_closed');
        });
      });
    });
    const init = await this.call('initialize', {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'mcp-sse-bench', version: '0.0.0' },
    });
    if (!init.ok) throw new SessionError(`init_${init.kind}`, `initialize failed: ${init.kind}`);
    await this.notify('notifications/initialized');
  }

  /** POSTs a notification; resolves with the HTTP status (0 on a request error). */
  notify(method: string, params?: Record<string, unknown>): Promise<number> {
    return new Promise((resolve) => {
      postJson(
        this.agent,
        this.endpoint!,
        JSON.stringify(jsonRpcNotification(method, params)),
        (s) => resolve(s),
      );
    });
  }

  /**
   * Sends one request and resolves when it is complete or failed; never rejects. With
   * `progress`, the request id doubles as its progress token.
   */
  call(
    method: string,
    params?: Record<string, unknown>,
    check?: ResultCheck,
    progress = false,
  ): Promise<CallOutcome> {
    const id = this.nextId++;
    const started = performance.now();
    if (this.closed || this.endpoint === undefined) {
      return Promise.resolve({
        ok: false,
        kind: 'stream_closed',
        latencyMs: 0,
        endedAt: started,
        progress: 0,
      });
    }
    const sent = progress ? { ...params, _meta: { progressToken: id } } : params;
    const body = JSON.stringify(jsonRpcRequest(id, method, sent));
    return new Promise((resolve) => {
      const call: PendingCall = {
        started,
        posted: false,
        response: undefined,
        progress: 0,
        check,
        resolve,
      };
      this.pending.set(id, call);
      postJson(this.agent, this.endpoint!, body, (status, error) => {
        if (!this.pending.has(id)) return;
        if (status >= 200 && status < 300) {
          call.posted = true;
          if (call.response !== undefined) this.finish(id, call);
          return;
        }
        const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
        this.settle(id, call, status === 0 ? `post_${code}` : `http_${status}`);
      });
    });
  }

  private onMessage(data: string): void {
    let message: {
      id?: number;
      method?: string;
      params?: { progressToken?: number };
      result?: unknown;
      error?: { code?: number };
    };
    try {
      message = JSON.parse(data);
    } catch {
      this.unexpected += 1;
      return;
    }
    if (message.method === undefined && message.id !== undefined) {
      const call = this.pending.get(message.id);
      if (call === undefined || call.response !== undefined) {
        this.unexpected += 1;
        return;
      }
      call.response = message;
      if (call.posted) this.finish(message.id, call);
    } else if (message.method === 'notifications/progress') {
      const call = this.pending.get(message.params?.progressToken ?? -1);
      if (call !== undefined) call.progress += 1;
    }
  }

  private finish(id: number, call: PendingCall): void {
    const { response } = call;
    let kind: string | undefined;
    if (response?.error !== undefined) kind = `rpc_${response.error.code}`;
    else if (call.check !== undefined && !call.check(response?.result)) kind = 'wrong_result';
    this.settle(id, call, kind);
  }

  private settle(id: number, call: PendingCall, kind: string | undefined): void {
    this.pending.delete(id);
    const endedAt = performance.now();
    const outcome: CallOutcome = {
      ok: kind === undefined,
      latencyMs: endedAt - call.started,
      endedAt,
      progress: call.progress,
    };
    if (kind !== undefined) outcome.kind = kind;
    call.resolve(outcome);
  }

  private fail(kind: string): void {
    this.closed = true;
    for (const [id, call] of this.pending) this.settle(id, call, kind);
  }

  /** Closes the stream; calls still pending end as `stream_closed`. */
  close(): void {
    this.fail('stream_closed');
    this.stream?.destroy();
  }
}

/** Checks that an `echo` result carries `message` back as text. */
export function echoed(message: string): ResultCheck {
  return (result) => {
    const content = (result as { content?: Array<{ text?: unknown }> } | undefined)?.content;
    return Array.isArray(content) && content.some((item) => item?.text === message);
  };
}
