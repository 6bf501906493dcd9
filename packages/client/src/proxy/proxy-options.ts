import type { McpSseClient } from '../client.js';
import type { McpSseClientError } from '../errors.js';
import type { ClientHandlers } from '../features/handlers.js';
import type { Logger } from '../logger.js';
import type { RemoteIdentity } from './host-initialize.js';

/** What the proxy connects with: the host's identity, and handlers that ask the host. */
export interface RemoteConnectRequest extends RemoteIdentity {
  handlers: ClientHandlers;
}

/** Options of {@link runStdioProxy}. */
export interface StdioProxyOptions {
  /** The host's messages, one per line (stdin). */
  input: NodeJS.ReadableStream;
  /** Writes to the host (stdout): only JSON-RPC lines ever go through it. */
  write: (text: string) => void;
  /**
   * Connects to the remote once the host's `initialize` arrives (the CLI: negotiation,
   * `--transport`, headers, OAuth); resolves with a ready client.
   */
  connect: (request: RemoteConnectRequest) => Promise<McpSseClient>;
  /** `--protocol-version`: offered to the remote instead of the host's revision. */
  protocolVersion?: string;
  /** Bound in ms on each relayed request; the host usually gives up sooner and cancels. */
  requestTimeout: number;
  /** Diagnostics: stderr in the CLI, never stdout. */
  logger: Logger;
}

/** How a proxy run ended. */
export type StdioProxyEnd =
  /** The host closed stdin. */
  | { reason: 'host_closed' }
  /** Connecting to the remote failed (the host got the error as its `initialize` answer). */
  | { reason: 'connect_failed'; error: McpSseClientError }
  /** The remote connection closed for good (reconnecting gave up). */
  | { reason: 'remote_closed'; error: McpSseClientError | undefined };
