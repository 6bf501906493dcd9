import {
  ErrorCode,
  type JSONRPCMessage,
  type JSONRPCRequest,
  jsonRpcError,
  jsonRpcNotification,
  jsonRpcResult,
  type RequestId,
} from '@mcp-sse/protocol';
import type { McpSseClient } from '../client.js';
import type { RequestOptions } from '../session/request-options.js';
import { hostError } from './host-error.js';

/**
 * The host's requests relayed to the remote through the client, which reconnects, resumes
 * and re-sends as needed. The host's progress token is swapped for the client's on the way
 * out and back on the way in; a `notifications/cancelled` from the host aborts the call,
 * which tells the remote, and the host gets no answer, as the specification says.
 */
export class HostCalls {
  readonly #send: (message: JSONRPCMessage) => void;
  readonly #inFlight = new Map<RequestId, AbortController>();
  readonly #settled = new Map<RequestId, Promise<unknown>>();
  /** Told of each call that succeeded, for what must be replayed on a new session. */
  onsuccess?: (method: string, params: Record<string, unknown> | undefined) => void;

  constructor(send: (message: JSONRPCMessage) => void) {
    this.#send = send;
  }

  /** How many host requests are waiting for the remote. */
  get size(): number {
    return this.#inFlight.size;
  }

  /** Resolves once no host request is waiting for the remote (at once when none is). */
  async idle(): Promise<void> {
    while (this.#settled.size > 0) {
      await Promise.allSettled([...this.#settled.values()]);
    }
  }

  /** Relays one host request and answers the host when the remote does. */
  relay(client: McpSseClient, request: JSONRPCRequest, timeout: number): void {
    const { id, method } = request;
    if (this.#inFlight.has(id)) {
      this.#send(
        jsonRpcError(
          id,
          ErrorCode.InvalidRequest,
          `Request id ${JSON.stringify(id)} is already in use by a request still running; ids must be unique.`,
        ),
      );
      return;
    }
    const params = request.params as Record<string, unknown> | undefined;
    const abort = new AbortController();
    this.#inFlight.set(id, abort);
    const token = (params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
    const options: RequestOptions = { signal: abort.signal, timeout };
    if (typeof token === 'string' || typeof token === 'number') {
      options.onProgress = (progress) =>
        this.#send(
          jsonRpcNotification('notifications/progress', { ...progress, progressToken: token }),
        );
    }
    const settled = client.request(method, params, options).then(
      (result) => {
        if (this.#inFlight.get(id) !== abort) return;
        this.#inFlight.delete(id);
        this.#send(jsonRpcResult(id, result));
        this.onsuccess?.(method, params);
      },
      (error: unknown) => {
        if (this.#inFlight.get(id) !== abort) return;
        this.#inFlight.delete(id);
        this.#send(hostError(id, error));
      },
    );
    this.#settled.set(id, settled);
    void settled.finally(() => {
      if (this.#settled.get(id) === settled) this.#settled.delete(id);
    });
  }

  /** The host cancelled `id`: the remote is told, the host hears nothing more of it. */
  cancel(id: unknown, reason: unknown): void {
    if (typeof id !== 'string' && typeof id !== 'number') return;
    const abort = this.#inFlight.get(id);
    if (!abort) return;
    this.#inFlight.delete(id);
    abort.abort(new Error(typeof reason === 'string' ? reason : 'Cancelled by the host'));
  }
}
