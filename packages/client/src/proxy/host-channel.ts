import { createInterface } from 'node:readline';
import type { JSONRPCMessage } from '@mcp-sse/protocol';
import { readHostLine } from './host-line.js';

/**
 * The stdio side of the proxy: newline-delimited JSON-RPC on the host's pipes, as the
 * specification's stdio transport says. Only JSON-RPC ever goes to `output`; a bad line is
 * answered with a JSON-RPC error here and never reaches the proxy.
 */
export class HostChannel {
  /** A well-formed message from the host. */
  onmessage?: (message: JSONRPCMessage) => void;
  /** The host closed our stdin: it is done with us. */
  onend?: () => void;
  readonly #write: (text: string) => void;
  #ended = false;

  constructor(input: NodeJS.ReadableStream, write: (text: string) => void) {
    this.#write = write;
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
    lines.on('line', (text) => {
      const read = readHostLine(text);
      if (read === undefined) return;
      if (read.ok) this.onmessage?.(read.message);
      else this.send(read.reply);
    });
    lines.on('close', () => {
      this.#ended = true;
      this.onend?.();
    });
  }

  /** Whether the host closed our stdin. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Writes one message as one line; JSON.stringify never puts a raw newline inside. */
  send(message: JSONRPCMessage): void {
    this.#write(`${JSON.stringify(message)}\n`);
  }
}
