import type { RequestId } from '@mcp-sse/protocol';
import type { CoreLogger } from '../core/logger.js';
import { restartDelayMs } from './backoff.js';
import { childExitText } from './child-exit-text.js';
import type { StdioCommand } from './parse-command.js';
import { type ChildExit, StdioChild } from './stdio-child.js';
import { childExitedError, childUnavailableError, type GatewayWireError } from './wire-errors.js';

/** A JSON-RPC answer from the child (or one the link made up when the child failed). */
export type ChildAnswer =
  | { result: Record<string, unknown>; error?: undefined }
  | {
      error: GatewayWireError | { code: number; message: string; data?: unknown };
      result?: undefined;
    };

/** A request or notification the child sent. */
export interface ChildMessage {
  method: string;
  params?: Record<string, unknown> | undefined;
  /** Present for a request. */
  id?: RequestId | undefined;
}

/** Process settings shared by every link. */
export interface ChildProcessSettings {
  command: StdioCommand;
  cwd?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  logger: CoreLogger;
  maxMessageBytes: number;
  maxStderrLineChars: number;
  /** Restart backoff: the second restart in a row waits this long, doubling. */
  restartBaseMs: number;
  /** Restart backoff ceiling. */
  restartMaxMs: number;
  /** A child that has not answered `initialize` by then is stopped and counts as a crash. */
  initializeTimeoutMs: number;
  /** Requests held while the child restarts; more are refused. */
  maxQueued: number;
  /** Uptime after which a crash counts as the first in a row again. */
  stableAfterMs: number;
}

/** What a link tells its owner. */
export interface ChildLinkEvents {
  /** A request or notification from the child (its generation, to answer it). */
  onMessage(message: ChildMessage, generation: number): void;
  /** A restarted child answered `initialize`: replay per-client state (log level, subscriptions). */
  onRestarted(): void;
  /** The child ended (requests in flight were failed already). */
  onExit(exit: ChildExit): void;
}

type State = 'idle' | 'starting' | 'ready' | 'waiting' | 'closed';

interface Pending {
  answer: (answer: ChildAnswer) => void;
}

/** Crashes in a row after which requests are refused at once instead of held for the restart. */
const HOLD_WHILE_CRASHES_BELOW = 3;

/**
 * One stdio MCP server kept alive across crashes: its own request ids (never reused, so a
 * late answer of a dead child cannot be mistaken), `initialize` replayed on every restart
 * with the same parameters, requests held (bounded) while it restarts, and exponential
 * backoff when it keeps dying.
 */
export class ChildLink {
  readonly label: string;
  readonly #s: ChildProcessSettings;
  readonly #events: ChildLinkEvents;
  #state: State = 'idle';
  #child: StdioChild | undefined;
  #generation = 0;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #queue: Array<() => void> = [];
  /** Requests held for the restart, by id: a cancel or a failed restart finds them here. */
  readonly #heldAnswers = new Map<number, { entry: () => void; answer: Pending['answer'] }>();
  #crashes = 0;
  #startedAt = 0;
  #initParams: Record<string, unknown> | undefined;
  #initResult: Record<string, unknown> | undefined;
  #restartTimer: NodeJS.Timeout | undefined;
  #lastExit = '';

  constructor(label: string, settings: ChildProcessSettings, events: ChildLinkEvents) {
    this.label = label;
    this.#s = settings;
    this.#events = events;
  }

  /** The child's `initialize` result (capabilities, serverInfo...), once it answered. */
  get initializeResult(): Record<string, unknown> | undefined {
    return this.#initResult;
  }

  /** Counts restarts: answers to a child's request carry the generation it came from. */
  get generation(): number {
    return this.#generation;
  }

  /** Requests sent and not answered. */
  get inFlight(): number {
    return this.#pending.size;
  }

  /** True once stopped for good. */
  get closed(): boolean {
    return this.#state === 'closed';
  }

  /**
   * Starts the child and sends `initialize` with these params; resolves with its answer
   * (a failed start resolves with an error answer, never rejects). With `sendInitialized`
   * the link sends `notifications/initialized` itself; otherwise the client's is forwarded.
   */
  start(params: Record<string, unknown>, sendInitialized: boolean): Promise<ChildAnswer> {
    this.#initParams = params;
    return new Promise((resolve) => this.#spawn(resolve, sendInitialized));
  }

  /** A fresh child-side id, for a caller that must know it before {@link request}. */
  reserveId(): number {
    return this.#nextId++;
  }

  /** Sends a request; `answer` is called exactly once (maybe at once). Returns the child-side id. */
  request(
    method: string,
    params: Record<string, unknown> | undefined,
    answer: (answer: ChildAnswer) => void,
    id: number = this.reserveId(),
  ): number {
    const send = () => {
      this.#pending.set(id, { answer });
      this.#write({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    };
    if (this.#state === 'ready') send();
    else if (this.#state === 'closed')
      answer({ error: childUnavailableError(this.label, 'it was stopped') });
    else if (this.#crashes >= HOLD_WHILE_CRASHES_BELOW) {
      answer({
        error: childUnavailableError(
          this.label,
          `it ${this.#lastExit} ${this.#crashes} times in a row and waits to restart`,
        ),
      });
    } else if (this.#queue.length >= this.#s.maxQueued) {
      answer({
        error: childUnavailableError(this.label, 'too many requests wait for its restart'),
      });
    } else {
      // Held until the child is up; a cancel before then drops it from `#queued`.
      const entry = () => send();
      this.#queue.push(entry);
      this.#heldAnswers.set(id, { entry, answer });
    }
    return id;
  }

  /** Forgets a request (the client cancelled it) and tells the child. */
  cancel(id: number, reason?: string): void {
    const held = this.#heldAnswers.get(id);
    if (held !== undefined) {
      this.#heldAnswers.delete(id);
      this.#queue = this.#queue.filter((entry) => entry !== held.entry);
      return;
    }
    if (!this.#pending.delete(id)) return;
    this.notify('notifications/cancelled', {
      requestId: id,
      ...(reason === undefined ? {} : { reason }),
    });
  }

  /** Sends a notification (dropped while the child is not up: it would not know the context). */
  notify(method: string, params?: Record<string, unknown>): void {
    if (this.#state !== 'ready') return;
    this.#write({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }

  /** Answers one of the child's requests, if the child that asked is still the one running. */
  respond(generation: number, id: RequestId, answer: ChildAnswer): void {
    if (generation !== this.#generation || this.#state !== 'ready') return;
    this.#write({ jsonrpc: '2.0', id, ...answer });
  }

  /** Stops the child for good; requests in flight or held get an error. */
  stop(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    clearTimeout(this.#restartTimer);
    this.#failAll({ error: childUnavailableError(this.label, 'the gateway stopped it') });
    this.#child?.stop();
  }

  #write(message: Record<string, unknown>): void {
    this.#child?.send(JSON.stringify(message));
  }

  #spawn(
    onInitialized: ((answer: ChildAnswer) => void) | undefined,
    sendInitialized: boolean,
  ): void {
    this.#state = 'starting';
    this.#generation++;
    this.#startedAt = Date.now();
    const generation = this.#generation;
    const child = new StdioChild({
      command: this.#s.command,
      cwd: this.#s.cwd,
      env: this.#s.env,
      label: this.label,
      logger: this.#s.logger,
      maxMessageBytes: this.#s.maxMessageBytes,
      maxStderrLineChars: this.#s.maxStderrLineChars,
      onMessage: (message) => this.#message(message, generation),
      onExit: (exit) => this.#exited(exit, generation, onInitialized),
    });
    this.#child = child;
    const id = this.#nextId++;
    const timer = setTimeout(() => {
      this.#s.logger.warn(
        { child: this.label, timeoutMs: this.#s.initializeTimeoutMs },
        `${this.label}: no answer to initialize in time; stopping it`,
      );
      child.stop();
    }, this.#s.initializeTimeoutMs);
    timer.unref();
    this.#pending.set(id, {
      answer: (answer) => {
        clearTimeout(timer);
        if (answer.error !== undefined) {
          // A refused initialize: nothing to keep running.
          this.#s.logger.warn(
            { child: this.label, error: answer.error },
            `${this.label}: initialize refused`,
          );
          const first = onInitialized;
          onInitialized = undefined;
          this.stop();
          first?.(answer);
          return;
        }
        this.#initResult = answer.result;
        this.#state = 'ready';
        if (sendInitialized) this.notify('notifications/initialized');
        const first = onInitialized;
        onInitialized = undefined;
        if (first !== undefined) first(answer);
        else this.#events.onRestarted();
        const queue = this.#queue;
        this.#queue = [];
        this.#heldAnswers.clear();
        for (const entry of queue) entry();
      },
    });
    // The state says 'starting': write directly, not through request().
    child.send(
      JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: this.#initParams }),
    );
  }

  #message(raw: unknown, generation: number): void {
    if (generation !== this.#generation || typeof raw !== 'object' || raw === null) return;
    const message = raw as Record<string, unknown>;
    if (typeof message.method === 'string') {
      this.#events.onMessage(message as unknown as ChildMessage, generation);
      return;
    }
    const id = message.id;
    if (typeof id !== 'number') return;
    const pending = this.#pending.get(id);
    if (pending === undefined) return; // cancelled, or an answer to a replayed request
    this.#pending.delete(id);
    if (typeof message.result === 'object' && message.result !== null) {
      pending.answer({ result: message.result as Record<string, unknown> });
    } else {
      const error = (message.error ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
      pending.answer({
        error: {
          code: typeof error.code === 'number' ? error.code : -32603,
          message:
            typeof error.message === 'string' ? error.message : 'Error from the stdio server',
          ...(error.data === undefined ? {} : { data: error.data }),
        },
      });
    }
  }

  #exited(
    exit: ChildExit,
    generation: number,
    onInitialized: ((answer: ChildAnswer) => void) | undefined,
  ): void {
    if (generation !== this.#generation) return;
    this.#lastExit = childExitText(exit);
    const wasClosed = this.#state === 'closed';
    const level = wasClosed ? 'debug' : 'warn';
    this.#s.logger[level](
      { child: this.label, code: exit.code, signal: exit.signal, error: exit.error },
      `${this.label}: ${this.#lastExit}`,
    );
    this.#failAll({ error: childExitedError(this.label, exit) });
    this.#events.onExit(exit);
    if (wasClosed) return;
    if (onInitialized !== undefined && this.#initResult === undefined) {
      // The very first start failed: there is no client state worth a restart.
      this.#state = 'closed';
      this.#failHeld(childUnavailableError(this.label, `it ${this.#lastExit}`));
      onInitialized({ error: childUnavailableError(this.label, `it ${this.#lastExit}`) });
      return;
    }
    if (Date.now() - this.#startedAt >= this.#s.stableAfterMs) this.#crashes = 0;
    this.#crashes++;
    const delay = restartDelayMs(this.#crashes, this.#s.restartBaseMs, this.#s.restartMaxMs);
    this.#state = 'waiting';
    if (this.#crashes >= HOLD_WHILE_CRASHES_BELOW) {
      this.#failHeld(
        childUnavailableError(this.label, `it ${this.#lastExit} ${this.#crashes} times in a row`),
      );
    }
    this.#s.logger.info(
      { child: this.label, delayMs: delay, crashes: this.#crashes },
      `${this.label}: restarting`,
    );
    this.#restartTimer = setTimeout(() => {
      if (this.#state === 'waiting') this.#spawn(undefined, true);
    }, delay);
    this.#restartTimer.unref();
  }

  #failAll(answer: ChildAnswer): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const entry of pending) entry.answer(answer);
    if (this.#state === 'closed') this.#failHeld(answer.error as GatewayWireError);
  }

  #failHeld(error: GatewayWireError): void {
    const held = [...this.#heldAnswers.values()];
    this.#heldAnswers.clear();
    this.#queue = [];
    for (const entry of held) entry.answer({ error });
  }
}
