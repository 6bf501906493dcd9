import { isLevelEnabled, type LoggingLevel } from '@mcp-sse/protocol';
import { ClientRequestError } from '../features/client-request-error.js';
import { type ClientRequests, clientRequests } from '../features/client-requests.js';
import type { SessionInfo, ToolContext } from '../tools/tool-context.js';
import type { CoreSession } from './core-session.js';
import type { InFlightCall } from './in-flight-call.js';
import { notificationJson } from './wire.js';

/** The `ctx` a handler receives: a class so every call's context has the same shape. */
export class CallContext implements ToolContext {
  readonly #session: CoreSession;
  readonly #call: InFlightCall;

  constructor(session: CoreSession, call: InFlightCall) {
    this.#session = session;
    this.#call = call;
  }

  /** The client requests, made on first use: most handlers never ask the client anything. */
  get #client(): ClientRequests {
    const call = this.#call;
    return clientRequests(() => {
      if (call.clientChannel === undefined) {
        return {
          request: (method) =>
            Promise.reject(
              new ClientRequestError(
                'not_supported',
                method,
                `This call cannot send ${method} to the client: it came through a transport without a session stream`,
              ),
            ),
        };
      }
      return call.clientChannel(call.signal);
    });
  }

  // Prototype methods, not per-instance closures: a context is made for every call.
  elicit(...args: Parameters<ToolContext['elicit']>): ReturnType<ToolContext['elicit']> {
    return this.#client.elicit(...args);
  }

  sample(...args: Parameters<ToolContext['sample']>): ReturnType<ToolContext['sample']> {
    return this.#client.sample(...args);
  }

  roots(...args: Parameters<ToolContext['roots']>): ReturnType<ToolContext['roots']> {
    return this.#client.roots(...args);
  }

  get signal(): AbortSignal {
    return this.#call.signal;
  }

  get session(): SessionInfo {
    return this.#session;
  }

  closeStream(): boolean {
    const id = this.#call.requestId;
    if (id === undefined || this.#call.settled) return false;
    return this.#session.closeStream?.(id) ?? false;
  }

  progress(progress: number, total?: number, message?: string): void {
    const call = this.#call;
    // Progress after the answer would confuse clients that already dropped the token.
    if (call.progressToken === undefined || call.settled || this.#session.closed) return;
    const params: Record<string, unknown> = { progressToken: call.progressToken, progress };
    if (total !== undefined) params.total = total;
    if (message !== undefined) params.message = message;
    this.#session.send(
      notificationJson('notifications/progress', params),
      'notification',
      call.requestId,
    );
  }

  log(level: LoggingLevel, data: unknown): void {
    const session = this.#session;
    if (session.closed) return;
    if (session.logLevel !== undefined && !isLevelEnabled(level, session.logLevel)) return;
    session.send(
      notificationJson('notifications/message', { level, logger: this.#call.tool, data }),
      'notification',
      this.#call.requestId,
    );
  }
}
