import { ErrorCode, type RequestId } from '@mcp-sse/protocol';
import {
  type ClientChannel,
  type ClientRequestMethod,
  capabilityError,
  invalidResult,
  missingCapability,
} from './client-channel.js';
import { ClientRequestError } from './client-request-error.js';

/** Sends one serialised message on a session; `relatedRequestId` routes it to that request's stream. */
export type OutboundSend = (
  json: string,
  kind?: 'notification' | 'request',
  relatedRequestId?: RequestId,
) => void;

interface Pending {
  method: ClientRequestMethod;
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: ClientRequestError) => void;
  cleanup: () => void;
}

/** Default wait for a client's answer. */
export const CLIENT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * A session's requests to its client (2025 revisions): ids, the table of those awaiting an
 * answer, timeouts and cancellation. The client's JSON-RPC responses come back through the
 * core's `handle` and are matched here by id. Ids are the server's own number space: the
 * client's request ids are a separate space and never collide with these.
 */
export class OutboundRequests {
  readonly #send: OutboundSend;
  readonly #pending = new Map<RequestId, Pending>();
  #nextId = 0;
  #closed = false;

  constructor(send: OutboundSend) {
    this.#send = send;
  }

  /** Requests waiting for their answer. */
  get size(): number {
    return this.#pending.size;
  }

  /**
   * A channel for one handler: checks the client's capabilities before anything is sent,
   * routes the requests to the handler's own request stream, and gives up when `signal`
   * aborts.
   */
  channel(
    capabilities: Record<string, unknown> | undefined,
    relatedRequestId: RequestId | undefined,
    signal: AbortSignal | undefined,
  ): ClientChannel {
    return {
      request: (method, params, options) => {
        const missing = missingCapability(capabilities, method, params);
        if (missing !== undefined) return Promise.reject(capabilityError(method, missing));
        return this.request(method, params, {
          relatedRequestId,
          signal,
          timeoutMs: options?.timeoutMs ?? CLIENT_REQUEST_TIMEOUT_MS,
        });
      },
    };
  }

  /** Sends a request and waits for its answer (no capability check: see {@link channel}). */
  request(
    method: ClientRequestMethod,
    params: Record<string, unknown>,
    options: {
      relatedRequestId?: RequestId | undefined;
      signal?: AbortSignal | undefined;
      timeoutMs?: number;
    },
  ): Promise<Record<string, unknown>> {
    if (this.#closed) {
      return Promise.reject(
        new ClientRequestError(
          'session_closed',
          method,
          `The session closed: ${method} was not sent`,
        ),
      );
    }
    const { signal, relatedRequestId } = options;
    if (signal?.aborted) {
      return Promise.reject(
        new ClientRequestError(
          'cancelled',
          method,
          `The call was cancelled before ${method} was sent`,
        ),
      );
    }
    const id = `s${this.#nextId++}`;
    return new Promise((resolve, reject) => {
      const abandon = (code: 'timeout' | 'cancelled', message: string) => {
        if (!this.#pending.delete(id)) return;
        cleanup();
        // Tell the client to stop asking its user or model: nobody waits for the answer.
        this.#send(
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'notifications/cancelled',
            params: { requestId: id, reason: message },
          }),
          'notification',
          relatedRequestId,
        );
        reject(new ClientRequestError(code, method, message));
      };
      const timeoutMs = options.timeoutMs ?? CLIENT_REQUEST_TIMEOUT_MS;
      const timer =
        timeoutMs > 0
          ? setTimeout(
              () =>
                abandon('timeout', `The client did not answer ${method} within ${timeoutMs} ms`),
              timeoutMs,
            )
          : undefined;
      timer?.unref?.();
      const onAbort = () =>
        abandon('cancelled', `The call was cancelled while waiting for ${method}`);
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      this.#pending.set(id, { method, resolve, reject, cleanup });
      this.#send(
        JSON.stringify({ jsonrpc: '2.0', id, method, params }),
        'request',
        relatedRequestId,
      );
    });
  }

  /**
   * Settles the request a client's response answers. Returns false when no request waits
   * for it (unknown id, or answered after a timeout or cancel): such answers are dropped.
   */
  handleResponse(message: { id?: unknown; result?: unknown; error?: unknown }): boolean {
    const id = message.id;
    if (typeof id !== 'string' && typeof id !== 'number') return false;
    const pending = this.#pending.get(id);
    if (pending === undefined) return false;
    this.#pending.delete(id);
    pending.cleanup();
    const { method } = pending;
    if (message.error !== undefined) {
      const error = message.error as { code?: unknown; message?: unknown };
      const code = typeof error.code === 'number' ? error.code : ErrorCode.InternalError;
      const text = typeof error.message === 'string' ? error.message : 'no message';
      pending.reject(
        new ClientRequestError(
          'client_error',
          method,
          `The client refused ${method}: ${text} (${code})`,
          {
            rpcCode: code,
          },
        ),
      );
      return true;
    }
    const why = invalidResult(method, message.result);
    if (why !== undefined) {
      pending.reject(
        new ClientRequestError(
          'invalid_response',
          method,
          `The client's answer to ${method} is invalid: ${why}`,
        ),
      );
      return true;
    }
    pending.resolve(message.result as Record<string, unknown>);
    return true;
  }

  /** Rejects every waiting request: the session is gone. Later requests reject at once. */
  close(): void {
    this.#closed = true;
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      pending.cleanup();
      pending.reject(
        new ClientRequestError(
          'session_closed',
          pending.method,
          `The session closed before the client answered ${pending.method}`,
        ),
      );
    }
  }
}
