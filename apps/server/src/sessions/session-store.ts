/** What the store keeps about a session: enough to authorise a POST and to sweep. */
export interface SessionRecord {
  /** The session id. */
  id: string;
  /** Id of the principal that opened it; null when the server runs without auth. */
  principalId: string | null;
  /** Epoch ms when it was opened. */
  createdAt: number;
  /** Epoch ms of the last message from its client. */
  lastActiveAt: number;
}

/**
 * Where session records live. Async throughout so that a shared store (Redis) can take
 * the in-memory one's place when several instances serve the same clients.
 */
export interface SessionStore {
  /** Saves a new record. */
  create(record: SessionRecord): Promise<void>;
  /** The record, or undefined when there is none. */
  get(id: string): Promise<SessionRecord | undefined>;
  /** Marks the session active at `now`. */
  touch(id: string, now: number): Promise<void>;
  /** Removes the record; removing a missing one is not an error. */
  delete(id: string): Promise<void>;
  /** How many sessions exist. */
  count(): Promise<number>;
  /** Ids of sessions not active since `before` (epoch ms). */
  idleSince(before: number): Promise<string[]>;
}
