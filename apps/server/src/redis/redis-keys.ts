/**
 * Key and channel names of one deployment. Every key of a session carries the session id
 * in braces (a hash tag), so the keys one script touches share a slot.
 */
export class RedisKeys {
  constructor(readonly prefix = 'mcp:') {}

  /** Hash: the session record (principal, times, holder, protocol state). */
  record(id: string): string {
    return `${this.prefix}{${id}}`;
  }

  /** Counter: stream attachments of an HTTP+SSE session, so a late "detached" from an old stream is ignored. */
  gen(id: string): string {
    return `${this.prefix}{${id}}:gen`;
  }

  /** Hash: requests accepted and not yet answered (request id JSON → inbound payload). */
  pending(id: string): string {
    return `${this.prefix}{${id}}:pending`;
  }

  /** List: notifications posted while no instance held the session. */
  inbox(id: string): string {
    return `${this.prefix}{${id}}:inbox`;
  }

  /** String with a short TTL: only one instance takes over an orphaned session at a time. */
  lock(id: string): string {
    return `${this.prefix}{${id}}:lock`;
  }

  /** Counter: the last stream key handed to a Streamable HTTP POST (`0` is the GET stream). */
  streams(id: string): string {
    return `${this.prefix}{${id}}:streams`;
  }

  /** Hash: Streamable HTTP request id JSON → the key of the stream answering it (re-sends). */
  requests(id: string): string {
    return `${this.prefix}{${id}}:requests`;
  }

  /** List: the fields of {@link requests} oldest first, to bound it. */
  requestOrder(id: string): string {
    return `${this.prefix}{${id}}:requests:order`;
  }

  /** Set: pending requests that provably never ran (nobody heard them, or a draining holder left them). */
  notRun(id: string): string {
    return `${this.prefix}{${id}}:notrun`;
  }

  /** String: the last event of the standalone GET stream a client was sent (a plain GET goes on from there). */
  standaloneSent(id: string): string {
    return `${this.prefix}{${id}}:s:0:sent`;
  }

  /**
   * String: the token of the standalone GET stream being served (on any instance), expiring
   * unless its instance's heartbeat refreshes it: while it is there a plain GET gets 409.
   * Not in {@link all}: a session's TTL refresh must not keep it alive.
   */
  standaloneLive(id: string): string {
    return `${this.prefix}{${id}}:s:0:live`;
  }

  /**
   * Counter: the last event sequence number of one stream (INCR: atomic across instances).
   * An HTTP+SSE session has one stream, logged under the standalone stream's key `0`.
   */
  streamSeq(id: string, stream: string): string {
    return `${this.prefix}{${id}}:s:${stream}:seq`;
  }

  /** Stream: the last events of one stream, capped, for replay on whichever instance the client reaches. */
  streamEvents(id: string, stream: string): string {
    return `${this.prefix}{${id}}:s:${stream}:events`;
  }

  /** Counter: bytes kept in {@link streamEvents}. */
  streamBytes(id: string, stream: string): string {
    return `${this.prefix}{${id}}:s:${stream}:bytes`;
  }

  /** Channel the instances serving one stream listen on (its events, polls, its replacement). */
  streamOut(id: string, stream: string): string {
    return `${this.prefix}{${id}}:s:${stream}:out`;
  }

  /** The keys of one stream (its log and counters). */
  streamAll(id: string, stream: string): string[] {
    return [
      this.streamSeq(id, stream),
      this.streamEvents(id, stream),
      this.streamBytes(id, stream),
    ];
  }

  /**
   * Every key of a session but those of its POST streams, for TTL refreshes and deletion
   * (the standalone stream's are in: it is an HTTP+SSE session's only stream).
   */
  all(id: string): string[] {
    return [
      this.record(id),
      this.gen(id),
      ...this.streamAll(id, '0'),
      this.pending(id),
      this.inbox(id),
      this.streams(id),
      this.requests(id),
      this.requestOrder(id),
      this.notRun(id),
      this.standaloneSent(id),
    ];
  }

  /** Sorted set of session ids scored by last activity (count, sweep). */
  get sessions(): string {
    return `${this.prefix}sessions`;
  }

  /** Channel the instance holding a session's core listens on (POSTs, attach/detach, end). */
  inbound(id: string): string {
    return `${this.prefix}{${id}}:in`;
  }

  /** Channel every instance serving a stream of the session listens on (the session ended or was handed back). */
  outbound(id: string): string {
    return `${this.prefix}{${id}}:out`;
  }
}
