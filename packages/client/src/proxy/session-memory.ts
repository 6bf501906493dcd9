import type { McpSseClient } from '../client.js';
import type { Logger } from '../logger.js';

/**
 * What the host set up on the remote session that a new session would not know: resource
 * subscriptions and the log level. When the remote loses our session (restart, expiry) the
 * client starts a new one by itself; replaying these keeps `resources/updated` and log
 * messages flowing to a host that never learns the session changed.
 */
export class SessionMemory {
  readonly #subscribed = new Set<string>();
  #logLevel: string | undefined;

  /** Records a host request that succeeded. */
  remember(method: string, params: Record<string, unknown> | undefined): void {
    const uri = typeof params?.uri === 'string' ? params.uri : undefined;
    if (method === 'resources/subscribe' && uri !== undefined) this.#subscribed.add(uri);
    else if (method === 'resources/unsubscribe' && uri !== undefined) this.#subscribed.delete(uri);
    else if (method === 'logging/setLevel' && typeof params?.level === 'string') {
      this.#logLevel = params.level;
    }
  }

  /** Sets it all up again on the client's new session; failures are logged, not fatal. */
  async replay(client: McpSseClient, logger: Logger): Promise<void> {
    const steps: [string, Record<string, unknown>][] = [];
    if (this.#logLevel !== undefined) steps.push(['logging/setLevel', { level: this.#logLevel }]);
    for (const uri of this.#subscribed) steps.push(['resources/subscribe', { uri }]);
    for (const [method, params] of steps) {
      try {
        await client.request(method, params, { idempotent: true });
      } catch (error) {
        logger.warn?.(
          `Could not redo ${method} ${JSON.stringify(params)} on the new session: ${(error as Error).message}`,
        );
      }
    }
  }
}
