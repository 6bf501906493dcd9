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

  /** Counter: the last event sequence number handed out (INCR: atomic across instances). */
  seq(id: string): string {
    return `${this.prefix}{${id}}:seq`;
  }

  /** Counter: stream attachments, so a late "detached" from an old stream is ignored. */
  gen(id: string): string {
    return `${this.prefix}{${id}}:gen`;
  }

  /** Stream: the last events, capped, for replay on whichever instance the client resumes. */
  events(id: string): string {
    return `${this.prefix}{${id}}:events`;
  }

  /** Counter: bytes of the events kept in {@link events}, to cap it by size. */
  eventBytes(id: string): string {
    return `${this.prefix}{${id}}:events:bytes`;
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

  /** Every key of a session, for TTL refreshes and deletion. */
  all(id: string): string[] {
    return [
      this.record(id),
      this.seq(id),
      this.gen(id),
      this.events(id),
      this.eventBytes(id),
      this.pending(id),
      this.inbox(id),
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

  /** Channel the instance(s) streaming a session listen on (events, takeover, end). */
  outbound(id: string): string {
    return `${this.prefix}{${id}}:out`;
  }
}
