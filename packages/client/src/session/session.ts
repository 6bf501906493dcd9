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
import { AbortHandle } from '../http/abort-handle.js';
import { neverReachedServer } from '../http/never-reached-server.js';
import { type Logger, silentLogger } from '../logger.js';
import type { SendOptions, Transport, TransportCloseInfo } from '../transport/transport.js';
import { AnswerQueue, type AnswerQueueOptions } from './answer-queue.js';
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
  /**
   * Recovery: a POST that failed before any answer (network) or got 404 is not final; the
   * request is queued and sent again (after `retryDelay(failures)` ms, at most
   * `maxFailures` times). Without it such a POST rejects its request at once.
   */
  recovery?: SessionRecovery;
  /** Bounds on answering the server's own requests (`ping`, unsupported methods). */
  serverRequests?: AnswerQueueOptions;
}

/** How {@link McpSession} re-sends requests the server never accepted. */
export interface SessionRecovery {
  /** Ms to wait before re-sending after the `failures`-th failed POST. */
  retryDelay(failures: number): number;
  /** Failed POSTs per request before it rejects with `connect_failed`. */
  maxFailures: number;
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
  /**
   * A POST got 404: the server no longer knows the session (recovery only). Return true
   * when a new session is on its way (the request waits for {@link resume}); false fails it.
   */
  onsessiongone?: () => boolean;
  /**
   * Answers a request from the server (elicitation, sampling, roots). Rejecting with a
   * McpSseClientError that has `rpcCode` sends that JSON-RPC error. Unset: only `ping` is
   * answered, anything else gets -32601. Runs inside the bounded answer queue
   * (`serverRequests`), so a flood cannot start unbounded handlers either.
   */
  onrequest?: (
    method: string,
    params: Record<string, unknown> | undefined,
    id: RequestId,
  ) => Promise<Record<string, unknown>>;

  readonly #transport: Transport;
  readonly #pending = new Map<RequestId, PendingRequest>();
  readonly #deadlines = new DeadlineTimer(() => this.#sweep());
  readonly #logger: Logger;
  readonly #requestTimeout: number;
  readonly #resetOnProgress: boolean;
  readonly #maxTotalTimeout: number | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #recovery: SessionRecovery | undefined;
  readonly #resendTimers = new Set<ReturnType<typeof setTimeout>>();
  readonly #firstId: number;
  /** Answers to the server's own requests: bounded in flight and queued. */
  readonly #answers: AnswerQueue;
  #nextId: number;
  #closedWith: McpSseClientError | undefined;
  #paused = false;
  /** Bumped when the server loses the session: answers to older POSTs are worthless. */
  #epoch = 0;
  #lostWith: McpSseClientError | undefined;
  #barrierRun: { startedAt: number; done: Promise<unknown> } | undefined;

  constructor(transport: Transport, options: McpSessionOptions = {}) {
    this.#transport = transport;
    this.#logger = options.logger ?? silentLogger;
    this.#requestTimeout = positive(options.requestTimeout) ?? DEFAULT_REQUEST_TIMEOUT;
    this.#resetOnProgress = options.resetTimeoutOnProgress ?? false;
    this.#maxTotalTimeout = positive(options.maxTotalTimeout);
    this.#nextId = options.firstId ?? 0;
    this.#firstId = this.#nextId;
    this.#recovery = options.recovery;
    this.#answers = new AnswerQueue(
      (error) => this.#logger.warn?.('Could not answer a request of the server', error),
      options.serverRequests,
    );
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

  /** True while requests are held back (the stream is being reopened). */
  get paused(): boolean {
    return this.#paused;
  }

  /**
   * Sends a request and resolves with its raw `result`, or rejects with a typed error.
   * While the session is paused the request waits and goes out on {@link resume}.
   */
  request(
    method: string,
    params?: Record<string, unknown>,
    options: RequestOptions = {},
  ): Promise<Record<string, unknown>> {
    return this.#request(method, params, options, false, true);
  }

  /**
   * Like {@link request}, but goes out even while paused: for re-initializing a new
   * session before the held-back requests follow. Never re-sent on another session.
   */
  requestNow(
    method: string,
    params?: Record<string, unknown>,
    options: RequestOptions = {},
  ): Promise<Record<string, unknown>> {
    return this.#request(method, params, options, true, true);
  }

  #request(
    method: string,
    params: Record<string, unknown> | undefined,
    options: RequestOptions,
    urgent: boolean,
    recoverable: boolean,
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
        message: jsonRpcRequest(id, method, sendParams),
        state: 'queued',
        epoch: this.#epoch,
        failures: 0,
        failedAt: 0,
        resentInSession: false,
        uncertain: false,
        idempotent: options.idempotent ?? false,
        urgent,
        recoverable,
        lastProgress: undefined,
        post: undefined,
        cleanup: undefined,
      };
      if (signal) {
        const onAbort = () => this.#abort(pending, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        pending.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
      this.#pending.set(id, pending);
      this.#deadlines.schedule(pending.deadline);
      if (urgent || !this.#paused) this.#send(pending);
    });
  }

  #send(pending: PendingRequest): void {
    if (pending.epoch !== this.#epoch) pending.lastProgress = undefined;
    else if (pending.failures > 0) pending.resentInSession = true;
    pending.state = 'sending';
    pending.epoch = this.#epoch;
    const epoch = this.#epoch;
    const post = new AbortHandle();
    pending.post = post;
    this.#transport.send(pending.message, sendOptions(post)).then(
      () => this.#onAccepted(pending, epoch),
      (error: unknown) =>
        this.#onSendFailed(
          pending,
          epoch,
          toClientError(error, 'connect_failed', `Could not send ${pending.method}`),
        ),
    );
  }

  #onAccepted(pending: PendingRequest, epoch: number): void {
    if (this.#pending.get(pending.id) !== pending) return;
    if (epoch === this.#epoch) pending.state = 'accepted';
    else this.#acceptedByLostSession(pending);
  }

  #onSendFailed(pending: PendingRequest, epoch: number, error: McpSseClientError): void {
    if (this.#pending.get(pending.id) !== pending) return;
    const recovery = this.#recovery;
    const gone = isSessionGone(error);
    // Only failures that prove the server never took the request are safe to resend.
    if (
      !recovery ||
      !pending.recoverable ||
      this.#closedWith ||
      !(gone || isNetworkFailure(error))
    ) {
      this.#take(pending.id);
      pending.reject(error);
      return;
    }
    if (!gone && !neverReachedServer(error)) pending.uncertain = true;
    // A copy of it (same id) may have reached the session that is now gone.
    if ((error.data as { mayHaveRun?: unknown } | undefined)?.mayHaveRun === true) {
      pending.uncertain = true;
    }
    if (epoch !== this.#epoch && pending.uncertain) {
      // Its session was lost while this POST was out: it may have run there.
      this.#acceptedByLostSession(pending);
      return;
    }
    // A 404 from an older session says nothing new: the new one is already coming.
    const coming = gone && (epoch !== this.#epoch || this.onsessiongone?.() === true);
    pending.failures++;
    if (pending.failures > recovery.maxFailures || (gone && (pending.urgent || !coming))) {
      this.#take(pending.id);
      pending.reject(
        gone
          ? error
          : new McpSseClientError(
              'connect_failed',
              `${pending.method} (request ${pending.id}) could not be delivered in ${pending.failures} attempts: ${error.message}`,
              { cause: error },
            ),
      );
      return;
    }
    pending.state = 'queued';
    pending.failedAt = Date.now();
    // After a 404 only the new session can take it: it goes out on resume().
    if (!gone && (pending.urgent || !this.#paused)) this.#resendLater(pending);
  }

  /**
   * Re-sends a request whose POST failed with no answer, after a backoff delay and a
   * barrier: the server may have run it and only the 202 was lost. A `ping` sent now is
   * answered on the stream after anything the server wrote before, so once it is back
   * with no answer for our request, the server had not run it: only then is it sent
   * again (else the answer already settled it and nothing is sent).
   */
  #resendLater(pending: PendingRequest): void {
    const delay = this.#recovery?.retryDelay(pending.failures) ?? 0;
    const epoch = this.#epoch;
    const stillWaiting = () =>
      this.#pending.get(pending.id) === pending &&
      pending.state === 'queued' &&
      epoch === this.#epoch &&
      (pending.urgent || !this.#paused);
    const timer = setTimeout(() => {
      this.#resendTimers.delete(timer);
      if (!stillWaiting()) return;
      this.#barrier(pending.failedAt).then(
        () => {
          if (stillWaiting()) this.#send(pending);
        },
        () => {
          // The ping failed too: the network is still down. Count it and try again.
          if (!stillWaiting()) return;
          pending.failures++;
          if (pending.failures > (this.#recovery?.maxFailures ?? 0)) {
            this.#take(pending.id);
            pending.reject(
              new McpSseClientError(
                'connect_failed',
                `${pending.method} (request ${pending.id}) could not be delivered in ${pending.failures} attempts.`,
              ),
            );
            return;
          }
          this.#resendLater(pending);
        },
      );
    }, delay);
    (timer as { unref?: () => void }).unref?.();
    this.#resendTimers.add(timer);
  }

  /** A ping started no earlier than `after`, shared by the re-sends that wait on it. */
  #barrier(after: number): Promise<unknown> {
    const current = this.#barrierRun;
    if (current && current.startedAt >= after) return current.done;
    const done = this.#request('ping', undefined, { timeout: BARRIER_TIMEOUT }, true, false);
    const run = { startedAt: Date.now(), done };
    this.#barrierRun = run;
    const clear = () => {
      if (this.#barrierRun === run) this.#barrierRun = undefined;
    };
    done.then(clear, clear);
    return done;
  }

  /** The session that accepted it is gone: send it again only if it is safe to run twice. */
  #acceptedByLostSession(pending: PendingRequest): void {
    if (pending.idempotent && !pending.urgent) {
      pending.state = 'queued';
      if (!this.#paused) this.#send(pending);
      return;
    }
    this.#take(pending.id);
    const why = this.#lostWith?.message ?? 'the server lost the session';
    pending.reject(
      new McpSseClientError(
        'session_lost',
        `${pending.method} (request ${pending.id}) may have run on the server before the session ` +
          `was lost (${why}), so it was not sent again; retry it if that is safe, or pass ` +
          '`idempotent: true` to let the client do so.',
        { cause: this.#lostWith },
      ),
    );
  }

  /** Holds new requests back (the stream is being reopened); they go out on {@link resume}. */
  pause(): void {
    this.#paused = true;
  }

  /** Sends what was held back, in request order, and stops holding requests back. */
  resume(): void {
    if (this.#closedWith) return;
    this.#paused = false;
    for (const pending of [...this.#pending.values()]) {
      if (pending.state !== 'queued') continue;
      // One that failed on this same session waits for a barrier: its answer may still come.
      if (pending.failures > 0 && pending.epoch === this.#epoch) this.#resendLater(pending);
      else this.#send(pending);
    }
  }

  /**
   * The server lost the session (it restarted, or the grace period passed) and a new one
   * is starting. Requests it never accepted stay queued for the new session; those it may
   * have run reject with `session_lost`, unless `idempotent`. Leaves the session paused
   * until {@link resume}, so that the caller can initialize the new session first.
   */
  sessionLost(error: McpSseClientError): void {
    if (this.#closedWith) return;
    this.#paused = true;
    this.#epoch++;
    this.#lostWith = error;
    for (const pending of [...this.#pending.values()]) {
      if (pending.state === 'accepted' || (pending.state === 'queued' && pending.uncertain)) {
        this.#acceptedByLostSession(pending);
      } else if (pending.urgent) {
        // Part of initializing the lost session: its caller starts over.
        this.#take(pending.id);
        pending.reject(error);
      }
      // `sending`: settled when its POST answers, by the epoch it went out in.
    }
  }

  /** Sends a notification. */
  async notify(method: string, params?: Record<string, unknown>): Promise<void> {
    if (this.#closedWith) throw this.#closedWith;
    await this.#transport.send(jsonRpcNotification(method, params));
  }

  /**
   * Sends a notification that must arrive (`notifications/initialized`): with recovery on, a
   * POST that failed before any answer is tried again after the backoff delay, at most
   * `maxFailures` times. Sending it twice is harmless; never arriving is not.
   */
  async notifySurely(method: string, params?: Record<string, unknown>): Promise<void> {
    const recovery = this.#recovery;
    for (let failures = 0; ; failures++) {
      try {
        await this.notify(method, params);
        return;
      } catch (error) {
        const clientError = toClientError(error, 'connect_failed', `Could not send ${method}`);
        if (!recovery || !isNetworkFailure(clientError) || failures >= recovery.maxFailures) {
          throw clientError;
        }
        await new Promise((resolve) => setTimeout(resolve, recovery.retryDelay(failures + 1)));
      }
    }
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
    this.#answers.clear();
    for (const timer of this.#resendTimers) clearTimeout(timer);
    this.#resendTimers.clear();
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
    const waiting = id === null || id === undefined ? undefined : this.#pending.get(id);
    if (
      waiting?.resentInSession &&
      'error' in message &&
      (message.error as JSONRPCErrorObject).code === ErrorCode.InvalidRequest
    ) {
      // A copy sent again while the first still runs on the server: that one answers.
      this.#logger.debug?.(`Request ${waiting.id} runs already; waiting for its answer`);
      return;
    }
    const pending = waiting === undefined ? undefined : this.#take(waiting.id);
    if (!pending) {
      if (typeof id === 'number' && id >= this.#firstId && id < this.#nextId) {
        // Ours and already settled: a replay after a resume, or the second answer to a
        // request that was sent twice. Delivering it again would run a callback twice.
        this.#logger.debug?.(`Dropping a repeated answer to request ${id}`);
        return;
      }
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
    // Progress only goes forward: a replayed or reordered notification is stale.
    if (pending.lastProgress !== undefined && params.progress <= pending.lastProgress) return;
    pending.lastProgress = params.progress;
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
    if (this.#closedWith) return;
    const accepted = this.#answers.push(async () => {
      const answer = await this.#answerFor(request);
      if (!this.#closedWith) await this.#transport.send(answer);
    });
    if (accepted) return;
    // Once per burst: a flood must not become a flood of log lines too.
    const dropped = this.#answers.dropped;
    if (dropped === 1 || dropped % 1000 === 0) {
      this.#logger.warn?.(
        `The server sends requests faster than they can be answered; dropped ${dropped} ` +
          `request(s) unanswered so far (its ${request.method.slice(0, 100)} among them).`,
      );
    }
  }

  /**
   * The answer to a server request: the application's handler's result, or a JSON-RPC
   * error. Runs inside the answer queue, so handlers are bounded in concurrency too.
   */
  async #answerFor(request: JSONRPCRequest): Promise<JSONRPCMessage> {
    const handler = this.onrequest;
    const params = request.params as Record<string, unknown> | undefined;
    try {
      if (handler && request.method !== 'ping') {
        return jsonRpcResult(request.id, await handler(request.method, params, request.id));
      }
    } catch (error) {
      const known = McpSseClientError.isInstance(error);
      const rpcCode = known ? error.rpcCode : undefined;
      const message = error instanceof Error ? error.message : String(error);
      // A handler relaying someone else's JSON-RPC error (a stdio proxy) keeps its data too.
      const data = known && rpcCode !== undefined ? error.data : undefined;
      return jsonRpcError(
        request.id,
        rpcCode ?? ErrorCode.InternalError,
        message.slice(0, 500),
        data,
      );
    }
    return request.method === 'ping'
      ? jsonRpcResult(request.id, {})
      : jsonRpcError(
          request.id,
          ErrorCode.MethodNotFound,
          `Method not supported by this client: ${request.method.slice(0, 100)}`,
        );
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
    pending.post?.abort(error);
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
      pending.post?.abort(error);
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

/**
 * The POST got no HTTP answer at all. Counted as not accepted, so it is sent again; if
 * the server did take it, its answer usually arrives before the resend (which then does
 * not happen), and a second answer is dropped by request id.
 */
function isNetworkFailure(error: McpSseClientError): boolean {
  return error.code === 'connect_failed' && error.status === undefined;
}

/** The server answered 404: it does not know the session, so it did not take the request. */
function isSessionGone(error: McpSseClientError): boolean {
  return error.code === 'session_lost' && error.status === 404;
}

/** Send options carrying `post`: our transports read `abort`; others get a signal on demand. */
function sendOptions(post: AbortHandle): SendOptions {
  return {
    abort: post,
    get signal() {
      return post.signal;
    },
  };
}

/** Bound on a resend barrier's `ping`. */
const BARRIER_TIMEOUT = 10_000;

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
    // The wire error as the cause: whoever relays it (the stdio proxy) can pass it on exactly.
    { rpcCode: error.code, data: error.data, cause: error },
  );
}
