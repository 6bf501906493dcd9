import {
  isLevelEnabled,
  type LoggingLevel,
  type ProgressToken,
  type RequestId,
} from '@mcp-sse/protocol';
import { notificationJson } from '../core/wire.js';
import type { SessionInfo, ToolContext } from '../tools/tool-context.js';
import type { ClientChannel } from './client-channel.js';
import { clientRequests } from './client-requests.js';

/** What a {@link FeatureContext} needs of its session. */
export interface FeatureSession extends SessionInfo {
  readonly closed: boolean;
  readonly logLevel: LoggingLevel | undefined;
  readonly send: (
    json: string,
    kind?: 'notification' | 'request',
    relatedRequestId?: RequestId,
  ) => void;
}

/**
 * The `ctx` of a resource read, template read or prompt get: the same surface as a tool's,
 * bound to one request. Its notifications go to that request's stream.
 */
export class FeatureContext implements ToolContext {
  readonly #session: FeatureSession;
  readonly #requestId: RequestId;
  readonly #progressToken: ProgressToken | undefined;
  readonly #logger: string;
  readonly #controller = new AbortController();
  readonly elicit: ToolContext['elicit'];
  readonly sample: ToolContext['sample'];
  readonly roots: ToolContext['roots'];
  /** True once the request was answered: late notifications are dropped. */
  done = false;

  constructor(
    session: FeatureSession,
    requestId: RequestId,
    progressToken: ProgressToken | undefined,
    logger: string,
    channel: (signal: AbortSignal) => ClientChannel,
  ) {
    this.#session = session;
    this.#requestId = requestId;
    this.#progressToken = progressToken;
    this.#logger = logger;
    ({
      elicit: this.elicit,
      sample: this.sample,
      roots: this.roots,
    } = clientRequests(() => channel(this.signal)));
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get session(): SessionInfo {
    return this.#session;
  }

  /** Aborts the handler's signal (cancel, session closed). */
  abort(reason: Error): void {
    this.#controller.abort(reason);
  }

  progress(progress: number, total?: number, message?: string): void {
    if (this.#progressToken === undefined || this.done || this.#session.closed) return;
    const params: Record<string, unknown> = { progressToken: this.#progressToken, progress };
    if (total !== undefined) params.total = total;
    if (message !== undefined) params.message = message;
    this.#session.send(
      notificationJson('notifications/progress', params),
      'notification',
      this.#requestId,
    );
  }

  log(level: LoggingLevel, data: unknown): void {
    const session = this.#session;
    if (session.closed || this.done) return;
    if (session.logLevel !== undefined && !isLevelEnabled(level, session.logLevel)) return;
    session.send(
      notificationJson('notifications/message', { level, logger: this.#logger, data }),
      'notification',
      this.#requestId,
    );
  }
}
