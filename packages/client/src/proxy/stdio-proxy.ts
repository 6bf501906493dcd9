import {
  ErrorCode,
  isJSONRPCNotification,
  isJSONRPCRequest,
  type JSONRPCMessage,
  type JSONRPCNotification,
  type JSONRPCRequest,
  jsonRpcError,
  jsonRpcResult,
} from '@mcp-sse/protocol';
import type { McpSseClient } from '../client.js';
import { McpSseClientError, toClientError } from '../errors.js';
import { HostCalls } from './host-calls.js';
import { HostChannel } from './host-channel.js';
import { hostError } from './host-error.js';
import { hostHandlers } from './host-handlers.js';
import { hostInitializeResult, remoteIdentity } from './host-initialize.js';
import { HostRequests } from './host-requests.js';
import type { StdioProxyEnd, StdioProxyOptions } from './proxy-options.js';
import { relayRemoteNotification } from './remote-notifications.js';
import { SessionMemory } from './session-memory.js';

type Phase = 'waiting' | 'connecting' | 'ready' | 'closed';

/**
 * Runs the network -> stdio proxy: MCP with a local host on stdin/stdout, MCP with the
 * remote server through the client. The host's `initialize` opens the remote connection
 * (see {@link remoteIdentity}) and is answered with the remote's result; from then on
 * requests, answers and notifications cross in both directions. Resolves when the host
 * closes stdin, or the remote connection is lost for good.
 */
export function runStdioProxy(options: StdioProxyOptions): Promise<StdioProxyEnd> {
  // The proxy lives until it ends, even while only unref'd timers (a reconnect's backoff)
  // are pending and stdin is already closed.
  const keepAlive = setInterval(() => {}, 1 << 30);
  return new Promise<StdioProxyEnd>((resolve) => new StdioProxy(options, resolve)).finally(() =>
    clearInterval(keepAlive),
  );
}

class StdioProxy {
  readonly #options: StdioProxyOptions;
  readonly #channel: HostChannel;
  readonly #host: HostRequests;
  readonly #calls: HostCalls;
  readonly #memory = new SessionMemory();
  readonly #done: (end: StdioProxyEnd) => void;
  #phase: Phase = 'waiting';
  #client: McpSseClient | undefined;
  /** What the host sent while the remote connection was being made, in order. */
  #held: JSONRPCMessage[] = [];
  /** The remote connection being made for the host's initialize. */
  #connecting: Promise<void> | undefined;

  constructor(options: StdioProxyOptions, done: (end: StdioProxyEnd) => void) {
    this.#options = options;
    this.#done = done;
    this.#channel = new HostChannel(options.input, options.write);
    // Answers still go out while closing: the host should hear how its calls ended.
    const send = (message: JSONRPCMessage) => this.#channel.send(message);
    this.#host = new HostRequests(send);
    this.#calls = new HostCalls(send);
    this.#calls.onsuccess = (method, params) => this.#memory.remember(method, params);
    this.#channel.onmessage = (message) => this.#onHostMessage(message);
    this.#channel.onend = () => void this.#finish();
  }

  #onHostMessage(message: JSONRPCMessage): void {
    // A host that does not wait for the initialize answer gets its messages relayed after it.
    if (this.#phase === 'connecting' && !(isJSONRPCRequest(message) && message.method === 'ping')) {
      this.#held.push(message);
      return;
    }
    if (isJSONRPCRequest(message)) this.#onHostRequest(message);
    else if (isJSONRPCNotification(message)) this.#onHostNotification(message);
    else if (!this.#host.answer(message)) {
      this.#options.logger.warn?.(
        `The host answered a request we never sent (id ${JSON.stringify((message as { id?: unknown }).id)}); dropped.`,
      );
    }
  }

  #onHostRequest(request: JSONRPCRequest): void {
    const client = this.#client;
    if (request.method === 'initialize') {
      if (this.#phase === 'waiting') this.#connecting = this.#initialize(request);
      else this.#refuse(request, 'initialize was already received; send it once per process.');
      return;
    }
    if (this.#phase === 'ready' && client) {
      this.#calls.relay(client, request, this.#options.requestTimeout);
    } else if (request.method === 'ping' && this.#phase !== 'closed') {
      // Pings may come before initialization ends; the proxy itself is alive.
      this.#channel.send(jsonRpcResult(request.id, {}));
    } else if (this.#phase === 'closed') {
      this.#refuse(request, 'The connection to the remote server is closed.');
    } else {
      this.#refuse(request, 'Send initialize first and wait for its answer.');
    }
  }

  #onHostNotification(notification: JSONRPCNotification): void {
    const params = notification.params as Record<string, unknown> | undefined;
    // The client sent its own `initialized` when it connected.
    if (notification.method === 'notifications/initialized') return;
    if (notification.method === 'notifications/cancelled') {
      this.#calls.cancel(params?.requestId, params?.reason);
      return;
    }
    if (this.#phase !== 'ready' || !this.#client) return;
    this.#client.notify(notification.method, params).catch((error: unknown) => {
      this.#options.logger.warn?.(
        `Could not relay ${notification.method} to the server: ${(error as Error).message}`,
      );
    });
  }

  async #initialize(request: JSONRPCRequest): Promise<void> {
    const identity = remoteIdentity(request.params, this.#options.protocolVersion);
    if (!identity.ok) {
      this.#channel.send(jsonRpcError(request.id, ErrorCode.InvalidParams, identity.error.message));
      return;
    }
    this.#phase = 'connecting';
    const { logger } = this.#options;
    let client: McpSseClient;
    try {
      client = await this.#options.connect({
        ...identity.value,
        handlers: hostHandlers(this.#host, identity.value.capabilities),
      });
    } catch (error) {
      const failure = toClientError(error, 'connect_failed', 'Connecting failed');
      logger.error?.(`Could not connect: ${failure.message}`);
      this.#channel.send(hostError(request.id, failure));
      for (const held of this.#held.splice(0)) {
        if (isJSONRPCRequest(held)) this.#channel.send(hostError(held.id, failure));
      }
      await this.#end({ reason: 'connect_failed', error: failure });
      return;
    }
    // The host may have gone while we were connecting.
    if ((this.#phase as Phase) === 'closed') {
      await client.close();
      return;
    }
    this.#client = client;
    this.#watch(client);
    this.#phase = 'ready';
    logger.info?.(
      `Connected to ${client.url} (${client.transportKind}, protocol ${client.protocolVersion}).`,
    );
    this.#channel.send(jsonRpcResult(request.id, hostInitializeResult(client)));
    for (const held of this.#held.splice(0)) this.#onHostMessage(held);
  }

  #watch(client: McpSseClient): void {
    const { logger } = this.#options;
    client.on('notification', (notification) => {
      const relayed = relayRemoteNotification(notification, this.#host);
      if (relayed && this.#phase === 'ready') this.#channel.send(relayed);
    });
    client.on('error', (error) => logger.warn?.(error.message));
    client.on('reconnecting', ({ attempt, delayMs, error }) =>
      logger.warn?.(`Connection lost (${error.message}); reconnect ${attempt} in ${delayMs} ms.`),
    );
    client.on('reconnected', ({ resumed }) => {
      logger.info?.(
        resumed ? 'Reconnected; the session resumed.' : 'Reconnected to a new session.',
      );
      if (!resumed) void this.#memory.replay(client, logger);
    });
    client.on('close', ({ error }) => {
      if (this.#phase === 'closed') return;
      logger.error?.(`The connection to the server closed${error ? `: ${error.message}` : '.'}`);
      void this.#end({ reason: 'remote_closed', error });
    });
  }

  #refuse(request: JSONRPCRequest, why: string): void {
    this.#channel.send(jsonRpcError(request.id, ErrorCode.InvalidRequest, why));
  }

  /**
   * The host closed stdin: what it already asked still gets its answer (the connection for
   * its initialize, the calls in flight, each bounded by its timeout), then the proxy ends.
   */
  async #finish(): Promise<void> {
    await this.#connecting;
    await this.#calls.idle();
    await this.#end({ reason: 'host_closed' });
  }

  async #end(end: StdioProxyEnd): Promise<void> {
    if (this.#phase === 'closed') return;
    this.#phase = 'closed';
    this.#host.rejectAll(new McpSseClientError('closed', 'The stdio proxy is closing.'));
    await this.#client?.close().catch(() => {});
    // The calls the client just failed answer the host on the next turns; let them out.
    await new Promise((resolve) => setImmediate(resolve));
    this.#done(end);
  }
}
