import {
  ErrorCode,
  type JSONRPCErrorObject,
  type JSONRPCMessage,
  type JSONRPCNotification,
  type JSONRPCRequest,
  jsonRpcError,
  jsonRpcNotification,
  jsonRpcRequest,
  jsonRpcResult,
  type Progress,
  type RequestId,
} from '@mcp-sse/protocol';
import { McpSseClientError, toClientError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import type { Transport, TransportCloseInfo } from '../transport/transport.js';
import { DeadlineTimer } from './deadlines.js';
import type { PendingRequest } from './pending.js';
import {
  DEFAULT_REQUEST_TIMEOUT,
  type RequestOptions,
  type SessionDefaults,
} from './request-options.js';

/** Options of {@link McpSession}. */
export interface McpSessionOptions extends SessionDefaults {
  /** Where diagnostics go. */
  logger?: Logger;
  /** The first request id (default 0); any integer works. */
  firstId?: number;
}

/**
 * The MCP side of a connection, on top of any {@link Transport}: numbers requests, matches
 * responses, routes progress, enforces timeouts with one shared timer, sends
 * `notifications/cancelled` on abort and timeout, and answers the server's `ping`.
 */
export class McpSession {
  /** A notification from the server (progress included, after routing it). */
  onnotification?: (notification: JSONRPCNotification) => void;
  /** Something went wrong that no pending request reports. */
  onerror?: (error: McpSseClientError) => void;
  /** The transport closed. */
  onclose?: (info: TransportCloseInfo) => void;

  readonly #transport: Transport;
  readonly #pending = new Map<RequestId, PendingRequest>();
  readonly #deadlines = new DeadlineTimer(() => this.#sweep());
  readonly #logger: Logger;
  readonly #requestTimeout: number;
  readonly #resetOnProgress: boolean;
  readonly #maxTotalTimeout: number | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  #nextId: number;
  #closedWith: McpSseClientError | undefined;

  constructor(transport: Transport, options: McpSessionOptions = {}) {
    this.#transport = transport;
    this.#logger = options.logger ?? silentLogger;
    this.#requestTimeout = positive(options.requestTimeout) ?? DEFAULT_REQUEST_TIMEOUT;
    this.#resetOnProgress = options.resetTimeoutOnProgress ?? false;
    this.#maxTotalTimeout = positive(options.maxTotalTimeout);
    this.#nextId = options.firstId ?? 0;
    transport.onmessage = (message) => this.#onMessage(message);
    transport.onerror = (error) => this.#onTransportError(error);
    transport.onclose = (info) => {
      this.close(
        info.error ??
          new McpSseClientError('closed', 'The connection was closed before the answer came'),
      );
      this.onclose?.(info);
    };
  }

  /** How many requests await an answer. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Sends a request and resolves with its raw `result`, or rejects with a typed error. */
  request(
    method: string,
    params?: Record<string, unknown>,
    options: RequestOptions = {},
  ): Promise<Record<string, unknown>> {
    if (this.#closedWith) return Promise.reject(this.#closedWith);
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortedError(method, signal.reason));
    const id = this.#nextId++;
    const timeout = positive(options.timeout) ?? this.#requestTimeout;
    const resetOnProgress = options.resetTimeoutOnProgress ?? this.#resetOnProgress;
    const maxTotal = positive(options.maxTotalTimeout) ?? this.#maxTotalTimeout;
    const now = Date.now();
    const hardDeadline = maxTotal === undefined ? Number.POSITIVE_INFINITY : now + maxTotal;
    // The request id doubles as progress token: unique, and no second map to keep.
    const sendParams =
      options.onProgress || resetOnProgress
        ? { ...params, _meta: { ...(params?._meta as object | undefined), progressToken: id } }
        : params;
    return new Promise((resolve, reject) => {
      const pending: PendingRequest = {
        id,
        method,
        deadline: Math.min(now + timeout, hardDeadline),
        hardDeadline,
        startedAt: now,
        timeout,
        resetOnProgress,
        onProgress: options.onProgress,
        resolve,
        reject,
        cleanup: undefined,
      };
      if (signal) {
        const onAbort = () => this.#abort(pending, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        pending.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
      this.#pending.set(id, pending);
      this.#deadlines.schedule(pending.deadline);
      this.#transport.send(jsonRpcRequest(id, method, sendParams)).catch((error: unknown) => {
        if (this.#take(id) !== pending) return;
        reject(toClientError(error, 'connect_failed', `Could not send ${method}`));
      });
    });
  }

  /** Sends a notification. */
  async notify(method: string, params?: Record<string, unknown>): Promise<void> {
    if (this.#closedWith) throw this.#closedWith;
    await this.#transport.send(jsonRpcNotification(method, params));
  }

  /**
   * Waits (at most `timeoutMs`) for cancellations still being sent, so that closing right
   * after an abort does not cut the `notifications/cancelled` POST off mid-flight.
   */
  async flush(timeoutMs = 1000): Promise<void> {
    if (this.#inFlight.size === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.#inFlight]), bound]);
    clearTimeout(timer);
  }

  /** Rejects every pending request with `error` and refuses new ones. Idempotent. */
  close(error: McpSseClientError): void {
    if (this.#closedWith) return;
    this.#closedWith = error;
    this.#deadlines.clear();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const request of pending) {
      request.cleanup?.();
      request.reject(error);
    }
  }

  #take(id: RequestId): PendingRequest | undefined {
    const pending = this.#pending.get(id);
    if (pending) {
      this.#pending.delete(id);
      pending.cleanup?.();
    }
    return pending;
  }

  #onMessage(message: JSONRPCMessage): void {
    if ('method' in message) {
      if ('id' in message && message.id !== undefined)
        this.#onServerRequest(message as JSONRPCRequest);
      else this.#onNotification(message as JSONRPCNotification);
      return;
    }
    const id = message.id;
    const pending = id === null || id === undefined ? undefined : this.#take(id);
    if (!pending) {
      if ('error' in message) {
        this.onerror?.(serverError('an unknown request', message.error as JSONRPCErrorObject));
      } else {
        this.#logger.warn?.(`Dropping a response to unknown request id ${JSON.stringify(id)}`);
      }
      return;
    }
    if ('result' in message) pending.resolve(message.result as Record<string, unknown>);
    else pending.reject(serverError(pending.method, message.error as JSONRPCErrorObject));
  }

  #onNotification(notification: JSONRPCNotification): void {
    if (notification.method === 'notifications/progress') this.#onProgress(notification.params);
    this.onnotification?.(notification);
  }

  #onProgress(params: Record<string, unknown> | undefined): void {
    const token = params?.progressToken;
    if (
      (typeof token !== 'number' && typeof token !== 'string') ||
      typeof params?.progress !== 'number'
    ) {
      this.#logger.warn?.('Dropping a malformed progress notification');
      return;
    }
    const pending = this.#pending.get(token);
    if (!pending) return;
    if (pending.resetOnProgress) {
      pending.deadline = Math.min(Date.now() + pending.timeout, pending.hardDeadline);
    }
    try {
      pending.onProgress?.(params as Progress);
    } catch (error) {
      this.#logger.error?.('onProgress threw', error);
    }
  }

  #onServerRequest(request: JSONRPCRequest): void {
    const answer =
      request.method === 'ping'
        ? jsonRpcResult(request.id, {})
        : jsonRpcError(
            request.id,
            ErrorCode.MethodNotFound,
            `Method not supported by this client: ${request.method}`,
          );
    this.#transport.send(answer).catch((error: unknown) => {
      this.#logger.warn?.(`Could not answer the server's ${request.method}`, error);
    });
  }

  #onTransportError(error: McpSseClientError): void {
    const requestId = (error.data as { requestId?: RequestId } | undefined)?.requestId;
    const pending = requestId === undefined ? undefined : this.#take(requestId);
    if (pending) pending.reject(error);
    this.onerror?.(error);
  }

  #abort(pending: PendingRequest, reason: unknown): void {
    if (this.#take(pending.id) !== pending) return;
    const error = abortedError(pending.method, reason);
    this.#cancel(pending, error.message);
    pending.reject(error);
  }

  #sweep(): void {
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const pending of this.#pending.values()) {
      if (pending.deadline > now) {
        if (pending.deadline < next) next = pending.deadline;
        continue;
      }
      this.#take(pending.id);
      const capped = pending.deadline >= pending.hardDeadline;
      const error = new McpSseClientError(
        'request_timeout',
        capped
          ? `${pending.method} (request ${pending.id}) ran past its maxTotalTimeout of ${pending.hardDeadline - pending.startedAt} ms; raise maxTotalTimeout if the tool is slow.`
          : `${pending.method} (request ${pending.id}) got no answer within ${pending.timeout} ms. ` +
              'Check the server is alive, or raise the timeout (requestTimeout / --timeout).',
      );
      this.#cancel(pending, 'Request timed out');
      pending.reject(error);
    }
    if (next !== Number.POSITIVE_INFINITY) this.#deadlines.schedule(next);
  }

  /** Tells the server to stop; never for `initialize`, which the spec says is not cancelled. */
  #cancel(pending: PendingRequest, reason: string): void {
    if (pending.method === 'initialize' || this.#closedWith) return;
    const sending: Promise<void> = this.#transport
      .send(jsonRpcNotification('notifications/cancelled', { requestId: pending.id, reason }))
      .catch((error: unknown) =>
        this.#logger.debug?.('Could not send notifications/cancelled', error),
      )
      .finally(() => this.#inFlight.delete(sending));
    this.#inFlight.add(sending);
  }
}

function positive(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function abortedError(method: string, reason: unknown): McpSseClientError {
  const why = reason instanceof Error ? reason.message : reason === undefined ? '' : String(reason);
  return new McpSseClientError(
    'aborted',
    `${method} was aborted${why ? ` (${why})` : ''}; the server was asked to cancel it.`,
    { cause: reason },
  );
}

function serverError(method: string, error: JSONRPCErrorObject): McpSseClientError {
  return new McpSseClientError(
    'server_error',
    `The server answered ${method} with error ${error.code}: ${error.message}`,
    { rpcCode: error.code, data: error.data },
  );
}
