import {
  isJSONRPCErrorResponse,
  type JSONRPCMessage,
  jsonRpcNotification,
  jsonRpcRequest,
  type RequestId,
} from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';

interface Asked {
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: McpSseClientError) => void;
  /** The id the remote gave the request, to relay its `notifications/cancelled`. */
  remoteId: RequestId | undefined;
  detach: () => void;
}

/**
 * The remote's requests (sampling, elicitation, roots) put to the host under ids of our
 * own, and the host's answers matched back. The host's error comes back as a
 * `server_error` with its code, message and data, which the session relays as they are.
 */
export class HostRequests {
  readonly #send: (message: JSONRPCMessage) => void;
  readonly #asked = new Map<RequestId, Asked>();
  #nextId = 0;

  constructor(send: (message: JSONRPCMessage) => void) {
    this.#send = send;
  }

  /** Asks the host; aborting `signal` tells the host to cancel and rejects. */
  ask(
    method: string,
    params: Record<string, unknown> | undefined,
    signal: AbortSignal,
    remoteId?: RequestId,
  ): Promise<Record<string, unknown>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => this.cancel(id, 'The server side went away.');
      signal.addEventListener('abort', onAbort, { once: true });
      this.#asked.set(id, {
        resolve,
        reject,
        remoteId,
        detach: () => signal.removeEventListener('abort', onAbort),
      });
      this.#send(jsonRpcRequest(id, method, params));
      if (signal.aborted) onAbort();
    });
  }

  /** Takes the host's answer to one of our requests; false when it answers nothing of ours. */
  answer(message: JSONRPCMessage): boolean {
    if (!('id' in message) || 'method' in message) return false;
    const asked = this.#take(message.id as RequestId);
    if (!asked) return false;
    if (isJSONRPCErrorResponse(message)) {
      const { code, message: text, data } = message.error;
      asked.reject(
        new McpSseClientError('server_error', text, {
          rpcCode: code,
          ...(data === undefined ? {} : { data }),
        }),
      );
    } else {
      asked.resolve((message as { result: Record<string, unknown> }).result);
    }
    return true;
  }

  /**
   * The remote cancelled its request `remoteId`: tells the host to stop the matching one.
   * False when no such request is out (it was answered already).
   */
  cancelRemote(remoteId: RequestId, reason: unknown): boolean {
    for (const [id, asked] of this.#asked) {
      if (asked.remoteId === remoteId) return this.cancel(id, reason);
    }
    return false;
  }

  /** Cancels one of our requests at the host, and rejects it. */
  cancel(id: RequestId, reason: unknown): boolean {
    const asked = this.#take(id);
    if (!asked) return false;
    const text = typeof reason === 'string' ? reason : undefined;
    this.#send(
      jsonRpcNotification('notifications/cancelled', {
        requestId: id,
        ...(text === undefined ? {} : { reason: text }),
      }),
    );
    asked.reject(new McpSseClientError('aborted', 'The request was cancelled.'));
    return true;
  }

  /** Rejects everything still out (the proxy is closing). */
  rejectAll(error: McpSseClientError): void {
    for (const id of [...this.#asked.keys()]) this.#take(id)?.reject(error);
  }

  #take(id: RequestId): Asked | undefined {
    const asked = this.#asked.get(id);
    if (!asked) return undefined;
    this.#asked.delete(id);
    asked.detach();
    return asked;
  }
}
