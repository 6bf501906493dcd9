import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new session id: a random (v4) UUID from the CSPRNG, as the TypeScript SDK issues. */
export function newSessionId(): string {
  return randomUUID();
}

/** Whether `value` could be an id from {@link newSessionId}: checked before any store lookup. */
export function isValidSessionId(value: string): boolean {
  return value.length === 36 && UUID.test(value);
}
