import type { McpSseClient } from '../client.js';
import { McpSseClientError } from '../errors.js';
import type { CliIO } from './io.js';
import { forTerminal } from './terminal-text.js';

/** An outage under way: the stream dropped and the client is reconnecting. */
interface Outage {
  startedAt: number;
  attempts: number;
  last: McpSseClientError;
}

/** What {@link watchConnection} knows, for explaining a failure. */
export interface ConnectionWatch {
  /**
   * Turns a failure caused by the server going away into an error that says so: a call
   * that timed out while the client was reconnecting was not slow, its server was gone.
   */
  explain(error: unknown, what: string): unknown;
  /** Stops listening. */
  stop(): void;
}

/**
 * Tells the user on stderr when the server goes away and each reconnect attempt, so that a
 * killed server shows at once instead of as a long silence ending in a timeout.
 */
export function watchConnection(client: McpSseClient, io: CliIO): ConnectionWatch {
  let outage: Outage | undefined;
  const say = (text: string) => io.err(forTerminal(`mcp-sse: ${text}\n`, io.stderrIsTTY));
  const stops = [
    client.on('reconnecting', ({ attempt, delayMs, error }) => {
      if (!outage) {
        outage = { startedAt: Date.now(), attempts: 0, last: error };
        say(`the connection to the server was lost (${error.message}).`);
      }
      outage.attempts = attempt;
      outage.last = error;
      say(`reconnecting: attempt ${attempt} in ${(delayMs / 1000).toFixed(1)} s…`);
    }),
    client.on('reconnected', ({ attempt, resumed }) => {
      outage = undefined;
      say(
        `reconnected after ${attempt} attempt(s)${resumed ? ', session resumed' : ', in a new session'}.`,
      );
    }),
  ];
  return {
    explain(error, what) {
      if (!McpSseClientError.isInstance(error)) return error;
      if (error.code === 'request_timeout' && outage) {
        const seconds = ((Date.now() - outage.startedAt) / 1000).toFixed(1);
        return new McpSseClientError(
          'session_lost',
          `The server went away during ${what} and did not come back (${outage.attempts} reconnect ` +
            `attempt(s) in ${seconds} s; last: ${outage.last.message}). Whether it ran on the ` +
            'server is unknown. Check the server is running.',
          { cause: error },
        );
      }
      if (error.code === 'session_lost' && /could not be reopened/.test(error.message)) {
        return new McpSseClientError('session_lost', `The server went away: ${error.message}`, {
          cause: error,
          ...(error.status === undefined ? {} : { status: error.status }),
        });
      }
      return error;
    },
    stop() {
      for (const stop of stops) stop();
    },
  };
}
