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

/** A value, or a promise of it: shared stores answer later, the in-memory one at once. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where session records live. Async-capable throughout so that a shared store (Redis)
 * can take the in-memory one's place when several instances serve the same clients; the
 * two methods on every POST's path may answer synchronously, which spares the in-memory
 * store two promises per call.
 */
export interface SessionStore {
  /** Saves a new record. */
  create(record: SessionRecord): Promise<void>;
  /** The record, or undefined when there is none. */
  get(id: string): MaybePromise<SessionRecord | undefined>;
  /** Marks the session active at `now`. */
  touch(id: string, now: number): MaybePromise<void>;
  /** Removes the record; removing a missing one is not an error. */
  delete(id: string): Promise<void>;
  /** How many sessions exist. */
  count(): Promise<number>;
  /** Ids of sessions not active since `before` (epoch ms). */
  idleSince(before: number): Promise<string[]>;
}
