import type { ProgressToken, RequestId } from '@mcp-sse/protocol';
import type { ClientChannel } from '../features/client-channel.js';
import type { CallOutcome } from './call-outcome.js';

/** Why a call ended before its handler returned. */
export type CallEndReason = 'cancelled' | 'timeout' | 'disconnected' | 'shutdown';

/**
 * One tool call from arrival to answer. `settled` turns true once the answer (or the
 * decision not to answer) is made, so a late result, cancel or timeout is ignored.
 */
export class InFlightCall {
  /** True once answered or abandoned. */
  settled = false;
  /**
   * How the handler asks the client (elicit, sample, roots), given the call's signal; unset
   * when the transport cannot carry such requests.
   */
  clientChannel: ((signal: AbortSignal) => ClientChannel) | undefined;
  /** True once a slot was granted and the handler started. */
  started = false;
  /** The validated arguments: a copy of the request (same id, tool and arguments) is told by them. */
  args: unknown;
  #controller: AbortController | undefined;
  #reason: unknown;
  #aborted = false;

  constructor(
    /** The JSON-RPC request id; undefined for calls that cannot be cancelled (simple form). */
    readonly requestId: RequestId | undefined,
    /** The tool's name, for logs. */
    readonly tool: string,
    /** Epoch ms after which the call times out; Infinity for none. */
    readonly deadline: number,
    /** The caller's progress token, if it asked for progress. */
    readonly progressToken: ProgressToken | undefined,
    /** Epoch ms of arrival. */
    readonly startedAt: number,
    /** Delivers the outcome to the caller; called at most once, by whoever settles. */
    readonly respond: (outcome: CallOutcome) => void,
  ) {}

  /**
   * The handler's abort signal, created on first use: most handlers never look at it, and
   * an AbortController per call is measurable on a busy server.
   */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /**
   * Whether a request is a copy of this call: a client that lost its POST's 202 sends the
   * same request again, and the first one's answer is the answer to both. Compared only
   * when an id in flight comes again, which is rare.
   */
  isCopy(tool: string, args: unknown, progressToken: ProgressToken | undefined): boolean {
    return (
      tool === this.tool &&
      progressToken === this.progressToken &&
      JSON.stringify(args) === JSON.stringify(this.args)
    );
  }

  /** Aborts the handler's signal (once). */
  abort(reason: Error): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }
}
