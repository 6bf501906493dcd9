/**
 * How the client survives a dropped stream. Every field has a default; pass
 * `reconnect: false` in the client options to turn recovery off (the old behaviour: a
 * dropped stream closes the client).
 */
export interface ReconnectOptions {
  /** Reconnect attempts per outage before giving up (default 10). */
  maxAttempts?: number;
  /** Total ms one outage may last before giving up, delays included (default 60 000). */
  maxElapsedMs?: number;
  /** Upper bound of the first backoff delay in ms (default 500); it doubles per attempt. */
  initialDelayMs?: number;
  /** Cap on one backoff delay in ms (default 30 000). */
  maxDelayMs?: number;
  /**
   * A reconnected stream that stays up this long ends the outage, so the attempt count
   * and the time budget start afresh next time (default 3 000). A server that accepts and
   * drops at once therefore keeps counting towards `maxAttempts`: no reconnect storm.
   */
  stableAfterMs?: number;
  /**
   * The server's heartbeat interval in ms (default 15 000, as `@mcp-sse/server` and the
   * Python SDK). The dead-stream watchdog arms once the server has sent a heartbeat, or
   * at once when this is given explicitly.
   */
  heartbeatMs?: number;
  /** A stream with no bytes for this many heartbeat intervals is dead (default 3). */
  deadAfterHeartbeats?: number;
  /** Source of randomness for the jitter, in [0, 1) (default `Math.random`; tests seed it). */
  random?: () => number;
  /**
   * Streamable HTTP (2025 sessions): a request whose POST or answer broke before it carried
   * an event id is sent again with the same JSON-RPC id on the same session, so that the
   * server attaches the copy to the call it already has. `'auto'` (default): only when the
   * server says it does that (the experimental capability `SAME_ID_RESEND_CAPABILITY`, which
   * `@mcp-sse/server` declares); most servers would run the copy a second time. `true`: always,
   * `false`: never. Without it such a call fails with `session_lost` (may have run) unless
   * it is `idempotent`.
   */
  resendSameId?: boolean | 'auto';
}

/** {@link ReconnectOptions} with every default filled in. */
export interface ResolvedReconnectOptions extends Required<Omit<ReconnectOptions, 'heartbeatMs'>> {
  heartbeatMs: number;
  /** True when the caller gave `heartbeatMs`: the watchdog is armed from the start. */
  heartbeatKnown: boolean;
}

/** Default reconnect settings. */
export const DEFAULT_RECONNECT: Readonly<ResolvedReconnectOptions> = {
  maxAttempts: 10,
  maxElapsedMs: 60_000,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  stableAfterMs: 3_000,
  heartbeatMs: 15_000,
  heartbeatKnown: false,
  deadAfterHeartbeats: 3,
  random: Math.random,
  resendSameId: 'auto',
};

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Fills in defaults; nonsense values (negative, NaN) fall back to the default. */
export function resolveReconnectOptions(options: ReconnectOptions = {}): ResolvedReconnectOptions {
  const d = DEFAULT_RECONNECT;
  const heartbeat = options.heartbeatMs;
  const heartbeatKnown =
    typeof heartbeat === 'number' && Number.isFinite(heartbeat) && heartbeat > 0;
  return {
    maxAttempts: Math.floor(nonNegative(options.maxAttempts, d.maxAttempts)),
    maxElapsedMs: nonNegative(options.maxElapsedMs, d.maxElapsedMs),
    initialDelayMs: nonNegative(options.initialDelayMs, d.initialDelayMs),
    maxDelayMs: nonNegative(options.maxDelayMs, d.maxDelayMs),
    stableAfterMs: nonNegative(options.stableAfterMs, d.stableAfterMs),
    heartbeatMs: heartbeatKnown ? heartbeat : d.heartbeatMs,
    heartbeatKnown,
    deadAfterHeartbeats: Math.max(
      1,
      nonNegative(options.deadAfterHeartbeats, d.deadAfterHeartbeats),
    ),
    random: options.random ?? d.random,
    resendSameId: options.resendSameId ?? d.resendSameId,
  };
}
