import { isLevelEnabled, type LoggingLevel } from '@mcp-sse/protocol';
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

  get signal(): AbortSignal {
    return this.#call.signal;
  }

  get session(): SessionInfo {
    return this.#session;
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
