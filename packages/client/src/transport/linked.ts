import type { JSONRPCMessage } from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';
import type { Transport, TransportCloseInfo } from './transport.js';

/** One end of an in-memory transport pair. */
export class LinkedTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: McpSseClientError) => void;
  onclose?: (info: TransportCloseInfo) => void;
  /** The other end. */
  peer: LinkedTransport | undefined;
  readonly endpoint = 'memory:';
  #closed = false;

  async start(): Promise<void> {
    if (this.#closed) throw new McpSseClientError('closed', 'The linked transport is closed');
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const peer = this.peer;
    if (this.#closed || !peer || peer.#closed) {
      throw new McpSseClientError('closed', 'The linked transport is closed');
    }
    // A copy on a later microtask behaves like the wire: no shared objects, no re-entrancy.
    const copy = structuredClone(message);
    queueMicrotask(() => {
      if (!peer.#closed) peer.onmessage?.(copy);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.onclose?.({ reason: 'closed' });
    const peer = this.peer;
    if (peer && !peer.#closed) {
      peer.#closed = true;
      peer.onclose?.({
        reason: 'stream_ended',
        error: new McpSseClientError(
          'session_lost',
          'The other end of the linked transport closed',
        ),
      });
    }
  }
}

/**
 * Two transports wired to each other in memory: what one sends the other receives. For
 * tests of the session and client without sockets, and for in-process servers.
 */
export function createLinkedTransports(): [LinkedTransport, LinkedTransport] {
  const a = new LinkedTransport();
  const b = new LinkedTransport();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
